// The assessor's result (assessment.hpp): the scores the admin types or pastes from ITAS, the
// totals and the level by the year's framework, and where Prongsai's estimate went wrong.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/surveys/surveys.hpp"

namespace prongsai::assessment {
namespace {

using nlohmann::json;

constexpr std::string_view kItemScores =
    "SELECT item_code, preliminary, final, comment FROM assessment_item_scores WHERE agency_id = ? AND fiscal_year = ?";
constexpr std::string_view kToolScores =
    "SELECT tool, hundredths FROM assessment_tool_scores WHERE agency_id = ? AND fiscal_year = ?";
constexpr std::string_view kSavePreliminary =
    "INSERT INTO assessment_item_scores (agency_id, fiscal_year, item_code, preliminary, final, comment, updated_by, "
    "updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?) ON CONFLICT (agency_id, fiscal_year, item_code) DO UPDATE SET "
    "preliminary = excluded.preliminary, comment = excluded.comment, updated_by = excluded.updated_by, "
    "updated_at = excluded.updated_at";
constexpr std::string_view kSaveFinal =
    "INSERT INTO assessment_item_scores (agency_id, fiscal_year, item_code, preliminary, final, comment, updated_by, "
    "updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?) ON CONFLICT (agency_id, fiscal_year, item_code) DO UPDATE SET "
    "final = excluded.final, comment = excluded.comment, updated_by = excluded.updated_by, "
    "updated_at = excluded.updated_at";
constexpr std::string_view kSaveTool =
    "INSERT INTO assessment_tool_scores (agency_id, fiscal_year, tool, hundredths, updated_by, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, fiscal_year, tool) DO UPDATE SET "
    "hundredths = excluded.hundredths, updated_by = excluded.updated_by, updated_at = excluded.updated_at";
constexpr std::string_view kSurveyItems =
    "SELECT item_code, hundredths FROM assessment_survey_item_scores WHERE agency_id = ? AND fiscal_year = ?";
constexpr std::string_view kSaveSurveyItem =
    "INSERT INTO assessment_survey_item_scores (agency_id, fiscal_year, item_code, hundredths, updated_by, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, fiscal_year, item_code) DO UPDATE SET "
    "hundredths = excluded.hundredths, updated_by = excluded.updated_by, updated_at = excluded.updated_at";
constexpr std::string_view kClearSurveyItem =
    "DELETE FROM assessment_survey_item_scores WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";
constexpr std::string_view kClearTool =
    "DELETE FROM assessment_tool_scores WHERE agency_id = ? AND fiscal_year = ? AND tool = ?";

constexpr std::size_t kMaxComment = 1000;
constexpr std::size_t kMaxImportLines = 200;

// "100", "0", "100.00", "0.0" → 100 or 0; "" → none; anything else → the error.
Result<std::optional<int>> item_score(std::string_view raw, const std::string& field) {
  std::string s(text::trim(raw));
  if (s.empty()) return std::optional<int>{};
  double v = -1;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || (v != 0 && v != 100))
    return fail(Error::invalid_field(field, "assessment.score_0_or_100"));
  return std::optional<int>{static_cast<int>(v)};
}

// "84.52" → 8452 (at most two decimals, 0–100); "" → none.
Result<std::optional<std::int64_t>> hundredths(std::string_view raw, const std::string& field) {
  std::string s(text::trim(raw));
  if (s.empty()) return std::optional<std::int64_t>{};
  std::size_t dot = s.find('.');
  bool ok = !s.empty() && s.size() <= 6 && (dot == std::string::npos || (dot > 0 && s.size() - dot - 1 <= 2)) &&
            std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) &&
            std::count(s.begin(), s.end(), '.') <= 1;
  if (!ok) return fail(Error::invalid_field(field, "assessment.score_decimal"));
  std::string whole = s.substr(0, dot), part = dot == std::string::npos ? "" : s.substr(dot + 1);
  part.resize(2, '0');
  std::int64_t v = std::stoll(whole) * 100 + std::stoll(part);
  if (v > 10000) return fail(Error::invalid_field(field, "assessment.score_decimal"));
  return std::optional<std::int64_t>{v};
}

// "O1" … "O99" (or "E1", "I12" with `tools` "EI"): what an ITAS table's first column holds on
// an item's line.
bool is_item_code(std::string_view s, std::string_view tools) {
  return s.size() >= 2 && s.size() <= 3 && tools.find(text::ascii_upper(s.substr(0, 1))[0]) != std::string_view::npos &&
         std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The lines of text copied out of an ITAS table (its field `field`): code, score, then the
// comment (which may hold the separator), by tabs or commas; a heading line first is skipped.
// A line without a score is refused, naming its number.
Result<std::vector<ItemScoreInput>> pasted_lines(std::string_view text, const std::string& field,
                                                 std::string_view tools) {
  auto clean = text::form_field(field, text, 200'000, true, text::Lines::multiple);
  if (!clean) return fail(clean.error());
  std::vector<ItemScoreInput> lines;
  std::size_t number = 0;
  bool heading_skipped = false;
  for (std::string_view raw : text::split(*clean, '\n')) {
    ++number;
    const std::string_view line = text::trim(raw);
    if (line.empty()) continue;
    const char sep = line.find('\t') != std::string_view::npos ? '\t' : ',';
    const std::size_t first = line.find(sep);
    const std::string code(text::trim(line.substr(0, first)));
    if (first != std::string_view::npos && lines.empty() && !heading_skipped && !is_item_code(code, tools)) {
      heading_skipped = true;  // a heading line first
      continue;
    }
    if (first == std::string_view::npos) {
      Error e = Error::invalid_field(field, "assessment.import_line");
      e.shown = std::to_string(number);
      return fail(e);
    }
    const std::size_t second = line.find(sep, first + 1);
    const std::size_t length = second == std::string_view::npos ? second : second - first - 1;
    ItemScoreInput in{code, std::string(text::trim(line.substr(first + 1, length)))};
    if (second != std::string_view::npos)
      if (std::string_view comment = text::trim(line.substr(second + 1)); !comment.empty()) in.comment = comment;
    if (lines.size() == kMaxImportLines) return fail(Error::invalid_field(field, "error.too_many"));
    lines.push_back(std::move(in));
  }
  return lines;
}

// The EIT and IIT items' recorded scores in hundredths, by code, read in the caller's transaction.
std::map<std::string, std::int64_t> survey_item_hundredths(store::ReadTx& tx, std::int64_t agency_id, int fiscal_year) {
  std::map<std::string, std::int64_t> out;
  for (const store::Row& r : tx.query(kSurveyItems, {agency_id, std::int64_t{fiscal_year}}))
    out[r.text("item_code")] = r.integer("hundredths");
  return out;
}

}  // namespace

std::map<std::string, ItemScore, std::less<>> item_scores(store::ReadTx& tx, std::int64_t agency_id, int fiscal_year) {
  std::map<std::string, ItemScore, std::less<>> out;
  auto score = [](const store::Row& r, std::string_view c) {
    return r.is_null(c) ? std::nullopt : std::optional<int>(static_cast<int>(r.integer(c)));
  };
  for (const store::Row& r : tx.query(kItemScores, {agency_id, std::int64_t{fiscal_year}}))
    out[r.text("item_code")] = {score(r, "preliminary"), score(r, "final"), r.text("comment")};
  return out;
}

std::map<framework::Tool, double> estimated_tools(surveys::Service& surveys, const http::Principal& by, int year) {
  std::map<framework::Tool, double> out;
  if (auto e = surveys.estimate(by, year, std::nullopt))
    for (const surveys::ToolPart& p : e->parts)
      if (p.score && p.tool != framework::Tool::oit) out[p.tool] = *p.score;
  return out;
}

std::optional<Stage> parse_stage(std::string_view s) {
  if (s == "preliminary") return Stage::preliminary;
  if (s == "final") return Stage::final;
  return std::nullopt;
}

Result<RoundResult> Results::result(std::int64_t agency_id, int fiscal_year, calendar::Date today,
                                    const std::map<framework::Tool, double>& estimated_tools) {
  auto registry = disclosure_.registry(agency_id, fiscal_year, today, Lang::th);
  if (!registry) return fail(registry.error());
  const framework::Framework& f = *registry->framework;
  RoundResult out;
  out.fiscal_year = fiscal_year;
  out.framework = &f;
  std::map<std::string, std::int64_t, std::less<>> tools;
  store_.read([&](store::ReadTx& tx) {
    auto scored = item_scores(tx, agency_id, fiscal_year);
    for (const disclosure::ItemState& state : registry->items) {
      ItemResult item;
      item.item = state.item;
      item.estimated_pass = state.readiness.status == disclosure::Status::ready;
      if (auto it = scored.find(state.item->code); it != scored.end()) {
        item.preliminary = it->second.preliminary;
        item.final = it->second.final;
        item.comment = it->second.comment;
      }
      out.items.push_back(std::move(item));
    }
    for (const store::Row& r : tx.query(kToolScores, {agency_id, std::int64_t{fiscal_year}}))
      tools[r.text("tool")] = r.integer("hundredths");
    return true;
  });
  out.final = true;
  for (const ItemResult& i : out.items) {
    if (i.score()) ++out.scored;
    if (i.score() && !i.final) out.final = false;
  }
  if (out.scored == 0) out.final = false;

  std::map<framework::Tool, double> real, estimated;
  for (const framework::ToolInfo& t : f.tools) {
    ToolResult r{t.tool, t.code, t.weight, std::nullopt, std::nullopt};
    if (t.tool == framework::Tool::oit) {
      if (out.scored == out.items.size() && !out.items.empty()) {
        std::map<std::string, bool, std::less<>> passed;
        for (const ItemResult& i : out.items) passed[i.item->code] = *i.score() == 100;
        r.real = f.estimate_oit([&](const std::string& code) { return passed[code]; }).total;
      }
      r.estimate = registry->estimate.total;
    } else {
      if (auto it = tools.find(t.tool == framework::Tool::eit ? "eit" : "iit"); it != tools.end())
        r.real = static_cast<double>(it->second) / 100;
      if (auto it = estimated_tools.find(t.tool); it != estimated_tools.end()) r.estimate = it->second;
    }
    if (r.real) real[t.tool] = *r.real;
    if (r.estimate) estimated[t.tool] = *r.estimate;
    out.tools.push_back(r);
  }
  auto total_of = [&](const std::map<framework::Tool, double>& scores) -> std::optional<double> {
    if (scores.size() != f.tools.size() || f.tools.empty()) return std::nullopt;
    double total = 0;
    for (const framework::ToolInfo& t : f.tools) total += scores.at(t.tool) * t.weight;
    return total;
  };
  if ((out.total = total_of(real))) {
    framework::Outcome o = f.outcome(*out.total, real);
    out.level = o.label;
    out.passes = o.passes;
  }
  if ((out.estimated_total = total_of(estimated)))
    out.estimated_level = f.outcome(*out.estimated_total, estimated).label;
  return out;
}

std::vector<int> Results::years_with_results(std::int64_t agency_id) {
  std::vector<int> years;
  store_.read([&](store::ReadTx& tx) {
    for (const store::Row& r :
         tx.query("SELECT fiscal_year FROM assessment_item_scores WHERE agency_id = ? UNION "
                  "SELECT fiscal_year FROM assessment_tool_scores WHERE agency_id = ? ORDER BY fiscal_year DESC",
                  {agency_id, agency_id}))
      years.push_back(static_cast<int>(r.integer("fiscal_year")));
    return true;
  });
  return years;
}

Result<void> Results::save_items(const http::Principal& by, int fiscal_year, Stage stage,
                                 const std::vector<ItemScoreInput>& lines) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  const framework::Framework* f = catalogue_.year(fiscal_year);
  if (!f) return fail(Error::no_framework(fiscal_year));
  struct Checked {
    std::string code;
    std::optional<int> score;
    std::optional<std::string> comment;
  };
  std::vector<Checked> checked;
  for (const ItemScoreInput& in : lines) {
    const framework::Item* item = f->item(text::ascii_upper(text::trim(in.code)));
    if (!item || item->tool != framework::Tool::oit) {
      Error e = Error::invalid_field("score_" + in.code, "assessment.unknown_item");
      e.shown = in.code;
      return fail(e);
    }
    auto score = item_score(in.score, "score_" + item->code);
    if (!score) return fail(score.error());
    std::optional<std::string> comment;
    if (in.comment) {
      auto c = text::form_field("comment_" + item->code, *in.comment, kMaxComment, false, text::Lines::multiple);
      if (!c) return fail(c.error());
      comment = std::move(*c);
    }
    checked.push_back({item->code, *score, std::move(comment)});
  }
  const bool prelim = stage == Stage::preliminary;
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto kept = item_scores(tx, by.agency_id, fiscal_year);
    auto as_json = [](std::optional<int> preliminary, std::optional<int> final, const std::string& comment) {
      return json{{"preliminary", preliminary ? json(*preliminary) : json(nullptr)},
                  {"final", final ? json(*final) : json(nullptr)},
                  {"comment", comment}};
    };
    for (const Checked& c : checked) {
      // Only what changes is written and audited, with what it was: a form posts every item.
      auto it = kept.find(c.code);
      ItemScore was = it != kept.end() ? it->second : ItemScore{};
      std::optional<int> preliminary = was.preliminary, final = was.final;
      const std::string comment = was.comment;
      json before = it == kept.end() ? json(nullptr) : as_json(preliminary, final, comment);
      const std::string& new_comment = c.comment ? *c.comment : comment;
      if ((prelim ? preliminary : final) == c.score && comment == new_comment) continue;
      (prelim ? preliminary : final) = c.score;
      json after = as_json(preliminary, final, new_comment);
      after["fiscal_year"] = fiscal_year;
      after["item"] = c.code;
      store::Value score = c.score ? store::Value(std::int64_t{*c.score}) : store::Value(nullptr);
      tx.apply(store::Change{by.agency_id, "ita_item_score", std::to_string(fiscal_year) + "/" + c.code,
                             it == kept.end() ? "create" : "update", before, after},
               prelim ? kSavePreliminary : kSaveFinal,
               {by.agency_id, std::int64_t{fiscal_year}, c.code, score, new_comment, by.user_id, tx.now()});
    }
    return ok();
  });
}

Result<std::size_t> Results::import_items(const http::Principal& by, int fiscal_year, Stage stage,
                                          std::string_view text) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto pasted = pasted_lines(text, "import", "O");
  if (!pasted) return fail(pasted.error());
  const std::vector<ItemScoreInput>& lines = *pasted;
  auto saved = save_items(by, fiscal_year, stage, lines);
  if (!saved) {
    Error e = saved.error();
    e.field = "import";
    return fail(e);
  }
  return lines.size();
}

Result<void> Results::save_tools(const http::Principal& by, int fiscal_year,
                                 const std::map<std::string, std::string>& scores) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  if (!catalogue_.year(fiscal_year)) return fail(Error::no_framework(fiscal_year));
  std::vector<std::pair<std::string, std::optional<std::int64_t>>> checked;
  for (const auto& [tool, raw] : scores) {
    if (tool != "eit" && tool != "iit") return fail(Error::invalid_field(tool, "error.choice"));
    auto v = hundredths(raw, tool);
    if (!v) return fail(v.error());
    checked.emplace_back(tool, *v);
  }
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    for (const auto& [tool, v] : checked) {
      json after{{"fiscal_year", fiscal_year}, {"tool", tool}, {"score", v ? json(*v / 100.0) : json(nullptr)}};
      store::Change change{by.agency_id, "ita_tool_score", std::to_string(fiscal_year) + "/" + tool,
                           "update",     nullptr,          after};
      if (v)
        tx.apply(change, kSaveTool, {by.agency_id, std::int64_t{fiscal_year}, tool, *v, by.user_id, tx.now()});
      else
        tx.apply(change, kClearTool, {by.agency_id, std::int64_t{fiscal_year}, tool});
    }
    return ok();
  });
}

Result<std::size_t> Results::import_survey_items(const http::Principal& by, int fiscal_year, std::string_view text) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  const framework::Framework* f = catalogue_.year(fiscal_year);
  if (!f) return fail(Error::no_framework(fiscal_year));
  const std::string field = "survey_import";
  auto lines = pasted_lines(text, field, "EI");
  if (!lines) return fail(lines.error());
  std::vector<std::pair<std::string, std::optional<std::int64_t>>> checked;
  for (const ItemScoreInput& in : *lines) {
    const framework::Item* item = f->item(text::ascii_upper(in.code));
    if (!item || item->tool == framework::Tool::oit) {
      Error e = Error::invalid_field(field, "assessment.unknown_item");
      e.shown = in.code;
      return fail(e);
    }
    auto v = hundredths(in.score, field);
    if (!v) {
      Error e = v.error();
      e.shown = in.code;
      return fail(e);
    }
    checked.emplace_back(item->code, *v);
  }
  auto written = store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    const auto kept = survey_item_hundredths(tx, by.agency_id, fiscal_year);
    for (const auto& [code, v] : checked) {
      auto it = kept.find(code);
      std::optional<std::int64_t> was = it == kept.end() ? std::nullopt : std::optional(it->second);
      if (was == v) continue;  // only what changes is written and audited
      auto score = [](std::optional<std::int64_t> h) { return h ? json(*h / 100.0) : json(nullptr); };
      store::Change change{by.agency_id,
                           "ita_survey_item_score",
                           std::to_string(fiscal_year) + "/" + code,
                           !was ? "create"
                           : v  ? "update"
                                : "delete",
                           was ? json{{"score", score(was)}} : json(nullptr),
                           v ? json{{"fiscal_year", fiscal_year}, {"item", code}, {"score", score(v)}} : json(nullptr)};
      if (v)
        tx.apply(change, kSaveSurveyItem, {by.agency_id, std::int64_t{fiscal_year}, code, *v, by.user_id, tx.now()});
      else
        tx.apply(change, kClearSurveyItem, {by.agency_id, std::int64_t{fiscal_year}, code});
    }
    return ok();
  });
  if (!written) return fail(written.error());
  return lines->size();
}

std::map<std::string, double> Results::survey_items(std::int64_t agency_id, int fiscal_year) {
  std::map<std::string, double> out;
  for (const auto& [code, h] :
       store_.read([&](store::ReadTx& tx) { return survey_item_hundredths(tx, agency_id, fiscal_year); }))
    out[code] = static_cast<double>(h) / 100;
  return out;
}

}  // namespace prongsai::assessment
