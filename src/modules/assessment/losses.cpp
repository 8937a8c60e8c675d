// Lost points into next year's plan (assessment.hpp): worked out from the recorded result each
// time it is shown; what is stored is only what the admin dropped, and why.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/measures/measures.hpp"
#include "modules/surveys/surveys.hpp"

namespace prongsai::assessment {
namespace {

using nlohmann::json;

constexpr std::string_view kDrops =
    "SELECT item_code, reason, dropped_by, dropped_at FROM assessment_loss_drops WHERE agency_id = ? AND plan_year = ?";
constexpr std::string_view kDropped =
    "SELECT reason FROM assessment_loss_drops WHERE agency_id = ? AND plan_year = ? AND item_code = ?";
constexpr std::string_view kDrop =
    "INSERT INTO assessment_loss_drops (agency_id, plan_year, item_code, reason, dropped_by, dropped_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kRestore =
    "DELETE FROM assessment_loss_drops WHERE agency_id = ? AND plan_year = ? AND item_code = ?";

}  // namespace

Result<LostPoints> Losses::proposals(const http::Principal& by, int year) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  const framework::Framework* f = catalogue_.year(year);
  if (!f) return fail(Error::no_framework(year));
  LostPoints out;
  out.year = year;
  out.plan_year = year + 1;
  out.target = surveys_.target(by.agency_id);
  // The plan's issues by item; a plan citing another year carries that year's codes.
  int cited = year;
  std::map<std::string, std::int64_t> in_plan;
  if (auto plan = measures_.plan(by.agency_id, out.plan_year)) {
    out.plan_exists = true;
    cited = plan->cited_year;
    for (const measures::StoredIssue& i : plan->issues) in_plan.emplace(i.issue.item_code, i.id);
  }
  struct Drop {
    std::string reason;
    std::int64_t by = 0, at = 0;
  };
  std::map<std::string, Drop> drops;
  std::map<std::string, ItemScore, std::less<>> oit;
  store_.read([&](store::ReadTx& tx) {
    oit = item_scores(tx, by.agency_id, year);
    for (const store::Row& r : tx.query(kDrops, {by.agency_id, std::int64_t{out.plan_year}}))
      drops[r.text("item_code")] = {r.text("reason"), r.is_null("dropped_by") ? 0 : r.integer("dropped_by"),
                                    r.integer("dropped_at")};
    return true;
  });
  auto lost = [&](const framework::Item* item, double score, std::string comment) {
    LostPoint p;
    p.item = item;
    p.plan_code = cited == year ? item->code : catalogue_.translate(item->code, year, cited).value_or("");
    p.score = score;
    p.comment = std::move(comment);
    if (auto it = in_plan.find(p.plan_code); !p.plan_code.empty() && it != in_plan.end()) p.issue_id = it->second;
    if (auto d = drops.find(item->code); d != drops.end()) {
      p.dropped = true;
      p.drop_reason = d->second.reason;
      p.dropped_at = d->second.at;
      if (d->second.by)
        if (auto u = accounts_.user(by.agency_id, d->second.by)) p.dropped_by = u->display_name;
    }
    out.items.push_back(std::move(p));
  };
  // OIT items whose latest score (final, else preliminary) is 0, in the framework's order.
  for (const framework::Item* item : f->items_of(framework::Tool::oit))
    if (auto it = oit.find(item->code); it != oit.end() && it->second.latest() == 0) lost(item, 0, it->second.comment);
  // EIT and IIT items under the target, lowest first.
  std::vector<std::pair<double, const framework::Item*>> low;
  for (const auto& [code, score] : results_.survey_items(by.agency_id, year))
    if (const framework::Item* item = f->item(code); item && score < out.target) low.emplace_back(score, item);
  std::stable_sort(low.begin(), low.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [score, item] : low) lost(item, score, "");
  return out;
}

Result<void> Losses::drop(const http::Principal& by, int year, const std::string& code, const std::string& reason) {
  auto all = proposals(by, year);
  if (!all) return fail(all.error());
  const std::string upper = text::ascii_upper(code);
  auto p =
      std::find_if(all->items.begin(), all->items.end(), [&](const LostPoint& x) { return x.item->code == upper; });
  if (p == all->items.end()) return fail(Error::not_found("proposal"));
  auto why = text::form_field("reason", reason, kMaxDropReason, true, text::Lines::multiple);
  if (!why) return fail(why.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    if (tx.query_one(kDropped, {by.agency_id, std::int64_t{all->plan_year}, upper})) return ok();
    tx.apply(store::Change{by.agency_id, "ita_loss", std::to_string(all->plan_year) + "/" + upper, "drop", nullptr,
                           json{{"year", year}, {"plan_year", all->plan_year}, {"item", upper}, {"reason", *why}}},
             kDrop, {by.agency_id, std::int64_t{all->plan_year}, upper, *why, by.user_id, tx.now()});
    return ok();
  });
}

Result<void> Losses::restore(const http::Principal& by, int year, const std::string& code) {
  auto all = proposals(by, year);
  if (!all) return fail(all.error());
  const std::string upper = text::ascii_upper(code);
  if (std::none_of(all->items.begin(), all->items.end(), [&](const LostPoint& x) { return x.item->code == upper; }))
    return fail(Error::not_found("proposal"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(kDropped, {by.agency_id, std::int64_t{all->plan_year}, upper});
    if (!before) return ok();
    tx.apply(store::Change{by.agency_id, "ita_loss", std::to_string(all->plan_year) + "/" + upper, "restore",
                           json{{"reason", before->text("reason")}}, nullptr},
             kRestore, {by.agency_id, std::int64_t{all->plan_year}, upper});
    return ok();
  });
}

}  // namespace prongsai::assessment
