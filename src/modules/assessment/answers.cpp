// The OIT answer sheet (assessment.hpp): Prongsai's proposal from the registry, the admin's
// changes kept beside it, and the sheet as a table to export.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "documents/csv.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/disclosure/disclosure.hpp"

namespace prongsai::assessment {
namespace {

using nlohmann::json;

constexpr std::string_view kEdited =
    "SELECT item_code, has, urls, explanation, updated_at, updated_by FROM assessment_answers "
    "WHERE agency_id = ? AND fiscal_year = ?";
constexpr std::string_view kEditedOne =
    "SELECT has, urls, explanation FROM assessment_answers WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";
constexpr std::string_view kSave =
    "INSERT INTO assessment_answers (agency_id, fiscal_year, item_code, has, urls, explanation, updated_by, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, fiscal_year, item_code) DO UPDATE SET "
    "has = excluded.has, urls = excluded.urls, explanation = excluded.explanation, updated_by = excluded.updated_by, "
    "updated_at = excluded.updated_at";
constexpr std::string_view kReset =
    "DELETE FROM assessment_answers WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";

std::string t(Lang lang, std::string_view key) { return std::string(Strings::instance().get(lang, key)); }

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text::trim(text.substr(start, end - start)));
    if (!line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

// A line as kept in assessment_answers.
Answer answer_of(const store::Row& r) {
  return {r.integer("has") != 0, lines_of(r.text("urls")), r.text("explanation")};
}

json to_json(const Answer& a) { return {{"has", a.has}, {"urls", a.urls}, {"explanation", a.explanation}}; }

// Where the item's page is, as a person finds it from the home page.
std::string explanation_for(const framework::Item& item, int year, Lang lang) {
  std::string s = t(lang, "assessment.proposed_explanation");
  s = text::fill(s, "year", std::to_string(year));
  s = text::fill(s, "section", t(lang, "menu.section.ita"));
  s = text::fill(s, "ita", t(lang, "pub.ita"));
  s = text::fill(s, "code", item.code);
  return text::fill(s, "name", item.name(lang));
}

// Where each usable piece of an item's evidence is (its file under the item's page `page`, a
// link's address, a page of Prongsai's own), each once and at most kMaxUrls; the page itself
// when there is none (text evidence lives on it).
std::vector<std::string> evidence_urls(const disclosure::ItemState& state, const std::string& page) {
  const std::string origin = page.substr(0, page.find("/ita/"));
  std::vector<std::string> out;
  for (const disclosure::Slot& slot : state.slots)
    for (const disclosure::Evidence& e : slot.entries) {
      if (!e.usable()) continue;
      std::string url = e.produced                                 ? origin + e.url
                        : e.kind == disclosure::EvidenceKind::file ? page + "/files/" + std::to_string(e.id)
                        : e.kind == disclosure::EvidenceKind::link ? e.url
                                                                   : page;
      if (out.size() < kMaxUrls && std::find(out.begin(), out.end(), url) == out.end()) out.push_back(std::move(url));
    }
  if (out.empty()) out.push_back(page);
  return out;
}

}  // namespace

std::string urls_text(const Answer& a) {
  std::string out;
  for (const std::string& u : a.urls) out += (out.empty() ? "" : "\n") + u;
  return out;
}

std::size_t AnswerSheet::yes() const {
  std::size_t n = 0;
  for (const AnswerLine& l : lines) n += l.answer().has ? 1 : 0;
  return n;
}

const AnswerLine* AnswerSheet::find(std::string_view code) const {
  for (const AnswerLine& l : lines)
    if (l.item->code == code) return &l;
  return nullptr;
}

const framework::Item* oit_item(const framework::Catalogue& catalogue, int fiscal_year, std::string_view code) {
  const framework::Framework* f = catalogue.year(fiscal_year);
  const framework::Item* item = f ? f->item(code) : nullptr;
  return item && item->tool == framework::Tool::oit ? item : nullptr;
}

Result<AnswerSheet> Answers::sheet(std::int64_t agency_id, int fiscal_year, const std::string& base_url,
                                   calendar::Date today, Lang lang) {
  auto registry = disclosure_.registry(agency_id, fiscal_year, today, lang);
  if (!registry) return fail(registry.error());
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  AnswerSheet out;
  out.fiscal_year = fiscal_year;
  out.framework = registry->framework;
  if (auto a = accounts_.agency(agency_id)) out.agency = a->name_th;
  store_.read([&](store::ReadTx& tx) {
    std::map<std::string, store::Row, std::less<>> edited;
    for (store::Row& r : tx.query(kEdited, {agency_id, std::int64_t{fiscal_year}})) {
      std::string code = r.text("item_code");
      edited.emplace(std::move(code), std::move(r));
    }
    for (const disclosure::ItemState& state : registry->items) {
      AnswerLine line;
      line.item = state.item;
      line.readiness = std::string(disclosure::to_string(state.readiness.status));
      line.reason = state.readiness.reason;
      line.proposed.has = state.readiness.status == disclosure::Status::ready;
      const std::string page = base + "/ita/" + std::to_string(fiscal_year) + "/" + state.item->code;
      line.proposed.urls = state.item->answer_with_evidence ? evidence_urls(state, page) : std::vector{page};
      line.proposed.explanation = explanation_for(*state.item, fiscal_year, lang);
      if (auto it = edited.find(state.item->code); it != edited.end()) {
        const store::Row& r = it->second;
        line.edited = answer_of(r);
        line.edited_at = r.integer("updated_at");
        line.edited_by_id = r.is_null("updated_by") ? 0 : r.integer("updated_by");
      }
      out.lines.push_back(std::move(line));
    }
    return true;
  });
  for (AnswerLine& line : out.lines)  // who changed it, by name (the accounts module's)
    if (line.edited_by_id != 0)
      if (auto u = accounts_.user(agency_id, line.edited_by_id)) line.edited_by = u->display_name;
  return out;
}

Result<void> Answers::save(const http::Principal& by, int fiscal_year, const std::string& code, const AnswerInput& in) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  const framework::Item* item = oit_item(catalogue_, fiscal_year, code);
  if (!item) return fail(Error::not_found("item"));
  Answer a;
  if (in.answer != "yes" && in.answer != "no") return fail(Error::invalid_field("answer", "error.choice"));
  a.has = in.answer == "yes";
  auto urls = text::form_field("urls", in.urls, 2000, false, text::Lines::multiple);
  if (!urls) return fail(urls.error());
  a.urls = lines_of(*urls);
  if (a.urls.empty()) return fail(Error::invalid_field("urls", "error.required"));
  if (a.urls.size() > kMaxUrls) return fail(Error::invalid_field("urls", "error.too_many"));
  for (const std::string& u : a.urls)
    if (!text::is_web_link(u)) return fail(Error::invalid_field("urls", "error.url"));
  auto explanation = text::form_field("explanation", in.explanation, 1000, a.has, text::Lines::multiple);
  if (!explanation) return fail(explanation.error());
  a.explanation = *explanation;
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(kEditedOne, {by.agency_id, std::int64_t{fiscal_year}, code});
    json was = before ? to_json(answer_of(*before)) : json(nullptr);
    json now = to_json(a);
    now["fiscal_year"] = fiscal_year;
    now["item"] = code;
    tx.apply(store::Change{by.agency_id, "ita_answer", std::to_string(fiscal_year) + "/" + code,
                           before ? "update" : "create", was, now},
             kSave,
             {by.agency_id, std::int64_t{fiscal_year}, code, std::int64_t{a.has ? 1 : 0}, urls_text(a), a.explanation,
              by.user_id, tx.now()});
    return ok();
  });
}

Result<void> Answers::reset(const http::Principal& by, int fiscal_year, const std::string& code) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  if (!oit_item(catalogue_, fiscal_year, code)) return fail(Error::not_found("item"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(kEditedOne, {by.agency_id, std::int64_t{fiscal_year}, code});
    if (!before) return ok();  // the proposal already
    tx.apply(store::Change{by.agency_id, "ita_answer", std::to_string(fiscal_year) + "/" + code, "delete",
                           to_json(answer_of(*before)), nullptr},
             kReset, {by.agency_id, std::int64_t{fiscal_year}, code});
    return ok();
  });
}

documents::TableReport answer_report(const AnswerSheet& sheet, Lang lang) {
  documents::TableReport r;
  r.lang = std::string(to_string(lang));
  const std::string year = std::to_string(sheet.fiscal_year);
  r.title = text::fill(t(lang, "assessment.sheet_title"), "year", year);
  r.author = sheet.agency;
  r.heading = {r.title, sheet.agency};
  r.cover = {text::fill(t(lang, "assessment.sheet_cover"), "yes", std::to_string(sheet.yes())) + " / " +
             std::to_string(sheet.lines.size())};
  r.intro = t(lang, "assessment.sheet_intro");
  r.columns = {{t(lang, "assessment.col.code"), 0.6},
               {t(lang, "assessment.col.item"), 2.2},
               {t(lang, "assessment.col.answer"), 0.7},
               {t(lang, "assessment.col.urls"), 2.2},
               {t(lang, "assessment.col.explanation"), 3.0}};
  for (const AnswerLine& l : sheet.lines) {
    const Answer& a = l.answer();
    r.rows.push_back({{l.item->code},
                      {std::string(l.item->name(lang))},
                      {t(lang, a.has ? "assessment.yes" : "assessment.no")},
                      a.urls,
                      {a.explanation}});
  }
  r.page_label = t(lang, "report.page");
  r.closing = {{t(lang, "assessment.sign_heading"),
                {t(lang, "assessment.sign_prepared"), t(lang, "assessment.sign_reviewed"),
                 t(lang, "assessment.sign_approved")}}};
  return r;
}

std::string answers_csv(const AnswerSheet& sheet, Lang lang) {
  std::vector<documents::CsvRow> rows = {{t(lang, "assessment.col.code"), t(lang, "assessment.col.item"),
                                          t(lang, "assessment.col.answer"), t(lang, "assessment.col.urls"),
                                          t(lang, "assessment.col.explanation")}};
  for (const AnswerLine& l : sheet.lines) {
    const Answer& a = l.answer();
    rows.push_back({l.item->code, std::string(l.item->name(lang)), t(lang, a.has ? "assessment.yes" : "assessment.no"),
                    urls_text(a), a.explanation});
  }
  return documents::render_csv(rows, documents::CsvQuotes::minimal);
}

}  // namespace prongsai::assessment
