// The service catalogue on both backends: from a template to a published service, what the
// admin may change and what is refused whole, who may do it, and what the public list shows.
#include "modules/services/catalogue.hpp"

#include <gtest/gtest.h>

#include "testing/testing.hpp"

namespace prongsai::services {
namespace {

struct CatalogueTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
    for (const auto& u : f->app->get<accounts::Service>().units(f->agency_id)) unit[u.name_th] = u.id;
  }
  Catalogue& catalogue() { return f->app->get<services::Catalogue>(); }
  ServiceInput input_of(const Service& s) {
    std::string docs;
    for (const auto& d : s.documents) docs += d + "\n";
    return {s.name_th,
            s.name_en,
            s.unit_id ? std::to_string(*s.unit_id) : "",
            std::to_string(s.target_days),
            s.calendar_days ? "calendar" : "working",
            s.contact_required ? "required" : "optional",
            docs,
            s.published};
  }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin;
  std::map<std::string, std::int64_t> unit;
};

TEST_F(CatalogueTest, ATemplateBecomesADraftWithTheAgencysUnitThenIsPublished) {
  auto id = catalogue().add_from_template(admin, "street_light");
  ASSERT_TRUE(id) << id.error().detail;
  Service s = *catalogue().get(admin, *id);
  EXPECT_EQ(s.name_th, "แจ้งซ่อมไฟฟ้าสาธารณะ");
  ASSERT_TRUE(unit.contains("กองช่าง"));
  EXPECT_EQ(s.unit_id, unit["กองช่าง"]) << "the template's unit, matched by name";
  EXPECT_EQ(s.target_days, 5);
  EXPECT_FALSE(s.published);
  EXPECT_EQ(s.form.fields.size(), 4u);
  EXPECT_TRUE(catalogue().published(f->agency_id).empty()) << "a draft is not public";

  ServiceInput in = input_of(s);
  in.target_days = "7";
  in.documents = "  ภาพถ่ายจุดที่ไฟดับ \n\n";
  in.published = true;
  ASSERT_TRUE(catalogue().update(admin, *id, in));
  auto list = catalogue().published(f->agency_id);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].target_days, 7);
  EXPECT_EQ(list[0].documents, (std::vector<std::string>{"ภาพถ่ายจุดที่ไฟดับ"}));
  // The same template twice is one service too many.
  EXPECT_EQ(catalogue().add_from_template(admin, "street_light").error().kind, ErrorKind::conflict);
  EXPECT_EQ(catalogue().add_from_template(admin, "no_such").error().field, "template");
}

TEST_F(CatalogueTest, BadChangesAreRefusedWholeAndOnlyTheAdminChanges) {
  auto id = catalogue().add_from_template(admin, "facility_use");
  ASSERT_TRUE(id);
  Service before = *catalogue().get(admin, *id);
  auto refused = [&](ServiceInput in) {
    auto r = catalogue().update(admin, *id, in);
    return r ? std::string("accepted") : r.error().field + " " + r.error().message_key;
  };
  ServiceInput in = input_of(before);
  in.name_en = "Venue";
  in.target_days = "0";
  EXPECT_EQ(refused(in), "target_days error.number_range");
  in.target_days = "3";
  in.unit_id = "999999";
  EXPECT_EQ(refused(in), "unit_id error.unknown_unit");
  in.unit_id = "";
  in.published = true;
  EXPECT_EQ(refused(in), "unit_id error.service_needs_unit");
  in.published = false;
  in.contact = "maybe";
  EXPECT_EQ(refused(in), "contact error.choice");
  in.contact = "optional";
  in.count = "weekdays";
  EXPECT_EQ(refused(in), "count error.choice");
  in.count = "working";
  in.name_th = "";
  EXPECT_EQ(refused(in), "name_th error.required");
  Service after = *catalogue().get(admin, *id);
  EXPECT_EQ(after.name_en, before.name_en) << "nothing of a refused change is kept";

  ASSERT_TRUE(catalogue().add_from_template(admin, "road_repair"));
  in = input_of(before);
  in.name_th = "แจ้งซ่อมถนน";
  EXPECT_EQ(refused(in), "name_th error.service_exists");

  auto staff = f->principal("staff@example.org");
  EXPECT_EQ(catalogue().add_from_template(staff, "water_supply").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(catalogue().update(staff, *id, input_of(before)).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(catalogue().all(staff).error().kind, ErrorKind::forbidden);
}

TEST_F(CatalogueTest, TheAdminEditsTheFormWholeOrNotAtAll) {
  auto id = catalogue().add_from_template(admin, "street_light");
  ASSERT_TRUE(id);
  Service before = *catalogue().get(admin, *id);
  nlohmann::json def = to_json(before.form);
  def["fields"].push_back(
      {{"key", "when"}, {"type", "choice"}, {"label_th", "ช่วงเวลาที่พบ"}, {"options", nlohmann::json::array()}});
  auto r = catalogue().set_form(admin, *id, def);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "fields.4.options") << "a choice needs options, and the field is named";
  EXPECT_EQ(catalogue().get(admin, *id)->form.fields.size(), 4u) << "nothing of a refused form is kept";

  def["fields"].back()["options"] = {{{"value", "night"}, {"label_th", "กลางคืน"}}};
  std::swap(def["fields"][0], def["fields"][4]);
  ASSERT_TRUE(catalogue().set_form(admin, *id, def));
  Service after = *catalogue().get(admin, *id);
  ASSERT_EQ(after.form.fields.size(), 5u);
  EXPECT_EQ(after.form.fields[0].key, "when");
  EXPECT_EQ(after.form.fields[4].key, "where");
  auto last = f->app->store().read([](store::ReadTx& tx) {
    return tx.query_one("SELECT action, after_json FROM audit_log ORDER BY id DESC LIMIT 1");
  });
  ASSERT_TRUE(last);
  EXPECT_EQ(last->text("action"), "update");
  EXPECT_NE(last->text("after_json").find("ช่วงเวลาที่พบ"), std::string::npos) << "the audit keeps the form as it became";

  def["fields"] = nlohmann::json::array();
  EXPECT_EQ(catalogue().set_form(admin, *id, def).error().field, "fields") << "a form needs a field";
  EXPECT_EQ(catalogue().set_form(f->principal("staff@example.org"), *id, to_json(after.form)).error().kind,
            ErrorKind::forbidden);
}

}  // namespace
}  // namespace prongsai::services
