#include "modules/services/holidays.hpp"

#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"

namespace prongsai::services {
namespace {

using http::Role;

constexpr std::string_view kInYear =
    "SELECT day, name FROM holidays WHERE agency_id = ? AND day >= ? AND day <= ? ORDER BY day";
constexpr std::string_view kAll = "SELECT day FROM holidays WHERE agency_id = ?";
constexpr std::string_view kOne = "SELECT name FROM holidays WHERE agency_id = ? AND day = ?";
constexpr std::string_view kInsert = "INSERT INTO holidays (agency_id, day, name) VALUES (?, ?, ?)";
constexpr std::string_view kRename = "UPDATE holidays SET name = ? WHERE agency_id = ? AND day = ?";
constexpr std::string_view kDelete = "DELETE FROM holidays WHERE agency_id = ? AND day = ?";

struct Fixed {
  unsigned month, day;
  const char* name;
};
// วันหยุดราชการประจำปีที่ตรงกับวันที่เดิมทุกปี.
constexpr Fixed kFixed[] = {
    {10, 13, "วันนวมินทรมหาราช"},
    {10, 23, "วันปิยมหาราช"},
    {12, 5, "วันคล้ายวันพระบรมราชสมภพของพระบาทสมเด็จพระบรมชนกาธิเบศร มหาภูมิพลอดุลยเดชมหาราช บรมนาถบพิตร วันชาติ และวันพ่อแห่งชาติ"},
    {12, 10, "วันรัฐธรรมนูญ"},
    {12, 31, "วันสิ้นปี"},
    {1, 1, "วันขึ้นปีใหม่"},
    {4, 6, "วันพระบาทสมเด็จพระพุทธยอดฟ้าจุฬาโลกมหาราชและวันที่ระลึกมหาจักรีบรมราชวงศ์"},
    {4, 13, "วันสงกรานต์"},
    {4, 14, "วันสงกรานต์"},
    {4, 15, "วันสงกรานต์"},
    {5, 4, "วันฉัตรมงคล"},
    {6, 3, "วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี"},
    {7, 28, "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว"},
    {8, 12, "วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวง และวันแม่แห่งชาติ"},
};

}  // namespace

std::vector<Holiday> fixed_public_holidays(const calendar::FiscalYear& fy) {
  std::vector<Holiday> out;
  int ce_start = fy.be() - 543 - 1;  // October of the year before the one the fiscal year is named by
  for (const Fixed& f : kFixed) {
    int year = f.month >= 10 ? ce_start : ce_start + 1;
    out.push_back({calendar::make_date(year, f.month, f.day), f.name});
  }
  return out;
}

std::vector<Holiday> Holidays::in_year(std::int64_t agency_id, const calendar::FiscalYear& fy) {
  calendar::Period p = fy.period();
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Holiday> out;
    for (const auto& r : tx.query(kInYear, {agency_id, calendar::iso(p.first), calendar::iso(p.last)})) {
      if (auto d = calendar::parse_iso(r.text("day"))) out.push_back({*d, r.text("name")});
    }
    return out;
  });
}

calendar::WorkingDays Holidays::working_days(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<calendar::Date> days;
    for (const auto& r : tx.query(kAll, {agency_id}))
      if (auto d = calendar::parse_iso(r.text("day"))) days.push_back(*d);
    return calendar::WorkingDays(days);
  });
}

Result<void> Holidays::add(const http::Principal& by, const std::string& iso_day, const std::string& raw_name) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto day = calendar::parse_iso(text::trim(iso_day));
  if (!day) return fail(Error::invalid_field("day", "error.date"));
  auto name = text::form_field("name", raw_name, 200, true);
  if (!name) return fail(name.error());
  std::string d = calendar::iso(*day);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    if (auto old = tx.query_one(kOne, {by.agency_id, d})) {
      tx.apply(store::Change{by.agency_id, "holiday", d, "update", {{"name", old->text("name")}}, {{"name", *name}}},
               kRename, {*name, by.agency_id, d});
    } else {
      tx.apply(store::Change{by.agency_id, "holiday", d, "create", nullptr, {{"name", *name}}}, kInsert,
               {by.agency_id, d, *name});
    }
    return ok();
  });
}

Result<void> Holidays::remove(const http::Principal& by, const std::string& iso_day) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto day = calendar::parse_iso(text::trim(iso_day));
  if (!day) return fail(Error::not_found("holiday"));
  std::string d = calendar::iso(*day);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto old = tx.query_one(kOne, {by.agency_id, d});
    if (!old) return fail(Error::not_found("holiday"));
    tx.apply(store::Change{by.agency_id, "holiday", d, "delete", {{"name", old->text("name")}}, nullptr}, kDelete,
             {by.agency_id, d});
    return ok();
  });
}

Result<int> Holidays::add_fixed(const http::Principal& by, const calendar::FiscalYear& fy) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<int> {
    int added = 0;
    for (const Holiday& h : fixed_public_holidays(fy)) {
      std::string d = calendar::iso(h.day);
      if (tx.query_one(kOne, {by.agency_id, d})) continue;
      tx.apply(store::Change{by.agency_id, "holiday", d, "create", nullptr, {{"name", h.name}}}, kInsert,
               {by.agency_id, d, h.name});
      ++added;
    }
    return added;
  });
}

}  // namespace prongsai::services
