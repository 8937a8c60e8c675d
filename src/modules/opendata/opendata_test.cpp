// The open-data hub on both backends: every module's dataset in the catalogue with the years
// that have a table, a year's table as CSV and JSON in its columns' order, the DCAT catalogue's
// datasets and distributions, CKAN's package with the fields harvesters read and an id that
// stays the same, and the admin's responsible units (audited; a unit not of the agency
// refused, nothing stored).
#include <gtest/gtest.h>

#include "modules/opendata/hub.hpp"
#include "testing/testing.hpp"

namespace prongsai::opendata {
namespace {

struct OpenDataTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    f->clock->set(calendar::start_of_day(calendar::make_date(2024, 1, 10)) + 9 * 3600);  // fiscal year 2567
  }
  Hub& hub() { return f->app->get<Hub>(); }
  Catalog catalog() { return hub().catalog(f->agency_id, "https://www.example.go.th", Lang::th); }
  std::int64_t audit_rows() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  }
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(OpenDataTest, EveryModulesDatasetIsInTheCatalogueWithItsYears) {
  Catalog c = catalog();
  std::vector<std::string> names;
  for (const Entry& e : c.entries) names.push_back(e.name());
  for (const char* name :
       {"measures", "oit-readiness", "channel-statistics", "service-statistics", "satisfaction", "procurement"})
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  const Entry* channels = c.find("channel-statistics");
  ASSERT_TRUE(channels);
  ASSERT_FALSE(channels->years.empty());
  EXPECT_EQ(channels->years.front().year, 2567) << "the current year first";
  EXPECT_EQ(channels->years.front().table.modified, calendar::make_date(2024, 1, 10)) << "figures as of today";
  EXPECT_EQ(channels->modified, calendar::make_date(2024, 1, 10));
  EXPECT_EQ(channels->unit, c.agency_name) << "no unit set: the agency answers for it";
  EXPECT_FALSE(channels->keywords.empty());
  // Nothing published: no year of procurement to offer.
  ASSERT_TRUE(c.find("procurement"));
  EXPECT_TRUE(c.find("procurement")->years.empty());
  EXPECT_EQ(c.find("nothing"), nullptr);
}

TEST_F(OpenDataTest, AYearsTableIsWrittenInItsColumnsOrder) {
  web::DataTable t{{"เดือน", "จำนวน"}, {{"ต.ค. 2566", "3"}, {"พ.ย. 2566", "0"}}, calendar::make_date(2024, 1, 10)};
  const std::string csv = render(t, "csv", "ทดสอบ", "อบต.", "test", 2567);
  EXPECT_EQ(csv, "\xEF\xBB\xBF\"เดือน\",\"จำนวน\"\r\n\"ต.ค. 2566\",\"3\"\r\n\"พ.ย. 2566\",\"0\"\r\n");
  const std::string json = render(t, "json", "ทดสอบ", "อบต.", "test", 2567);
  EXPECT_LT(json.find("\"เดือน\": \"ต.ค. 2566\""), json.find("\"จำนวน\": \"3\"")) << json;
  auto doc = nlohmann::json::parse(json);
  EXPECT_EQ(doc["fiscal_year"], 2567);
  EXPECT_EQ(doc["modified"], "2024-01-10");
  EXPECT_EQ(doc["records"].size(), 2u);
  EXPECT_EQ(doc["records"][1]["จำนวน"], "0");
  const std::string xlsx = render(t, "xlsx", "ทดสอบ", "อบต.", "test", 2567);
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
}

TEST_F(OpenDataTest, TheDcatCatalogueHoldsEveryDatasetAndADistributionPerYearAndFormat) {
  Catalog c = catalog();
  nlohmann::json doc = dcat(c);
  EXPECT_EQ(doc["@type"], "dcat:Catalog");
  EXPECT_EQ(doc["@context"]["dcat"], "http://www.w3.org/ns/dcat#");
  ASSERT_EQ(doc["dcat:dataset"].size(), c.entries.size());
  for (std::size_t i = 0; i < c.entries.size(); ++i) {
    const nlohmann::json& d = doc["dcat:dataset"][i];
    const Entry& e = c.entries[i];
    EXPECT_EQ(d["@id"], "https://www.example.go.th/opendata/" + e.name());
    EXPECT_EQ(d["dct:title"][0]["@value"], e.title);
    EXPECT_EQ(d["dct:title"][0]["@language"], "th");
    EXPECT_EQ(d["dcat:distribution"].size(), e.years.size() * std::size(kFormats)) << e.name();
    EXPECT_EQ(d["dct:accessRights"]["@id"], "http://publications.europa.eu/resource/authority/access-right/PUBLIC");
  }
  auto dataset = [&](std::string_view name) {
    for (const nlohmann::json& d : doc["dcat:dataset"])
      if (d["dct:identifier"] == name) return d;
    return nlohmann::json();
  };
  const nlohmann::json first = dataset("channel-statistics")["dcat:distribution"][0];  // 2567, CSV
  EXPECT_EQ(first["dcat:downloadURL"]["@id"], "https://www.example.go.th/opendata/channel-statistics/2567.csv");
  EXPECT_EQ(first["dcat:mediaType"]["@id"], "https://www.iana.org/assignments/media-types/text/csv");
  EXPECT_EQ(first["dct:temporal"]["dcat:startDate"]["@value"], "2023-10-01");
  EXPECT_EQ(first["dct:temporal"]["dcat:endDate"]["@value"], "2024-09-30");
}

TEST_F(OpenDataTest, CkanPackagesCarryWhatHarvestersReadUnderAnIdThatStays) {
  Catalog c = catalog();
  const Entry* e = c.find("channel-statistics");
  ASSERT_TRUE(e);
  nlohmann::json p = ckan_package(c, *e);
  for (const char* field : {"id", "name", "title", "notes", "license_id", "license_title", "metadata_created",
                            "metadata_modified", "organization", "owner_org", "tags", "extras", "resources", "state"})
    EXPECT_TRUE(p.contains(field)) << field;
  EXPECT_EQ(p["name"], "channel-statistics");
  EXPECT_EQ(p["license_id"], "cc-by-4.0");
  EXPECT_EQ(p["metadata_modified"], "2024-01-10T00:00:00");
  EXPECT_EQ(p["resources"].size(), e->years.size() * std::size(kFormats));
  EXPECT_EQ(p["resources"][0]["url"], "https://www.example.go.th/opendata/channel-statistics/2567.csv");
  EXPECT_EQ(p["resources"][0]["format"], "CSV");
  const std::string id = p["id"];
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '8') << "a UUID of version 8";
  EXPECT_EQ(ckan_package(catalog(), *catalog().find("channel-statistics"))["id"], id) << "the same at every harvest";
  EXPECT_NE(ckan_id(c, "service-statistics"), id);
}

TEST_F(OpenDataTest, TheAdminNamesTheUnitAnsweringForEachDataset) {
  const http::Principal admin = f->principal("admin@example.org");
  auto units = f->app->get<accounts::Service>().units(f->agency_id);
  ASSERT_FALSE(units.empty());
  const std::int64_t before = audit_rows();
  ASSERT_TRUE(hub().set_units(admin, {{"procurement", units[0].id}, {"channel-statistics", 0}}));
  EXPECT_EQ(audit_rows(), before + 1) << "only what changed";
  Catalog c = catalog();
  EXPECT_EQ(c.find("procurement")->unit, units[0].name_th);
  EXPECT_EQ(ckan_package(c, *c.find("procurement"))["maintainer"], units[0].name_th);
  for (const nlohmann::json& d : dcat(c)["dcat:dataset"])
    EXPECT_EQ(d["dcat:contactPoint"]["vcard:fn"],
              d["dct:identifier"] == "procurement" ? units[0].name_th : c.agency_name);

  // A unit not of the agency, a dataset nobody offers, someone not the admin: nothing stored.
  auto refused = hub().set_units(admin, {{"procurement", 999'999}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "unit-procurement");
  EXPECT_FALSE(hub().set_units(admin, {{"no-such-dataset", units[0].id}}));
  EXPECT_EQ(hub().set_units(f->principal("staff@example.org"), {{"procurement", 0}}).error().kind,
            ErrorKind::forbidden);
  EXPECT_EQ(hub().units(f->agency_id).at("procurement"), units[0].id);

  ASSERT_TRUE(hub().set_units(admin, {{"procurement", 0}}));
  EXPECT_FALSE(hub().units(f->agency_id).contains("procurement"));
  EXPECT_EQ(catalog().find("procurement")->unit, c.agency_name);
}

}  // namespace
}  // namespace prongsai::opendata
