// The procurement register. See procurement.hpp.
#include <algorithm>
#include <charconv>
#include <map>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/library/library.hpp"
#include "modules/procurement/procurement.hpp"
#include "modules/procurement/queries.hpp"

namespace prongsai::procurement {
namespace {

using http::Role;
using nlohmann::json;

constexpr std::size_t kMaxName = 1000, kMaxText = 2000, kMaxRows = 100;

std::optional<calendar::Date> date_from(const store::Row& r, std::string_view column) {
  auto t = r.opt_text(column);
  return t ? calendar::parse_iso(*t) : std::nullopt;
}
store::Value date_value(const std::optional<calendar::Date>& d) {
  return d ? store::Value(calendar::iso(*d)) : store::Value(nullptr);
}

Project project_from(const store::Row& r) {
  Project p;
  p.id = r.integer("id");
  p.fiscal_year = static_cast<int>(r.integer("fiscal_year"));
  p.egp_number = r.text("egp_number");
  p.name = r.text("name");
  p.method = r.text("method");
  p.method_text = r.text("method_text");
  p.budget = r.opt_integer("budget");
  p.budget_source = r.text("budget_source");
  p.reference_price = r.opt_integer("reference_price");
  p.vendor = r.text("vendor");
  p.agreed_price = r.opt_integer("agreed_price");
  p.reason = r.text("reason");
  p.announced_on = date_from(r, "announced_on");
  p.delivered_on = date_from(r, "delivered_on");
  p.status = r.text("status");
  p.unit_id = r.opt_integer("unit_id");
  p.source = r.text("source");
  p.updated_at = r.integer("updated_at");
  return p;
}

Bid bid_from(const store::Row& r) { return {r.text("bidder"), r.opt_integer("price")}; }
Contract contract_from(const store::Row& r) {
  return {r.text("number"), r.text("vendor"), r.opt_integer("price"), date_from(r, "signed_on"),
          date_from(r, "finish_on")};
}

ProjectDocument document_from(const store::Row& r) {
  return {r.integer("document_id"), r.text("role"), r.integer("linked_at")};
}

// The bidders, contracts and documents of one project.
void fill_rows(store::ReadTx& tx, std::int64_t agency_id, Project& p) {
  for (const auto& r : tx.query(q::kBids, {agency_id, p.id})) p.bids.push_back(bid_from(r));
  for (const auto& r : tx.query(q::kContracts, {agency_id, p.id})) p.contracts.push_back(contract_from(r));
  for (const auto& r : tx.query(q::kDocuments, {agency_id, p.id})) p.documents.push_back(document_from(r));
}

std::string day_text(const std::optional<calendar::Date>& d) { return d ? calendar::iso(*d) : ""; }

// What the audit keeps of a purchase: every field, amounts in satang.
json audit_view(const Project& p) {
  json bids = json::array(), contracts = json::array(), documents = json::array();
  for (const ProjectDocument& d : p.documents) documents.push_back({{"document_id", d.document_id}, {"role", d.role}});
  for (const Bid& b : p.bids) bids.push_back({{"bidder", b.bidder}, {"price", b.price ? json(*b.price) : json()}});
  for (const Contract& c : p.contracts)
    contracts.push_back({{"number", c.number},
                         {"vendor", c.vendor},
                         {"price", c.price ? json(*c.price) : json()},
                         {"signed_on", day_text(c.signed_on)},
                         {"finish_on", day_text(c.finish_on)}});
  auto amount = [](const std::optional<Satang>& a) { return a ? json(*a) : json(); };
  return {{"fiscal_year", p.fiscal_year},
          {"egp_number", p.egp_number},
          {"name", p.name},
          {"method", p.method},
          {"budget", amount(p.budget)},
          {"budget_source", p.budget_source},
          {"reference_price", amount(p.reference_price)},
          {"vendor", p.vendor},
          {"agreed_price", amount(p.agreed_price)},
          {"reason", p.reason},
          {"announced_on", day_text(p.announced_on)},
          {"delivered_on", day_text(p.delivered_on)},
          {"status", p.status},
          {"unit_id", p.unit_id ? json(*p.unit_id) : json()},
          {"source", p.source},
          {"bids", bids},
          {"contracts", contracts},
          {"documents", documents}};
}

store::Params project_params(const Project& p, std::int64_t now) {
  return {std::int64_t{p.fiscal_year},
          p.egp_number,
          p.name,
          p.method,
          p.method_text,
          store::nullable(p.budget),
          p.budget_source,
          store::nullable(p.reference_price),
          p.vendor,
          store::nullable(p.agreed_price),
          p.reason,
          date_value(p.announced_on),
          date_value(p.delivered_on),
          p.status,
          store::nullable(p.unit_id),
          p.source,
          now};
}

std::int64_t insert(store::WriteTx& tx, std::int64_t agency_id, Project& p) {
  store::Params params = project_params(p, tx.now());
  params.insert(params.begin(), agency_id);
  params.insert(params.end() - 1, tx.now());  // created_at before updated_at
  p.id = tx.apply(store::Change::create(agency_id, "procurement_project", audit_view(p)), q::kInsertProject, params)
             .at(0)
             .integer("id");
  return p.id;
}

void update(store::WriteTx& tx, std::int64_t agency_id, const Project& before, const Project& after) {
  store::Params params = project_params(after, tx.now());
  params.push_back(agency_id);
  params.push_back(before.id);
  tx.apply(store::Change::update(agency_id, "procurement_project", before.id, audit_view(before), audit_view(after)),
           q::kUpdateProject, params);
  tx.also(q::kDeleteBids, {agency_id, before.id});
  tx.also(q::kDeleteContracts, {agency_id, before.id});
  tx.also(q::kDeleteDocuments, {agency_id, before.id});
}

// The rows of a project just written (after insert, or after update cleared them).
void write_rows(store::WriteTx& tx, std::int64_t agency_id, const Project& p) {
  std::int64_t n = 0;
  for (const Bid& b : p.bids) tx.also(q::kInsertBid, {agency_id, p.id, ++n, b.bidder, store::nullable(b.price)});
  n = 0;
  for (const Contract& c : p.contracts)
    tx.also(q::kInsertContract, {agency_id, p.id, ++n, c.number, c.vendor, store::nullable(c.price),
                                 date_value(c.signed_on), date_value(c.finish_on)});
  n = 0;
  for (const ProjectDocument& d : p.documents)
    tx.also(q::kInsertDocument, {agency_id, p.id, ++n, d.document_id, d.role, d.linked_at});
}

bool known(std::string_view value, const auto& list) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

int rank(std::string_view status) {
  auto it = std::find(std::begin(kStatuses), std::end(kStatuses), status);
  return static_cast<int>(it - std::begin(kStatuses));
}

Result<std::optional<Satang>> amount_field(std::string_view field, std::string_view typed) {
  std::string_view t = text::trim(typed);
  if (t.empty()) return std::optional<Satang>();
  auto v = parse_baht(t);
  if (!v) return fail(Error::invalid_field(std::string(field), "procurement.error.amount"));
  return v;
}

Result<std::optional<calendar::Date>> date_field(std::string_view field, std::string_view typed) {
  std::string_view t = text::trim(typed);
  if (t.empty()) return std::optional<calendar::Date>();
  auto d = calendar::parse_iso(t);
  if (!d) d = calendar::parse_thai(t);
  if (!d) return fail(Error::invalid_field(std::string(field), "error.date"));
  return std::optional<calendar::Date>(*d);
}

// The purchase a form describes, checked field by field.
Result<Project> project_of(const ProjectInput& in, int fiscal_year) {
  Project p;
  p.fiscal_year = fiscal_year;
  p.egp_number = std::string(text::trim(in.egp_number));
  if (p.egp_number.size() > 30 || p.egp_number.find_first_not_of("0123456789") != std::string::npos)
    return fail(Error::invalid_field("egp_number", "procurement.error.number"));
  auto name = text::form_field("name", in.name, kMaxName, true);
  if (!name) return fail(name.error());
  p.name = *name;
  if (!known(in.method, kMethods)) return fail(Error::invalid_field("method", "error.choice"));
  p.method = in.method;
  p.method_text = std::string(text::trim(in.method_text));
  if (!known(in.status, kStatuses)) return fail(Error::invalid_field("status", "error.choice"));
  p.status = in.status;
  for (auto [field, typed, into] : {std::tuple{"budget", &in.budget, &p.budget},
                                    std::tuple{"reference_price", &in.reference_price, &p.reference_price},
                                    std::tuple{"agreed_price", &in.agreed_price, &p.agreed_price}}) {
    auto a = amount_field(field, *typed);
    if (!a) return fail(a.error());
    *into = *a;
  }
  for (auto [field, typed, into] : {std::tuple{"budget_source", &in.budget_source, &p.budget_source},
                                    std::tuple{"vendor", &in.vendor, &p.vendor}}) {
    auto t = text::form_field(field, *typed, kMaxText, false);
    if (!t) return fail(t.error());
    *into = *t;
  }
  auto reason = text::form_field("reason", in.reason, kMaxText, false, text::Lines::multiple);
  if (!reason) return fail(reason.error());
  p.reason = *reason;
  auto announced = date_field("announced_on", in.announced_on);
  if (!announced) return fail(announced.error());
  p.announced_on = *announced;
  auto delivered = date_field("delivered_on", in.delivered_on);
  if (!delivered) return fail(delivered.error());
  p.delivered_on = *delivered;
  p.unit_id = in.unit_id;
  if (in.bids.size() > kMaxRows) return fail(Error::invalid_field("bids", "error.too_many"));
  if (in.contracts.size() > kMaxRows) return fail(Error::invalid_field("contracts", "error.too_many"));
  if (in.documents.size() > kMaxRows) return fail(Error::invalid_field("documents", "error.too_many"));
  for (const BidInput& b : in.bids) {
    std::string_view bidder = text::trim(b.bidder);
    if (bidder.empty() && text::trim(b.price).empty()) continue;  // a blank row of the form
    if (bidder.empty()) return fail(Error::invalid_field("bids", "procurement.error.bidder"));
    auto price = amount_field("bids", b.price);
    if (!price) return fail(price.error());
    p.bids.push_back({std::string(bidder), *price});
  }
  for (const ContractInput& c : in.contracts) {
    Contract k{std::string(text::trim(c.number)), std::string(text::trim(c.vendor))};
    auto price = amount_field("contracts", c.price);
    if (!price) return fail(price.error());
    auto signed_on = date_field("contracts", c.signed_on);
    if (!signed_on) return fail(signed_on.error());
    auto finish_on = date_field("contracts", c.finish_on);
    if (!finish_on) return fail(finish_on.error());
    k.price = *price;
    k.signed_on = *signed_on;
    k.finish_on = *finish_on;
    if (k.number.empty() && k.vendor.empty() && !k.price && !k.signed_on && !k.finish_on) continue;
    p.contracts.push_back(std::move(k));
  }
  for (const DocumentInput& d : in.documents) {
    if (text::trim(d.document_id).empty()) continue;  // a blank row of the form
    auto id = text::parse_id(text::trim(d.document_id));
    if (!id || !known(d.role, kDocumentRoles)) return fail(Error::invalid_field("documents", "error.choice"));
    if (std::any_of(p.documents.begin(), p.documents.end(),
                    [&](const ProjectDocument& had) { return had.document_id == *id; }))
      return fail(Error::invalid_field("documents", "procurement.error.document_twice"));
    p.documents.push_back({*id, d.role});
  }
  return p;
}

// Field by field, what turns `before` into `after` (both as people read them).
std::vector<FieldChange> diff(const Project& before, const Project& after, Lang lang) {
  std::vector<FieldChange> out;
  auto add = [&](std::string field, std::string b, std::string a) {
    if (b != a) out.push_back({std::move(field), std::move(b), std::move(a)});
  };
  auto day = [&](const std::optional<calendar::Date>& d) { return d ? calendar::format(*d, lang) : "-"; };
  auto contracts = [&](const std::vector<Contract>& list) {
    std::string s;
    for (const Contract& c : list)
      s += (s.empty() ? "" : "; ") + (c.number.empty() ? "-" : c.number) + " " + day(c.signed_on) + " " +
           (c.vendor.empty() ? "-" : c.vendor) + " " + baht(c.price);
    return s.empty() ? "-" : s;
  };
  const Strings& s = Strings::instance();
  add("fiscal_year", std::to_string(before.fiscal_year), std::to_string(after.fiscal_year));
  add("name", before.name, after.name);
  add("method", std::string(s.get(lang, "procurement.method." + before.method)),
      std::string(s.get(lang, "procurement.method." + after.method)));
  add("budget", baht(before.budget), baht(after.budget));
  add("reference_price", baht(before.reference_price), baht(after.reference_price));
  add("vendor", before.vendor, after.vendor);
  add("agreed_price", baht(before.agreed_price), baht(after.agreed_price));
  add("announced_on", day(before.announced_on), day(after.announced_on));
  add("status", std::string(s.get(lang, "procurement.status." + before.status)),
      std::string(s.get(lang, "procurement.status." + after.status)));
  add("contracts", contracts(before.contracts), contracts(after.contracts));
  return out;
}

// The register's project with what an import brings over it: only what the file gives, and a
// status only forward (a delivered purchase the file still calls contracted stays delivered),
// or to cancelled.
Project merged(const Project& had, const Project& in) {
  Project p = had;
  p.fiscal_year = in.fiscal_year;
  p.name = in.name;
  if (!in.method.empty()) {
    p.method = in.method;
    p.method_text = in.method_text;
  }
  if (in.budget) p.budget = in.budget;
  if (in.reference_price) p.reference_price = in.reference_price;
  if (in.agreed_price) p.agreed_price = in.agreed_price;
  if (!in.vendor.empty()) p.vendor = in.vendor;
  if (in.announced_on) p.announced_on = in.announced_on;
  if (!in.status.empty() && (in.status == "cancelled" || rank(in.status) > rank(had.status))) p.status = in.status;
  if (!in.contracts.empty()) p.contracts = in.contracts;
  return p;
}

Result<void> editor(const http::Principal& by) {
  if (!may_edit(by)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a procurement officer"));
  return ok();
}
Result<void> reader(const http::Principal& by) {
  if (!may_read(by)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "may not read procurement"));
  return ok();
}

std::vector<Project> year_of(store::ReadTx& tx, std::int64_t agency_id, int fiscal_year) {
  std::vector<Project> out;
  std::map<std::int64_t, std::size_t> at;
  for (const auto& r : tx.query(q::kYear, {agency_id, std::int64_t{fiscal_year}})) {
    at[r.integer("id")] = out.size();
    out.push_back(project_from(r));
  }
  for (const auto& r : tx.query(q::kYearBids, {agency_id, std::int64_t{fiscal_year}}))
    out[at.at(r.integer("project_id"))].bids.push_back(bid_from(r));
  for (const auto& r : tx.query(q::kYearContracts, {agency_id, std::int64_t{fiscal_year}}))
    out[at.at(r.integer("project_id"))].contracts.push_back(contract_from(r));
  for (const auto& r : tx.query(q::kYearDocuments, {agency_id, std::int64_t{fiscal_year}}))
    out[at.at(r.integer("project_id"))].documents.push_back(document_from(r));
  std::stable_sort(out.begin(), out.end(), [](const Project& a, const Project& b) {
    auto da = a.reported_on(), db = b.reported_on();
    if (da.has_value() != db.has_value()) return da.has_value();
    return da < db;
  });
  return out;
}

}  // namespace

bool may_edit(const http::Principal& by) { return by.roles.has(Role::admin) || by.roles.has(Role::procurement); }
bool may_read(const http::Principal& by) { return may_edit(by) || by.roles.has(Role::executive); }

std::string baht(std::optional<Satang> amount) {
  if (!amount) return "-";
  Satang v = *amount;
  bool negative = v < 0;
  if (negative) v = -v;
  std::string whole = std::to_string(v / 100), grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  char cents[4];
  std::snprintf(cents, sizeof cents, "%02d", static_cast<int>(v % 100));
  return (negative ? "-" : "") + grouped + "." + cents;
}

std::optional<Satang> parse_baht(std::string_view text) {
  std::string digits;
  std::string_view t = text::trim(text);
  if (t.ends_with("บาท")) t = text::trim(t.substr(0, t.size() - std::string_view("บาท").size()));
  std::size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot), part = dot == std::string_view::npos ? "" : t.substr(dot + 1);
  if (whole.empty() || part.size() > 2 || (dot != std::string_view::npos && part.empty())) return std::nullopt;
  // Commas only between groups of three: "1,234,567".
  std::size_t group = 0;
  bool commas = whole.find(',') != std::string_view::npos;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    char c = whole[whole.size() - 1 - i];
    if (c == ',') {
      if (group != 3) return std::nullopt;
      group = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (commas && group == 3) return std::nullopt;
    ++group;
    digits.insert(digits.begin(), c);
  }
  for (char c : part)
    if (c < '0' || c > '9') return std::nullopt;
  if (digits.size() > 13) return std::nullopt;  // ten thousand billion baht: no agency's purchase
  std::string cents(part);
  cents.resize(2, '0');
  Satang v = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return v * 100 + (cents[0] - '0') * 10 + (cents[1] - '0');
}

std::optional<calendar::Date> Project::reported_on() const {
  for (const Contract& c : contracts)
    if (c.signed_on) return c.signed_on;
  return announced_on;
}

YearTotals Register::totals_of(const std::vector<Project>& projects, int fiscal_year) {
  YearTotals t;
  calendar::FiscalYear fy(fiscal_year);
  for (int m = 1; m <= 12; ++m) t.months.push_back({m, fy.month(m)});
  std::map<std::string, MethodTotal> methods;
  for (const Project& p : projects) {
    ++t.projects;
    bool cancelled = p.status == "cancelled";
    Satang agreed = cancelled ? 0 : p.agreed_price.value_or(0);
    t.agreed += agreed;
    auto day = p.reported_on();
    if (day && fy.contains(*day)) {
      MonthTotal& m = t.months[calendar::FiscalYear::month_index(static_cast<unsigned>(day->month())) - 1];
      ++m.projects;
      if (cancelled) ++m.cancelled;
      m.agreed += agreed;
    } else {
      ++t.undated;
    }
    if (!cancelled) {
      MethodTotal& mt = methods[p.method];
      mt.method = p.method;
      ++mt.projects;
      mt.agreed += agreed;
    }
  }
  for (std::string_view m : kMethods)
    if (auto it = methods.find(std::string(m)); it != methods.end()) t.methods.push_back(it->second);
  return t;
}

Result<std::vector<Project>> Register::year(const http::Principal& by, int fiscal_year) {
  if (auto r = reader(by); !r) return fail(r.error());
  return projects(by.agency_id, fiscal_year);
}

std::vector<Project> Register::projects(std::int64_t agency_id, int fiscal_year) {
  return store_.read([&](store::ReadTx& tx) { return year_of(tx, agency_id, fiscal_year); });
}

Result<Project> Register::get(const http::Principal& by, std::int64_t id) {
  if (auto r = reader(by); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) -> Result<Project> {
    auto row = tx.query_one(q::kProject, {by.agency_id, id});
    if (!row) return fail(Error::not_found("procurement project"));
    Project p = project_from(*row);
    fill_rows(tx, by.agency_id, p);
    return p;
  });
}

Result<std::int64_t> Register::save(const http::Principal& by, std::optional<std::int64_t> id, int fiscal_year,
                                    const ProjectInput& in) {
  if (auto r = editor(by); !r) return fail(r.error());
  auto checked = project_of(in, fiscal_year);
  if (!checked) return fail(checked.error());
  Project p = std::move(*checked);
  if (p.unit_id) {
    auto units = accounts_.units(by.agency_id);
    if (std::none_of(units.begin(), units.end(), [&](const accounts::Unit& u) { return u.id == *p.unit_id; }))
      return fail(Error::invalid_field("unit", "error.choice"));
  }
  for (const ProjectDocument& d : p.documents)
    if (!library_.get(by.agency_id, d.document_id)) return fail(Error::invalid_field("documents", "error.choice"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    if (tx.count(q::kNumberTaken, {by.agency_id, p.egp_number, id.value_or(0)}) > 0)
      return fail(Error::invalid_field("egp_number", "procurement.error.number_taken"));
    if (id) {
      auto row = tx.query_one(q::kProject, {by.agency_id, *id});
      if (!row) return fail(Error::not_found("procurement project"));
      Project before = project_from(*row);
      fill_rows(tx, by.agency_id, before);
      p.id = *id;
      p.source = before.source;
      for (ProjectDocument& d : p.documents) {  // a document kept keeps the day it was put here
        auto had = std::find_if(before.documents.begin(), before.documents.end(),
                                [&](const ProjectDocument& b) { return b.document_id == d.document_id; });
        d.linked_at = had != before.documents.end() ? had->linked_at : tx.now();
      }
      if (p.method == before.method) p.method_text = before.method_text;  // e-GP's name of it, while it holds
      update(tx, by.agency_id, before, p);
    } else {
      for (ProjectDocument& d : p.documents) d.linked_at = tx.now();
      insert(tx, by.agency_id, p);
    }
    write_rows(tx, by.agency_id, p);
    return p.id;
  });
}

std::vector<Purchase> Register::with_document(store::ReadTx& tx, std::int64_t agency_id, std::int64_t document_id) {
  std::vector<Purchase> out;
  for (const auto& r : tx.query(q::kDocumentUses, {agency_id, document_id}))
    out.push_back({r.integer("id"), static_cast<int>(r.integer("fiscal_year")), r.text("name")});
  return out;
}

std::vector<int> Register::announced_years(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<int> out;
    for (const auto& r : tx.query(q::kAnnouncedYears, {agency_id}))
      out.push_back(static_cast<int>(r.integer("fiscal_year")));
    return out;
  });
}

Result<void> Register::remove(const http::Principal& by, std::int64_t id) {
  if (auto r = editor(by); !r) return fail(r.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kProject, {by.agency_id, id});
    if (!row) return fail(Error::not_found("procurement project"));
    Project p = project_from(*row);
    fill_rows(tx, by.agency_id, p);
    tx.apply(store::Change::remove(by.agency_id, "procurement_project", id, audit_view(p)), q::kDeleteBids,
             {by.agency_id, id});
    tx.also(q::kDeleteContracts, {by.agency_id, id});
    tx.also(q::kDeleteDocuments, {by.agency_id, id});
    tx.also(q::kDeleteProject, {by.agency_id, id});
    return ok();
  });
}

ImportPlan Register::plan_import(std::int64_t agency_id, int fiscal_year, const std::vector<Project>& projects,
                                 Lang lang) {
  ImportPlan plan;
  plan.fiscal_year = fiscal_year;
  store_.read([&](store::ReadTx& tx) {
    // The register's projects the file names, read a year at a time (whatever year each is in).
    std::map<std::string, int> year_of_number;
    for (const auto& r : tx.query(q::kNumbers, {agency_id}))
      year_of_number[r.text("egp_number")] = static_cast<int>(r.integer("fiscal_year"));
    std::set<int> years;
    for (const Project& in : projects)
      if (auto it = year_of_number.find(in.egp_number); in.fiscal_year == fiscal_year && it != year_of_number.end())
        years.insert(it->second);
    std::map<std::string, Project> held;
    for (int y : years)
      for (Project& p : year_of(tx, agency_id, y)) held.emplace(p.egp_number, std::move(p));
    for (const Project& in : projects) {
      if (in.fiscal_year != fiscal_year) {
        ++plan.other_year;
        continue;
      }
      auto it = held.find(in.egp_number);
      if (it == held.end()) {
        Project p = in;
        if (p.method.empty()) p.method = "other";
        if (p.status.empty()) p.status = p.contracts.empty() ? "announced" : "contracted";
        plan.added.push_back(std::move(p));
        continue;
      }
      const Project& had = it->second;
      Project after = merged(had, in);
      std::vector<FieldChange> changes = diff(had, after, lang);
      if (changes.empty()) {
        ++plan.unchanged;
        continue;
      }
      plan.changed.push_back({had.id, had.egp_number, had.name, audit_view(had).dump(), std::move(changes)});
      plan.changed_to.push_back(std::move(after));
    }
    return 0;
  });
  return plan;
}

Result<ImportResult> Register::apply_import(const store::Actor& actor, std::int64_t agency_id, const ImportPlan& plan,
                                            const std::set<std::string>& accept) {
  ImportResult result;
  result.unchanged = plan.unchanged;
  result.other_year = plan.other_year;
  return store_.write(actor, [&](store::WriteTx& tx) -> Result<ImportResult> {
    const Error moved = Error::make(ErrorKind::conflict, "procurement.import.changed_meanwhile", "register changed");
    std::set<std::string> numbers;
    for (const auto& r : tx.query(q::kNumbers, {agency_id})) numbers.insert(r.text("egp_number"));
    for (Project p : plan.added) {
      if (numbers.contains(p.egp_number)) return fail(moved);
      insert(tx, agency_id, p);
      write_rows(tx, agency_id, p);
      ++result.added;
    }
    for (std::size_t i = 0; i < plan.changed.size(); ++i) {
      const ChangedProject& c = plan.changed[i];
      if (!accept.contains(c.egp_number)) {
        ++result.left_as_they_were;
        continue;
      }
      auto row = tx.query_one(q::kProject, {agency_id, c.id});
      if (!row) return fail(moved);
      Project before = project_from(*row);
      fill_rows(tx, agency_id, before);
      if (audit_view(before).dump() != c.was) return fail(moved);
      update(tx, agency_id, before, plan.changed_to[i]);
      write_rows(tx, agency_id, plan.changed_to[i]);
      ++result.changed;
    }
    return result;
  });
}

std::string ImportPlan::digest() const {
  std::string all = std::to_string(fiscal_year) + "\n";
  for (const Project& p : added) all += "+" + p.egp_number + "\n" + audit_view(p).dump() + "\n";
  for (const ChangedProject& c : changed) {
    all += "~" + c.egp_number + "\n" + c.was + "\n";
    for (const FieldChange& f : c.changes) all += f.field + "\t" + f.before + "\t" + f.after + "\n";
  }
  return crypto::sha256_hex(all);
}

Result<std::int64_t> Register::keep_upload(const http::Principal& by, int fiscal_year, std::string name,
                                           std::string_view data) {
  if (auto r = editor(by); !r) return fail(r.error());
  name = text::truncate(text::is_valid_utf8(name) ? name : std::string("upload"), 200);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    return tx
        .apply(store::Change::create(by.agency_id, "procurement_upload",
                                     {{"fiscal_year", fiscal_year}, {"name", name}, {"size", data.size()}}),
               q::kInsertUpload,
               {by.agency_id, std::int64_t{fiscal_year}, by.user_id, tx.now(), name, store::BlobView{data}})
        .at(0)
        .integer("id");
  });
}

Result<Upload> Register::upload(const http::Principal& by, std::int64_t id) {
  if (auto r = editor(by); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) -> Result<Upload> {
    auto row = tx.query_one(q::kUpload, {by.agency_id, id, by.user_id});
    if (!row) return fail(Error::not_found("procurement upload"));
    return Upload{row->integer("id"), static_cast<int>(row->integer("fiscal_year")), row->text("name"),
                  row->opt_text("content").value_or(row->text("data"))};
  });
}

Result<void> Register::drop_upload(const http::Principal& by, std::int64_t id) {
  auto held = upload(by, id);
  if (!held) return fail(held.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::remove(by.agency_id, "procurement_upload", id, {{"name", held->name}}), q::kDeleteUpload,
             {by.agency_id, id});
    return ok();
  });
}

std::int64_t Register::sweep_uploads() {
  std::int64_t before = clock_.now() - 86400;
  auto swept = store_.write(store::Actor::system(), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    std::int64_t n = 0;
    for (const auto& r : tx.query(q::kOldUploads, {before})) {
      tx.apply(store::Change::remove(r.integer("agency_id"), "procurement_upload", r.integer("id"), nullptr),
               q::kDeleteUpload, {r.integer("agency_id"), r.integer("id")});
      ++n;
    }
    return n;
  });
  return swept.value_or(0);
}

}  // namespace prongsai::procurement
