// Loading and validating framework files. Validation is strict: a wrong weight or a dangling
// code would silently change every score computed from it, so a broken file stops start-up
// with a message naming the file and the entry.
#include "framework/framework.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <utility>

#include "core/embedded.hpp"

namespace prongsai::framework {

using nlohmann::json;

std::string_view to_string(Tool t) {
  switch (t) {
    case Tool::iit: return "IIT";
    case Tool::eit: return "EIT";
    case Tool::oit: return "OIT";
  }
  return "OIT";
}

std::string_view to_string(CadenceKind k) {
  switch (k) {
    case CadenceKind::standing: return "standing";
    case CadenceKind::annual: return "annual";
    case CadenceKind::half_yearly: return "half_yearly";
    case CadenceKind::monthly: return "monthly";
    case CadenceKind::multi_year: return "multi_year";
    case CadenceKind::annual_with_half_year_progress: return "annual_with_half_year_progress";
  }
  return "standing";
}

bool known_role(std::string_view r) {
  return std::find(std::begin(role::kAll), std::end(role::kAll), r) != std::end(role::kAll);
}

const Item* Framework::item(std::string_view code) const {
  for (const Item& i : items) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

const Indicator* Framework::indicator(int number) const {
  for (const Indicator& i : indicators) {
    if (i.number == number) return &i;
  }
  return nullptr;
}

const SubIndicator* Framework::sub_indicator(std::string_view code) const {
  for (const Indicator& ind : indicators) {
    for (const SubIndicator& s : ind.sub_indicators) {
      if (s.code == code) return &s;
    }
  }
  return nullptr;
}

std::vector<const Item*> Framework::items_of(Tool tool) const {
  std::vector<const Item*> out;
  for (const Item& i : items) {
    if (i.tool == tool) out.push_back(&i);
  }
  return out;
}

std::string Framework::grade(double score) const {
  for (const GradeBand& b : grade_bands) {
    if (score >= b.min) return b.grade;
  }
  return grade_bands.empty() ? std::string() : grade_bands.back().grade;
}

const Item* Framework::by_role(std::string_view r) const {
  for (const Item& i : items) {
    if (i.has_role(r)) return &i;
  }
  return nullptr;
}

Outcome Framework::outcome(double total, const std::map<Tool, double>& tool_scores) const {
  Outcome out;
  if (levels.empty()) {
    out.label = grade(total);
    out.passes = passes(total);
    return out;
  }
  auto lowest_under = [&](double min) -> std::optional<std::pair<Tool, double>> {
    std::optional<std::pair<Tool, double>> low;
    for (const auto& [tool, score] : tool_scores) {
      if (score < min && (!low || score < low->second)) low = std::pair{tool, score};
    }
    return low;
  };
  for (const Level& l : levels) {
    if (total < l.min_total) continue;
    if (!out.total_alone) out.total_alone = &l;
    if (l.min_each_tool && lowest_under(*l.min_each_tool)) continue;
    out.level = &l;
    break;
  }
  if (!out.level) out.level = &levels.back();  // the last level starts at 0 with no condition
  out.label = out.level->name_th;
  out.passes = out.level->passes;
  if (out.total_alone && out.total_alone != out.level) {
    auto low = lowest_under(*out.total_alone->min_each_tool);
    out.held_back_by = low->first;
    out.held_back_score = low->second;
    out.held_back_min = *out.total_alone->min_each_tool;
  } else {
    out.total_alone = nullptr;
  }
  return out;
}

namespace {

// Reads one JSON file, remembering where it is so that every complaint names the entry.
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  [[noreturn]] void refuse(const std::string& where, const std::string& what) const {
    throw std::invalid_argument(source_ + ": " + where + ": " + what);
  }

  const json& field(const json& obj, const std::string& where, const char* key) const {
    if (!obj.is_object()) refuse(where, "must be an object");
    auto it = obj.find(key);
    if (it == obj.end()) refuse(where, std::string("missing \"") + key + "\"");
    return *it;
  }
  std::string text(const json& obj, const std::string& where, const char* key, bool required = true) const {
    if (!required && (!obj.contains(key) || obj[key].is_null())) return {};
    const json& v = field(obj, where, key);
    if (!v.is_string()) refuse(where, std::string("\"") + key + "\" must be text");
    return v.get<std::string>();
  }
  double number(const json& obj, const std::string& where, const char* key) const {
    const json& v = field(obj, where, key);
    if (!v.is_number()) refuse(where, std::string("\"") + key + "\" must be a number");
    return v.get<double>();
  }
  bool flag(const json& obj, const char* key) const {
    return obj.contains(key) && obj[key].is_boolean() && obj[key].get<bool>();
  }
  const json& array(const json& obj, const std::string& where, const char* key) const {
    const json& v = field(obj, where, key);
    if (!v.is_array()) refuse(where, std::string("\"") + key + "\" must be a list");
    return v;
  }

 private:
  std::string source_;
};

Tool parse_tool(const Reader& r, const std::string& where, const std::string& s) {
  if (s == "IIT") return Tool::iit;
  if (s == "EIT") return Tool::eit;
  if (s == "OIT") return Tool::oit;
  r.refuse(where, "unknown tool " + s);
}

Polarity parse_polarity(const Reader& r, const std::string& where, const std::string& s) {
  if (s == "positive") return Polarity::positive;
  if (s == "negative") return Polarity::negative;
  if (s == "mixed") return Polarity::mixed;
  r.refuse(where, "unknown polarity " + s);
}

Cadence parse_cadence(const Reader& r, const std::string& where, const json& c) {
  Cadence out;
  std::string kind = r.text(c, where + ".cadence", "kind");
  if (kind == "standing")
    out.kind = CadenceKind::standing;
  else if (kind == "annual")
    out.kind = CadenceKind::annual;
  else if (kind == "half_yearly")
    out.kind = CadenceKind::half_yearly;
  else if (kind == "monthly")
    out.kind = CadenceKind::monthly;
  else if (kind == "multi_year")
    out.kind = CadenceKind::multi_year;
  else if (kind == "annual_with_half_year_progress")
    out.kind = CadenceKind::annual_with_half_year_progress;
  else
    r.refuse(where, "unknown cadence " + kind);
  std::string basis = r.text(c, where + ".cadence", "fiscal_year", false);
  if (basis == "previous")
    out.basis = FiscalBasis::previous;
  else if (basis.empty() || basis == "current")
    out.basis = FiscalBasis::current;
  else
    r.refuse(where, "cadence fiscal_year must be current or previous");
  out.note = r.text(c, where + ".cadence", "note", false);
  return out;
}

void read_header(const Reader& r, const json& doc, Framework& f) {
  if (r.text(doc, "format", "format") != "prongsai-ita-framework/1")
    r.refuse("format", "must be prongsai-ita-framework/1");
  const json& year = r.field(doc, "year", "year");
  if (!year.is_number_integer() || year.get<int>() < 2500 || year.get<int>() > 2800)
    r.refuse("year", "must be a Buddhist-era year");
  f.year = year.get<int>();
  f.title_th = r.text(doc, "title_th", "title_th");
  f.title_en = r.text(doc, "title_en", "title_en", false);
  f.note = r.text(doc, "note", "note", false);
  f.pass_mark = r.number(doc, "pass_mark", "pass_mark");
  if (f.pass_mark <= 0 || f.pass_mark > 100) r.refuse("pass_mark", "must be within 0–100");
  if (doc.contains("sources")) {
    const json& sources = doc["sources"];
    if (!sources.is_object()) r.refuse("sources", "must be an object");
    for (auto& [key, where] : sources.items()) f.sources.emplace(key, r.text(sources, "sources", key.c_str()));
  }
  f.provisional = r.flag(doc, "provisional");
  f.provisional_note = r.text(doc, "provisional_note", "provisional_note", false);
  if (f.provisional && f.provisional_note.empty())
    r.refuse("provisional_note", "a provisional year says why, in Thai, for every page that shows it");
  if (doc.contains("grade_bands")) {
    const json& bands = r.array(doc, "grade_bands", "grade_bands");
    for (std::size_t i = 0; i < bands.size(); ++i) {
      std::string where = "grade_bands[" + std::to_string(i) + "]";
      GradeBand b{r.text(bands[i], where, "grade"), r.number(bands[i], where, "min")};
      if (!f.grade_bands.empty() && b.min >= f.grade_bands.back().min)
        r.refuse(where, "bands overlap: they must go from the highest minimum down");
      f.grade_bands.push_back(b);
    }
    if (f.grade_bands.empty() || f.grade_bands.back().min != 0)
      r.refuse("grade_bands", "the last band must start at 0");
  }
  if (doc.contains("levels")) {
    const json& levels = r.array(doc, "levels", "levels");
    for (std::size_t i = 0; i < levels.size(); ++i) {
      std::string where = "levels[" + std::to_string(i) + "]";
      Level l{r.text(levels[i], where, "name_th"), r.text(levels[i], where, "name_en", false),
              r.number(levels[i], where, "min_total"), std::nullopt, r.flag(levels[i], "passes")};
      if (levels[i].contains("min_each_tool") && !levels[i]["min_each_tool"].is_null())
        l.min_each_tool = r.number(levels[i], where, "min_each_tool");
      if (l.min_total < 0 || l.min_total > 100 || (l.min_each_tool && (*l.min_each_tool < 0 || *l.min_each_tool > 100)))
        r.refuse(where, "minimums must be within 0–100");
      for (const Level& above : f.levels) {
        if (above.name_th == l.name_th) r.refuse(where, "level " + l.name_th + " appears twice");
      }
      if (!f.levels.empty()) {
        const Level& above = f.levels.back();
        double above_each = above.min_each_tool.value_or(0), each = l.min_each_tool.value_or(0);
        if (l.min_total > above.min_total || each > above_each ||
            (l.min_total == above.min_total && each == above_each))
          r.refuse(where, "levels overlap: each must ask less than the one above it");
      }
      f.levels.push_back(std::move(l));
    }
    if (f.levels.empty() || f.levels.back().min_total != 0 || f.levels.back().min_each_tool)
      r.refuse("levels", "the last level must start at 0 with no condition on the tools");
  }
  if (f.grade_bands.empty() && f.levels.empty()) r.refuse("grade_bands", "a year needs grade_bands or levels");
  if (doc.contains("assessment")) {
    const json& a = doc["assessment"];
    auto day = [&](const char* key) {
      auto d = calendar::parse_iso(r.text(a, "assessment", key));
      if (!d) r.refuse(std::string("assessment.") + key, "must be an ISO date (YYYY-MM-DD)");
      return *d;
    };
    OitCollection c{day("oit_opens"), day("oit_closes"), std::nullopt, a.value("verified", false),
                    r.text(a, "assessment", "note", false)};
    if (c.closes < c.opens) r.refuse("assessment.oit_closes", "must not be before oit_opens");
    calendar::FiscalYear fy(f.year);
    if (!fy.period().contains(c.closes)) r.refuse("assessment.oit_closes", "must fall in the fiscal year");
    // The clarification window: both days or neither, after the collection, in the fiscal year.
    const bool has_opens = a.contains("clarification_opens") && !a["clarification_opens"].is_null();
    const bool has_closes = a.contains("clarification_closes") && !a["clarification_closes"].is_null();
    if (has_opens != has_closes) {
      r.refuse(has_opens ? "assessment.clarification_closes" : "assessment.clarification_opens",
               "a clarification window needs both its days");
    } else if (has_opens) {
      calendar::Period w{day("clarification_opens"), day("clarification_closes")};
      if (w.last < w.first) r.refuse("assessment.clarification_closes", "must not be before clarification_opens");
      if (w.first <= c.closes) r.refuse("assessment.clarification_opens", "must be after oit_closes");
      if (!fy.period().contains(w.last)) r.refuse("assessment.clarification_closes", "must fall in the fiscal year");
      c.clarification = w;
    }
    f.oit_collection = c;
  }
}

// A scoring section ("oit_scoring", "survey_scoring") names the methods the scorer implements;
// the defaults are the published ones, and a file naming another method is refused.
void read_methods(const Reader& r, const json& doc, const char* section,
                  std::initializer_list<std::pair<const char*, const std::string*>> known) {
  if (!doc.contains(section)) return;
  const json& o = doc[section];
  for (const auto& [key, method] : known) {
    std::string v = r.text(o, section, key, false);
    if (!v.empty() && v != *method)
      r.refuse(std::string(section) + "." + key, "unknown method " + v + " (known: " + *method + ")");
  }
}

void read_scoring(const Reader& r, const json& doc, Framework& f) {
  read_methods(r, doc, "oit_scoring",
               {{"item", &f.oit_scoring.item},
                {"sub_indicator", &f.oit_scoring.sub_indicator},
                {"indicator", &f.oit_scoring.indicator},
                {"tool", &f.oit_scoring.tool}});
  read_methods(
      r, doc, "survey_scoring",
      {{"item", &f.survey_scoring.item}, {"indicator", &f.survey_scoring.indicator}, {"tool", &f.survey_scoring.tool}});
}

void read_scales(const Reader& r, const json& doc, Framework& f) {
  const json& scales = r.field(doc, "answer_scales", "answer_scales");
  if (!scales.is_object() || scales.empty()) r.refuse("answer_scales", "must name at least one scale");
  for (auto& [id, s] : scales.items()) {
    std::string where = "answer_scales." + id;
    AnswerScale scale{id, r.text(s, where, "name_th"), r.text(s, where, "note", false), {}, true};
    if (s.contains("reverse_when_negative")) scale.reverse_when_negative = r.flag(s, "reverse_when_negative");
    const json& options = r.array(s, where, "options");
    for (std::size_t i = 0; i < options.size(); ++i) {
      std::string w = where + ".options[" + std::to_string(i) + "]";
      double score = r.number(options[i], w, "score");
      if (score < 0 || score > 100) r.refuse(w, "score must be within 0–100");
      scale.options.push_back({static_cast<int>(r.number(options[i], w, "value")), r.text(options[i], w, "label_th"),
                               r.text(options[i], w, "label_en", false), score});
    }
    if (scale.options.size() < 2) r.refuse(where, "needs at least two options");
    f.answer_scales.emplace(id, std::move(scale));
  }
}

void read_tools_and_indicators(const Reader& r, const json& doc, Framework& f) {
  const json& tools = r.array(doc, "tools", "tools");
  double weights = 0;
  for (std::size_t i = 0; i < tools.size(); ++i) {
    std::string where = "tools[" + std::to_string(i) + "]";
    ToolInfo t;
    t.code = r.text(tools[i], where, "code");
    t.tool = parse_tool(r, where, t.code);
    t.name_th = r.text(tools[i], where, "name_th");
    t.name_en = r.text(tools[i], where, "name_en", false);
    t.weight = r.number(tools[i], where, "weight");
    t.verified = r.flag(tools[i], "verified");
    for (const json& n : r.array(tools[i], where, "indicators")) t.indicators.push_back(n.get<int>());
    weights += t.weight;
    f.tools.push_back(std::move(t));
  }
  if (std::abs(weights - 1.0) > 1e-9) r.refuse("tools", "weights must add up to 1");
  const json& indicators = r.array(doc, "indicators", "indicators");
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    std::string where = "indicators[" + std::to_string(i) + "]";
    Indicator ind;
    ind.number = static_cast<int>(r.number(indicators[i], where, "number"));
    ind.tool = parse_tool(r, where, r.text(indicators[i], where, "tool"));
    ind.name_th = r.text(indicators[i], where, "name_th");
    ind.name_en = r.text(indicators[i], where, "name_en", false);
    ind.verified = r.flag(indicators[i], "verified");
    if (f.indicator(ind.number)) r.refuse(where, "indicator " + std::to_string(ind.number) + " appears twice");
    if (indicators[i].contains("sub_indicators")) {
      for (const json& s : r.array(indicators[i], where, "sub_indicators")) {
        SubIndicator sub{r.text(s, where, "code"), r.text(s, where, "name_th"), r.text(s, where, "name_en", false)};
        bool twice =
            f.sub_indicator(sub.code) || std::any_of(ind.sub_indicators.begin(), ind.sub_indicators.end(),
                                                     [&](const SubIndicator& o) { return o.code == sub.code; });
        if (twice) r.refuse(where, "sub-indicator " + sub.code + " appears twice");
        ind.sub_indicators.push_back(std::move(sub));
      }
    }
    if (ind.tool == Tool::oit && ind.sub_indicators.empty()) r.refuse(where, "an OIT indicator needs sub_indicators");
    f.indicators.push_back(std::move(ind));
  }
  for (const ToolInfo& t : f.tools) {
    for (int n : t.indicators) {
      const Indicator* ind = f.indicator(n);
      if (!ind || ind->tool != t.tool)
        r.refuse("tools." + t.code, "indicator " + std::to_string(n) + " is not an indicator of this tool");
    }
  }
  // An indicator its tool does not list would be left out of the tool's score without a word.
  for (const Indicator& ind : f.indicators) {
    auto t = std::find_if(f.tools.begin(), f.tools.end(), [&](const ToolInfo& x) { return x.tool == ind.tool; });
    if (t == f.tools.end() || std::find(t->indicators.begin(), t->indicators.end(), ind.number) == t->indicators.end())
      r.refuse("indicators", "indicator " + std::to_string(ind.number) + " is not listed by its tool " +
                                 std::string(to_string(ind.tool)));
  }
}

Item read_item(const Reader& r, const json& j, const std::string& index_where, const Framework& f) {
  Item it;
  it.code = r.text(j, index_where, "code");
  std::string where = index_where + " (" + it.code + ")";
  it.tool = parse_tool(r, where, r.text(j, where, "tool"));
  it.verified = r.flag(j, "verified");
  it.source = r.text(j, where, "source", false);
  if (it.tool == Tool::oit) {
    it.sub_indicator = r.text(j, where, "sub_indicator");
    // The item belongs to the indicator that holds its sub-indicator (not to the number its code
    // begins with: a renumbered indicator keeps its sub-indicators' codes).
    auto holder = std::find_if(f.indicators.begin(), f.indicators.end(), [&](const Indicator& ind) {
      return std::any_of(ind.sub_indicators.begin(), ind.sub_indicators.end(),
                         [&](const SubIndicator& s) { return s.code == it.sub_indicator; });
    });
    if (holder == f.indicators.end()) r.refuse(where, "unknown sub_indicator " + it.sub_indicator);
    if (holder->tool != Tool::oit) r.refuse(where, "sub_indicator " + it.sub_indicator + " is not of tool OIT");
    it.indicator = holder->number;
    it.name_th = r.text(j, where, "name_th");
    it.name_en = r.text(j, where, "name_en", false);
    it.requirement = r.text(j, where, "requirement", false);
    // "roles": a list; "role": one, as files written before an item could hold several. Both
    // at once would leave one unread: which did the author mean?
    if (j.contains("roles") && j.contains("role")) r.refuse(where, "give roles only (role is its older spelling)");
    if (j.contains("roles")) {
      for (const json& v : r.array(j, where, "roles")) {
        if (!v.is_string()) r.refuse(where, "roles must be strings");
        it.roles.push_back(v.get<std::string>());
      }
    } else if (std::string one = r.text(j, where, "role", false); !one.empty()) {
      it.roles.push_back(one);
    }
    for (const std::string& role : it.roles) {
      if (!known_role(role)) r.refuse(where, "unknown role " + role);
      if (std::count(it.roles.begin(), it.roles.end(), role) > 1) r.refuse(where, "role " + role + " appears twice");
    }
    if (std::string with = r.text(j, where, "answer_with", false); with == "evidence")
      it.answer_with_evidence = true;
    else if (!with.empty() && with != "page")
      r.refuse(where, "answer_with must be page or evidence");
    it.scale = "pass_fail";
    it.cadence = parse_cadence(r, where, r.field(j, where, "cadence"));
  } else {
    it.indicator = static_cast<int>(r.number(j, where, "indicator"));
    const Indicator* ind = f.indicator(it.indicator);
    if (!ind || ind->tool != it.tool)
      r.refuse(where,
               "indicator " + std::to_string(it.indicator) + " is not of tool " + std::string(to_string(it.tool)));
    it.question_th = r.text(j, where, "question_th");
    it.summary_en = r.text(j, where, "summary_en", false);
    it.scale = r.text(j, where, "scale");
    it.polarity = parse_polarity(r, where, r.text(j, where, "polarity"));
    if (j.contains("sub_questions")) {
      for (const json& s : r.array(j, where, "sub_questions")) {
        it.sub_questions.push_back(
            {r.text(s, where, "text_th"), parse_polarity(r, where, r.text(s, where, "polarity"))});
      }
    }
    if (it.polarity == Polarity::mixed && it.sub_questions.empty())
      r.refuse(where, "a mixed item needs sub_questions with their own polarity");
  }
  if (!f.answer_scales.contains(it.scale)) r.refuse(where, "unknown answer scale " + it.scale);
  return it;
}

void read_items(const Reader& r, const json& doc, Framework& f) {
  const json& items = r.array(doc, "items", "items");
  std::set<std::string> codes;
  for (std::size_t i = 0; i < items.size(); ++i) {
    Item it = read_item(r, items[i], "items[" + std::to_string(i) + "]", f);
    if (!codes.insert(it.code).second)
      r.refuse("items[" + std::to_string(i) + "]", "code " + it.code + " appears twice");
    for (const std::string& role : it.roles) {
      if (const Item* other = f.by_role(role))
        r.refuse("items[" + std::to_string(i) + "] (" + it.code + ")",
                 "role " + role + " is held by " + other->code + " already");
    }
    f.items.push_back(std::move(it));
  }
  for (const Indicator& ind : f.indicators) {
    for (const SubIndicator& s : ind.sub_indicators) {
      bool any =
          std::any_of(f.items.begin(), f.items.end(), [&](const Item& it) { return it.sub_indicator == s.code; });
      if (!any) r.refuse("indicators", "sub-indicator " + s.code + " has no items");
    }
  }
}

void read_crosswalk(const Reader& r, const json& doc, Framework& f) {
  if (!doc.contains("crosswalk")) return;
  const json& c = doc["crosswalk"];
  Crosswalk cw;
  cw.from_year = static_cast<int>(r.number(c, "crosswalk", "from_year"));
  if (cw.from_year >= f.year) r.refuse("crosswalk", "from_year must be an earlier year");
  cw.verified = r.flag(c, "verified");
  cw.note = r.text(c, "crosswalk", "note", false);
  for (auto& [from, to] : r.field(c, "crosswalk", "map").items()) {
    if (to.is_null()) {
      cw.map.emplace(from, std::nullopt);
    } else {
      std::string target = to.get<std::string>();
      if (!f.item(target)) r.refuse("crosswalk.map." + from, "maps to " + target + ", which this year does not have");
      cw.map.emplace(from, target);
    }
  }
  f.crosswalk = std::move(cw);
}

}  // namespace

Result<Framework> parse(std::string_view text, std::string_view source) {
  Reader r(source);
  try {
    json doc = json::parse(text);
    Framework f;
    read_header(r, doc, f);
    read_scales(r, doc, f);
    read_scoring(r, doc, f);
    read_tools_and_indicators(r, doc, f);
    read_items(r, doc, f);
    read_crosswalk(r, doc, f);
    return f;
  } catch (const json::exception& e) {
    return fail(Error::said(ErrorKind::invalid, "error.framework_file", std::string(source) + ": " + e.what()));
  } catch (const std::invalid_argument& e) {
    return fail(Error::said(ErrorKind::invalid, "error.framework_file", e.what()));
  }
}

struct Catalogue::State {
  mutable std::shared_mutex mu;
  std::map<int, std::shared_ptr<const Framework>> current;  // year → the version in force
  std::vector<std::shared_ptr<const Framework>> all;        // every version loaded, kept alive
};

Catalogue::Catalogue() : state_(std::make_shared<State>()) {}

namespace {

// A crosswalk of `later` names codes of `earlier`: every one must be there.
std::optional<std::string> crosswalk_fault(const Framework& later, const Framework& earlier) {
  if (!later.crosswalk || later.crosswalk->from_year != earlier.year) return std::nullopt;
  for (const auto& [code, to] : later.crosswalk->map) {
    if (!earlier.item(code))
      return "ita/" + std::to_string(later.year) + ".json: crosswalk.map." + code + ": year " +
             std::to_string(earlier.year) + " has no item " + code;
  }
  return std::nullopt;
}

}  // namespace

Result<Catalogue> Catalogue::from_frameworks(std::vector<Framework> years) {
  Catalogue c;
  for (Framework& f : years) {
    auto shared = std::make_shared<const Framework>(std::move(f));
    c.state_->current[shared->year] = shared;
    c.state_->all.push_back(shared);
  }
  for (const auto& [year, f] : c.state_->current) {
    if (!f->crosswalk) continue;
    auto from = c.state_->current.find(f->crosswalk->from_year);
    if (from == c.state_->current.end()) continue;  // a crosswalk from a year not loaded is kept, unused
    if (auto fault = crosswalk_fault(*f, *from->second))
      return fail(Error::said(ErrorKind::invalid, "error.framework_file", *fault));
  }
  return c;
}

Result<void> Catalogue::install(Framework f) {
  std::unique_lock lock(state_->mu);
  auto in_force = [&](int year) -> const Framework* {
    auto it = state_->current.find(year);
    return it == state_->current.end() ? nullptr : it->second.get();
  };
  if (f.crosswalk) {
    if (const Framework* from = in_force(f.crosswalk->from_year)) {
      if (auto fault = crosswalk_fault(f, *from))
        return fail(Error::said(ErrorKind::invalid, "error.framework_file", *fault));
    }
  }
  if (const Framework* next = in_force(f.year + 1)) {  // the next year maps from this one's codes
    if (auto fault = crosswalk_fault(*next, f))
      return fail(Error::said(ErrorKind::invalid, "error.framework_file", *fault));
  }
  auto shared = std::make_shared<const Framework>(std::move(f));
  state_->current[shared->year] = shared;
  state_->all.push_back(shared);
  return ok();
}

const Framework* Catalogue::version(int be, int version) const {
  std::shared_lock lock(state_->mu);
  for (const auto& f : state_->all) {
    if (f->year == be && f->version == version) return f.get();
  }
  return nullptr;
}

Result<Catalogue> Catalogue::load(const std::optional<std::string>& override_dir) {
  std::map<int, Framework> by_year;
  auto add = [&](std::string_view text, const std::string& source) -> Result<void> {
    auto f = parse(text, source);
    if (!f) return fail(f.error());
    by_year[f->year] = std::move(*f);
    return ok();
  };
  for (const embedded::File& file : embedded::list("ita/")) {
    if (auto r = add(file.data, std::string(file.name)); !r) return fail(r.error());
  }
  if (override_dir) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(*override_dir, ec)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      if (auto r = add(buf.str(), entry.path().string()); !r) return fail(r.error());
    }
    if (ec) return fail(Error::said(ErrorKind::invalid, "error.framework_file", *override_dir + ": " + ec.message()));
  }
  std::vector<Framework> list;
  for (auto& [y, f] : by_year) list.push_back(std::move(f));
  return from_frameworks(std::move(list));
}

const Framework* Catalogue::made_with(int be, int v) const {
  const Framework* f = version(be, v);
  return f ? f : year(be);
}

const Framework* Catalogue::year(int be) const {
  std::shared_lock lock(state_->mu);
  auto it = state_->current.find(be);
  return it == state_->current.end() ? nullptr : it->second.get();
}

std::vector<int> Catalogue::years() const {
  std::shared_lock lock(state_->mu);
  std::vector<int> out;
  for (const auto& [y, f] : state_->current) out.push_back(y);
  return out;
}

OitEstimate Framework::estimate_oit(const std::function<bool(const std::string&)>& passed) const {
  OitEstimate out;
  std::map<std::string, std::pair<int, int>> counts;  // sub-indicator → (passed, items)
  for (const Item& i : items) {
    if (i.tool != Tool::oit) continue;
    auto& [ok, all] = counts[i.sub_indicator];
    ++all;
    if (passed(i.code)) ++ok;  // pass_fail: 100 or 0
  }
  double tool_sum = 0;
  int tool_n = 0;
  for (const Indicator& ind : indicators) {
    if (ind.tool != Tool::oit) continue;
    double sum = 0;
    int n = 0;
    for (const SubIndicator& sub : ind.sub_indicators) {
      auto it = counts.find(sub.code);
      if (it == counts.end() || it->second.second == 0) continue;
      double pct = 100.0 * it->second.first / it->second.second;  // percent_of_items_passed
      out.sub_indicators[sub.code] = pct;
      sum += pct;
      ++n;
    }
    if (n == 0) continue;
    out.indicators[ind.number] = sum / n;  // mean_of_sub_indicators
    tool_sum += sum / n;
    ++tool_n;
  }
  out.total = tool_n ? tool_sum / tool_n : 0;  // mean_of_indicators
  return out;
}

std::optional<std::string> Catalogue::translate(std::string_view code, int from, int to) const {
  std::optional<std::string> current{std::string(code)};
  int y = from;
  while (current && y < to) {  // forward: the later year's crosswalk maps from the earlier
    const Framework* next = year(y + 1);
    if (!next || !next->crosswalk || next->crosswalk->from_year != y) return std::nullopt;
    auto it = next->crosswalk->map.find(*current);
    current = it == next->crosswalk->map.end() ? std::nullopt : it->second;
    ++y;
  }
  while (current && y > to) {  // backward: find the earlier code that maps to this one
    const Framework* here = year(y);
    if (!here || !here->crosswalk || here->crosswalk->from_year != y - 1) return std::nullopt;
    std::optional<std::string> found;
    for (const auto& [src, dst] : here->crosswalk->map) {
      if (dst && *dst == *current) {
        found = src;
        break;
      }
    }
    current = found;
    --y;
  }
  return current;
}

std::vector<Catalogue::RoleUse> Catalogue::uses_of(std::string_view r, int fiscal_year) const {
  std::vector<RoleUse> out;
  if (const Framework* same = year(fiscal_year)) {
    const Item* i = same->by_role(r);
    if (i && i->cadence.basis == FiscalBasis::current) out.push_back({fiscal_year, i});
  }
  if (const Framework* next = year(fiscal_year + 1)) {
    const Item* i = next->by_role(r);
    if (i && i->cadence.basis == FiscalBasis::previous) out.push_back({fiscal_year + 1, i});
  }
  return out;
}

std::optional<double> Framework::answer_score(const AnswerScale& scale, Polarity polarity, int value) const {
  for (const ScaleOption& o : scale.options) {
    if (o.value != value) continue;
    bool reverse = polarity == Polarity::negative && scale.reverse_when_negative;
    return reverse ? 100 - o.score : o.score;
  }
  return std::nullopt;
}

std::optional<double> Framework::indicator_score(int number, const std::map<std::string, double>& items) const {
  double sum = 0;
  int n = 0;
  for (const Item& i : this->items) {
    if (i.indicator != number || i.tool == Tool::oit) continue;
    if (auto it = items.find(i.code); it != items.end()) {
      sum += it->second;
      ++n;
    }
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

std::optional<double> Framework::tool_score(Tool tool, const std::map<std::string, double>& items) const {
  double sum = 0;
  int n = 0;
  for (const ToolInfo& t : tools) {
    if (t.tool != tool) continue;
    for (int number : t.indicators) {
      if (auto s = indicator_score(number, items)) {
        sum += *s;
        ++n;
      }
    }
  }
  if (n == 0) return std::nullopt;
  return sum / n;
}

}  // namespace prongsai::framework

namespace prongsai::framework {
namespace {

using ojson = nlohmann::ordered_json;

std::string_view to_string(Polarity p) {
  return p == Polarity::negative ? "negative" : p == Polarity::mixed ? "mixed" : "positive";
}

ojson cadence_json(const Cadence& c) {
  ojson out = {{"kind", to_string(c.kind)}};
  if (c.kind != CadenceKind::standing || c.basis == FiscalBasis::previous)
    out["fiscal_year"] = c.basis == FiscalBasis::previous ? "previous" : "current";
  if (!c.note.empty()) out["note"] = c.note;
  return out;
}

ojson item_json(const Item& it) {
  ojson j = {{"code", it.code}, {"tool", to_string(it.tool)}};
  if (it.tool == Tool::oit) {
    j["sub_indicator"] = it.sub_indicator;
    j["name_th"] = it.name_th;
    if (!it.name_en.empty()) j["name_en"] = it.name_en;
    if (!it.requirement.empty()) j["requirement"] = it.requirement;
    j["cadence"] = cadence_json(it.cadence);
    if (!it.roles.empty()) j["roles"] = it.roles;
    if (it.answer_with_evidence) j["answer_with"] = "evidence";
  } else {
    j["indicator"] = it.indicator;
    j["question_th"] = it.question_th;
    if (!it.summary_en.empty()) j["summary_en"] = it.summary_en;
    j["scale"] = it.scale;
    j["polarity"] = to_string(it.polarity);
    if (!it.sub_questions.empty()) {
      ojson subs = ojson::array();
      for (const SubQuestion& q : it.sub_questions)
        subs.push_back({{"text_th", q.text_th}, {"polarity", to_string(q.polarity)}});
      j["sub_questions"] = subs;
    }
  }
  j["verified"] = it.verified;
  if (!it.source.empty()) j["source"] = it.source;
  return j;
}

}  // namespace

std::string to_json(const Framework& f) {
  ojson doc = {{"format", "prongsai-ita-framework/1"}, {"year", f.year}, {"title_th", f.title_th}};
  if (!f.title_en.empty()) doc["title_en"] = f.title_en;
  if (!f.note.empty()) doc["note"] = f.note;
  if (!f.sources.empty()) doc["sources"] = f.sources;
  if (f.provisional) {
    doc["provisional"] = true;
    doc["provisional_note"] = f.provisional_note;
  }
  doc["pass_mark"] = f.pass_mark;
  if (!f.grade_bands.empty()) {
    ojson bands = ojson::array();
    for (const GradeBand& b : f.grade_bands) bands.push_back({{"grade", b.grade}, {"min", b.min}});
    doc["grade_bands"] = bands;
  }
  if (!f.levels.empty()) {
    ojson levels = ojson::array();
    for (const Level& l : f.levels) {
      ojson j = {{"name_th", l.name_th}};
      if (!l.name_en.empty()) j["name_en"] = l.name_en;
      j["min_total"] = l.min_total;
      if (l.min_each_tool) j["min_each_tool"] = *l.min_each_tool;
      j["passes"] = l.passes;
      levels.push_back(j);
    }
    doc["levels"] = levels;
  }
  if (f.oit_collection) {
    ojson a = {{"oit_opens", calendar::iso(f.oit_collection->opens)},
               {"oit_closes", calendar::iso(f.oit_collection->closes)}};
    if (const auto& w = f.oit_collection->clarification) {
      a["clarification_opens"] = calendar::iso(w->first);
      a["clarification_closes"] = calendar::iso(w->last);
    }
    a["verified"] = f.oit_collection->verified;
    if (!f.oit_collection->note.empty()) a["note"] = f.oit_collection->note;
    doc["assessment"] = a;
  }
  ojson scales = ojson::object();
  for (const auto& [id, sc] : f.answer_scales) {
    ojson options = ojson::array();
    for (const ScaleOption& o : sc.options) {
      ojson j = {{"value", o.value}, {"label_th", o.label_th}};
      if (!o.label_en.empty()) j["label_en"] = o.label_en;
      j["score"] = o.score;
      options.push_back(j);
    }
    ojson s = {{"name_th", sc.name_th}, {"options", options}, {"reverse_when_negative", sc.reverse_when_negative}};
    if (!sc.note.empty()) s["note"] = sc.note;
    scales[id] = s;
  }
  doc["answer_scales"] = scales;
  ojson tools = ojson::array();
  for (const ToolInfo& t : f.tools) {
    ojson j = {{"code", t.code}, {"name_th", t.name_th}};
    if (!t.name_en.empty()) j["name_en"] = t.name_en;
    j["weight"] = t.weight;
    j["indicators"] = t.indicators;
    j["verified"] = t.verified;
    tools.push_back(j);
  }
  doc["tools"] = tools;
  doc["survey_scoring"] = {
      {"item", f.survey_scoring.item}, {"indicator", f.survey_scoring.indicator}, {"tool", f.survey_scoring.tool}};
  doc["oit_scoring"] = {{"item", f.oit_scoring.item},
                        {"sub_indicator", f.oit_scoring.sub_indicator},
                        {"indicator", f.oit_scoring.indicator},
                        {"tool", f.oit_scoring.tool}};
  ojson indicators = ojson::array();
  for (const Indicator& ind : f.indicators) {
    ojson j = {{"number", ind.number}, {"tool", to_string(ind.tool)}, {"name_th", ind.name_th}};
    if (!ind.name_en.empty()) j["name_en"] = ind.name_en;
    j["verified"] = ind.verified;
    if (!ind.sub_indicators.empty()) {
      ojson subs = ojson::array();
      for (const SubIndicator& s : ind.sub_indicators) {
        ojson sj = {{"code", s.code}, {"name_th", s.name_th}};
        if (!s.name_en.empty()) sj["name_en"] = s.name_en;
        subs.push_back(sj);
      }
      j["sub_indicators"] = subs;
    }
    indicators.push_back(j);
  }
  doc["indicators"] = indicators;
  ojson items = ojson::array();
  for (const Item& it : f.items) items.push_back(item_json(it));
  doc["items"] = items;
  if (f.crosswalk) {
    ojson map = ojson::object();
    for (const auto& [from, to] : f.crosswalk->map) map[from] = to ? ojson(*to) : ojson(nullptr);
    ojson cw = {{"from_year", f.crosswalk->from_year}, {"verified", f.crosswalk->verified}};
    if (!f.crosswalk->note.empty()) cw["note"] = f.crosswalk->note;
    cw["map"] = map;
    doc["crosswalk"] = cw;
  }
  return doc.dump(2) + "\n";
}

}  // namespace prongsai::framework
