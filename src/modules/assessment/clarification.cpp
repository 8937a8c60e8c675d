// The clarification window (assessment.hpp): a disputed item's clarification drafted from the
// snapshot it cites, edited, marked filed, and judged by the item's final score.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/assessment/assessment.hpp"

namespace prongsai::assessment {
namespace {

using nlohmann::json;

constexpr std::string_view kSelect =
    "SELECT c.item_code, c.body, c.sent_at, c.updated_at, s.slug, s.taken_on FROM assessment_clarifications c "
    "LEFT JOIN assessment_snapshots s ON s.id = c.snapshot_id WHERE c.agency_id = ? AND c.fiscal_year = ?";
constexpr std::string_view kSelectOne =
    "SELECT body, sent_at FROM assessment_clarifications WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";
constexpr std::string_view kInsert =
    "INSERT INTO assessment_clarifications (agency_id, fiscal_year, item_code, body, snapshot_id, updated_by, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSaveBody =
    "UPDATE assessment_clarifications SET body = ?, updated_by = ?, updated_at = ? "
    "WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";
constexpr std::string_view kSaveSent =
    "UPDATE assessment_clarifications SET sent_at = ?, updated_by = ?, updated_at = ? "
    "WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";
constexpr std::string_view kDelete =
    "DELETE FROM assessment_clarifications WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";

std::string t(std::string_view key) { return std::string(Strings::instance().get(Lang::th, key)); }

std::string key_of(int fiscal_year, const std::string& code) { return std::to_string(fiscal_year) + "/" + code; }

}  // namespace

std::string_view to_string(ClarificationState s) {
  switch (s) {
    case ClarificationState::draft: return "draft";
    case ClarificationState::sent: return "sent";
    case ClarificationState::upheld: return "upheld";
    case ClarificationState::not_upheld: return "not_upheld";
  }
  return "draft";
}

ClarificationState Clarification::state() const {
  if (final) return *final == 100 ? ClarificationState::upheld : ClarificationState::not_upheld;
  return sent_at != 0 ? ClarificationState::sent : ClarificationState::draft;
}

std::string draft_clarification(const framework::Item& item, const std::string& comment,
                                const std::optional<Snapshot>& snapshot, const std::string& base_url) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string name(item.name(Lang::th));
  std::string out = text::fill(text::fill(t("assessment.draft.subject"), "code", item.code), "name", name) + "\n\n";
  out += text::fill(t("assessment.draft.preliminary"), "code", item.code);
  if (!comment.empty()) out += " " + text::fill(t("assessment.draft.comment"), "comment", comment);
  out += "\n";
  const KeptItem* kept = snapshot ? snapshot->find(item.code) : nullptr;
  if (!kept) return out + t("assessment.draft.no_snapshot") + "\n";
  const std::string year = std::to_string(snapshot->fiscal_year);
  out += text::fill(t("assessment.draft.at_submission"), "when",
                    calendar::format_time(snapshot->taken_at, Lang::th, calendar::Style::long_form)) +
         "\n";
  for (const std::string& url : kept->answer.urls) out += url + "\n";
  if (!kept->evidence.empty()) out += t("assessment.draft.evidence") + "\n";
  int n = 0;
  for (const KeptEvidence& e : kept->evidence) {
    std::string address;
    if (e.kind == "file")
      address = base + "/ita/" + year + "/" + item.code + "/files/" + std::to_string(e.id);
    else if (e.produced)
      address = base + e.url;
    else if (e.kind == "link")
      address = e.url;
    out += std::to_string(++n) + ". " + e.title + " (" +
           text::fill(t("assessment.draft.published"), "date",
                      calendar::format(e.published_on, Lang::th, calendar::Style::long_form)) +
           ")";
    if (!address.empty()) out += " " + address;
    out += "\n";
    if (!e.file.sha256.empty()) out += "   SHA-256: " + e.file.sha256 + "\n";
  }
  out += text::fill(t("assessment.draft.snapshot"), "url",
                    base + "/ita/" + year + "/snapshot/" + snapshot->slug + "#" + item.code);
  return out + "\n";
}

Result<ClarificationRound> Clarifications::round(std::int64_t agency_id, int fiscal_year) {
  const framework::Framework* f = catalogue_.year(fiscal_year);
  if (!f) return fail(Error::no_framework(fiscal_year));
  ClarificationRound out;
  out.fiscal_year = fiscal_year;
  out.framework = f;
  if (f->oit_collection) out.window = f->oit_collection->clarification;
  std::map<std::string, Clarification, std::less<>> filed;
  std::map<std::string, ItemScore, std::less<>> scores;
  store_.read([&](store::ReadTx& tx) {
    scores = item_scores(tx, agency_id, fiscal_year);
    for (const store::Row& r : tx.query(kSelect, {agency_id, std::int64_t{fiscal_year}})) {
      Clarification c;
      c.body = r.text("body");
      c.sent_at = r.is_null("sent_at") ? 0 : r.integer("sent_at");
      c.updated_at = r.integer("updated_at");
      if (!r.is_null("slug")) {
        c.snapshot = r.text("slug");
        c.snapshot_on = calendar::parse_iso(r.text("taken_on")).value_or(calendar::Date{});
      }
      filed.emplace(r.text("item_code"), std::move(c));
    }
    return true;
  });
  for (const framework::Item* item : f->items_of(framework::Tool::oit)) {
    auto score = scores.find(item->code);
    const ItemScore recorded = score != scores.end() ? score->second : ItemScore{};
    auto it = filed.find(item->code);
    if (it == filed.end()) {
      if (recorded.preliminary == 0) out.disputable.push_back(item);
      continue;
    }
    Clarification c = std::move(it->second);
    c.item = item;
    c.preliminary = recorded.preliminary;
    c.final = recorded.final;
    c.comment = recorded.comment;
    out.items.push_back(std::move(c));
  }
  return out;
}

Result<void> Clarifications::open(const http::Principal& by, int fiscal_year, const std::string& code,
                                  const std::string& base_url) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  const framework::Item* item = oit_item(catalogue_, fiscal_year, code);
  if (!item) return fail(Error::not_found("item"));
  std::optional<Snapshot> snapshot = snapshots_.latest(by.agency_id, fiscal_year);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    const store::Params key{by.agency_id, std::int64_t{fiscal_year}, code};
    if (tx.query_one(kSelectOne, key)) return ok();  // disputed already
    auto scores = item_scores(tx, by.agency_id, fiscal_year);
    auto score = scores.find(code);
    // Only an item the assessor scored 0 at the preliminary stage may be clarified.
    if (score == scores.end() || score->second.preliminary != 0)
      return fail(Error::invalid_field("item", "assessment.not_disputable"));
    std::string body = draft_clarification(*item, score->second.comment, snapshot, base_url);
    json after{{"fiscal_year", fiscal_year}, {"item", code}, {"body", body}};
    if (snapshot) after["snapshot"] = snapshot->slug;
    store::Value snapshot_id = snapshot ? store::Value{snapshot->id} : store::Value{nullptr};
    tx.apply(store::Change{by.agency_id, "ita_clarification", key_of(fiscal_year, code), "create", nullptr, after},
             kInsert, {by.agency_id, std::int64_t{fiscal_year}, code, body, snapshot_id, by.user_id, tx.now()});
    return ok();
  });
}

Result<void> Clarifications::save(const http::Principal& by, int fiscal_year, const std::string& code,
                                  const std::string& body) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  if (!oit_item(catalogue_, fiscal_year, code)) return fail(Error::not_found("item"));
  auto text = text::form_field("body", body, kMaxClarification, true, text::Lines::multiple);
  if (!text) return fail(text.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(kSelectOne, {by.agency_id, std::int64_t{fiscal_year}, code});
    if (!before) return fail(Error::not_found("item"));
    if (before->text("body") == *text) return ok();
    tx.apply(store::Change{by.agency_id,
                           "ita_clarification",
                           key_of(fiscal_year, code),
                           "update",
                           {{"body", before->text("body")}},
                           {{"body", *text}}},
             kSaveBody, {*text, by.user_id, tx.now(), by.agency_id, std::int64_t{fiscal_year}, code});
    return ok();
  });
}

Result<void> Clarifications::mark_sent(const http::Principal& by, int fiscal_year, const std::string& code, bool sent) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  if (!oit_item(catalogue_, fiscal_year, code)) return fail(Error::not_found("item"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(kSelectOne, {by.agency_id, std::int64_t{fiscal_year}, code});
    if (!before) return fail(Error::not_found("item"));
    if (before->is_null("sent_at") != sent) return ok();  // as it is already
    store::Value at = sent ? store::Value{tx.now()} : store::Value{nullptr};
    tx.apply(store::Change{by.agency_id,
                           "ita_clarification",
                           key_of(fiscal_year, code),
                           "update",
                           {{"sent", !sent}},
                           {{"sent", sent}}},
             kSaveSent, {at, by.user_id, tx.now(), by.agency_id, std::int64_t{fiscal_year}, code});
    return ok();
  });
}

Result<void> Clarifications::withdraw(const http::Principal& by, int fiscal_year, const std::string& code) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  if (!oit_item(catalogue_, fiscal_year, code)) return fail(Error::not_found("item"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(kSelectOne, {by.agency_id, std::int64_t{fiscal_year}, code});
    if (!before) return ok();
    tx.apply(store::Change{by.agency_id,
                           "ita_clarification",
                           key_of(fiscal_year, code),
                           "delete",
                           {{"body", before->text("body")}, {"sent", !before->is_null("sent_at")}},
                           nullptr},
             kDelete, {by.agency_id, std::int64_t{fiscal_year}, code});
    return ok();
  });
}

}  // namespace prongsai::assessment
