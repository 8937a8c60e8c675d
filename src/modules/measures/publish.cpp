// Approving a plan for the public and reading what was approved. A publication is a snapshot
// of the plan with the names it showed (agency, units), so a published version never changes.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "modules/measures/issue_json.hpp"
#include "modules/measures/measures.hpp"
#include "modules/measures/queries.hpp"

namespace prongsai::measures {
namespace {

using nlohmann::json;

json snapshot(const Plan& p, const std::string& agency_name, const std::vector<accounts::Unit>& units) {
  json issues = json::array();
  std::vector<std::int64_t> used;
  for (const StoredIssue& s : p.issues) {
    json issue = issue_json(s.issue);
    issue["id"] = s.id;
    issue["unit_ids"] = s.unit_ids;
    issues.push_back(std::move(issue));
    used.insert(used.end(), s.unit_ids.begin(), s.unit_ids.end());
  }
  json unit_names = json::array();
  for (const accounts::Unit& u : units) {
    if (std::find(used.begin(), used.end(), u.id) != used.end())
      unit_names.push_back({{"id", u.id}, {"name_th", u.name_th}});
  }
  json out = {{"fiscal_year", p.fiscal_year},
              {"cited_year", p.cited_year},
              {"framework_version", p.framework_version},
              {"title", p.title},
              {"prepared_by", p.prepared_by},
              {"agency", agency_name},
              {"units", unit_names},
              {"issues", issues}};
  if (p.cited_result) out["cited_result"] = {{"total", p.cited_result->total}, {"level", p.cited_result->level}};
  return out;
}

Publication from_snapshot(const json& j) {
  Publication out;
  Plan& p = out.plan;
  p.fiscal_year = j.at("fiscal_year").get<int>();
  p.cited_year = j.at("cited_year").get<int>();
  // Approved before frameworks had versions: the binary's file was the only one.
  p.framework_version = j.value("framework_version", 0);
  p.title = j.at("title").get<std::string>();
  p.prepared_by = j.at("prepared_by").get<std::string>();
  if (j.contains("cited_result"))  // approved once the cited year's final result was recorded
    p.cited_result =
        CitedResult{j["cited_result"].at("total").get<double>(), j["cited_result"].at("level").get<std::string>()};
  out.agency_name = j.at("agency").get<std::string>();
  for (const json& u : j.at("units")) {
    accounts::Unit unit;
    unit.id = u.at("id").get<std::int64_t>();
    unit.name_th = u.at("name_th").get<std::string>();
    out.units.push_back(unit);
  }
  for (const json& s : j.at("issues")) {
    StoredIssue stored;
    stored.id = s.at("id").get<std::int64_t>();
    stored.unit_ids = s.at("unit_ids").get<std::vector<std::int64_t>>();
    stored.issue = issue_from_json(s);
    p.issues.push_back(std::move(stored));
  }
  return out;
}

}  // namespace

std::optional<std::string> Service::current_snapshot(std::int64_t agency_id, int fiscal_year) {
  auto p = plan(agency_id, fiscal_year);
  if (!p) return std::nullopt;
  p->cited_result = cited_result(agency_id, p->cited_year);
  auto agency = accounts_.agency(agency_id);
  return snapshot(*p, agency ? agency->name_th : std::string(), accounts_.units(agency_id)).dump();
}

Result<int> Service::approve_plan(const http::Principal& by, int fiscal_year, const std::string& raw_note) {
  if (!by.roles.has(http::Role::executive))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "only an executive approves"));
  auto note = text::clean(raw_note, text::Lines::multiple);
  if (!note) return fail(Error::invalid_field("note", note.error().message_key));
  if (text::code_points(*note) > 2000) return fail(Error::invalid_field("note", "error.too_long"));
  auto snap = current_snapshot(by.agency_id, fiscal_year);
  if (!snap) return fail(Error::not_found("plan"));
  auto plan_id = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(q::kSelectPlanId, {by.agency_id, std::int64_t{fiscal_year}})->integer("id");
  });
  auto me = accounts_.user(by.agency_id, by.user_id);
  std::string approver = me ? me->display_name : std::string();
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<int> {
    auto latest = tx.query_one(q::kSelectLatestPublication, {by.agency_id, std::int64_t{fiscal_year}});
    if (latest && latest->text("snapshot_json") == *snap) {
      return fail(Error::make(ErrorKind::conflict, "error.nothing_changed", "same as the published version"));
    }
    int version = latest ? static_cast<int>(latest->integer("version")) + 1 : 1;
    tx.apply(store::Change{by.agency_id,
                           "measure_plan",
                           std::to_string(plan_id),
                           "approve",
                           nullptr,
                           {{"fiscal_year", fiscal_year}, {"version", version}, {"note", *note}}},
             q::kInsertPublication,
             {by.agency_id, plan_id, std::int64_t{fiscal_year}, std::int64_t{version}, *snap, *note, by.user_id,
              approver, tx.now()});
    return version;
  });
}

std::vector<PublicationSummary> Service::publications(std::int64_t agency_id, int fiscal_year) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<PublicationSummary> out;
    for (const auto& r : tx.query(q::kSelectPublications, {agency_id, std::int64_t{fiscal_year}})) {
      out.push_back(
          {static_cast<int>(r.integer("version")), r.integer("approved_at"), r.text("approver_name"), r.text("note")});
    }
    return out;
  });
}

std::optional<Publication> Service::publication(std::int64_t agency_id, int fiscal_year, std::optional<int> version) {
  auto row = store_.read([&](store::ReadTx& tx) {
    return version ? tx.query_one(q::kSelectPublication, {agency_id, std::int64_t{fiscal_year}, std::int64_t{*version}})
                   : tx.query_one(q::kSelectLatestPublicationFull, {agency_id, std::int64_t{fiscal_year}});
  });
  if (!row) return std::nullopt;
  Publication p = from_snapshot(json::parse(row->text("snapshot_json")));
  p.version = static_cast<int>(row->integer("version"));
  p.note = row->text("note");
  p.approver_name = row->text("approver_name");
  p.approved_at = row->integer("approved_at");
  return p;
}

bool Service::changed_since_approval(std::int64_t agency_id, int fiscal_year) {
  auto snap = current_snapshot(agency_id, fiscal_year);
  if (!snap) return false;
  auto latest = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(q::kSelectLatestPublication, {agency_id, std::int64_t{fiscal_year}});
  });
  return !latest || latest->text("snapshot_json") != *snap;
}

}  // namespace prongsai::measures
