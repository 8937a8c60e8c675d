// The ITA framework of each assessment year, as data (data/ita/<year>.json): tools and their
// weights, indicators and sub-indicators, OIT items with their cadence, EIT/IIT questions with
// answer scales and polarity, grade bands, the pass mark, and the crosswalk from the year
// before. Adding a year is adding a file; no code here names an item code.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/thai_calendar.hpp"

namespace prongsai::framework {

enum class Tool { iit, eit, oit };
enum class Polarity { positive, negative, mixed };
// How often an OIT item's evidence is due: standing (kept current), once a fiscal year,
// each half-year, each month, or a plan covering several years.
enum class CadenceKind { standing, annual, half_yearly, monthly, multi_year };
// Whether the evidence is about the fiscal year assessed or the year before (annual reports).
enum class FiscalBasis { current, previous };

std::string_view to_string(Tool t);
std::string_view to_string(CadenceKind k);

struct ScaleOption {
  int value = 0;
  std::string label_th, label_en;
  double score = 0;
};

struct AnswerScale {
  std::string id, name_th;
  std::vector<ScaleOption> options;
  bool reverse_when_negative = true;
};

struct GradeBand {
  std::string grade;
  double min = 0;  // inclusive; bands are sorted from the highest
};

struct ToolInfo {
  Tool tool = Tool::oit;
  std::string code, name_th, name_en;
  double weight = 0;
  std::vector<int> indicators;
  bool verified = false;
};

struct SubIndicator {
  std::string code, name_th, name_en;
};

struct Indicator {
  int number = 0;
  Tool tool = Tool::oit;
  std::string name_th, name_en;
  bool verified = false;
  std::vector<SubIndicator> sub_indicators;
};

struct SubQuestion {
  std::string text_th;
  Polarity polarity = Polarity::positive;
};

struct Cadence {
  CadenceKind kind = CadenceKind::standing;
  FiscalBasis basis = FiscalBasis::current;
  std::string note;
};

struct Item {
  std::string code;  // "O23", "E10", "I4"
  Tool tool = Tool::oit;
  int indicator = 0;
  std::string sub_indicator;     // OIT only: "9.3"
  std::string name_th, name_en;  // OIT: the item's title
  std::string question_th;       // EIT/IIT: the question
  std::string summary_en;
  std::string requirement;  // OIT: what evidence the assessors look for
  // OIT: the figures a module of Prongsai produces as this item's evidence ("service_statistics":
  // the E-Service's statistics), so that they can be attached in one step; empty for most items.
  std::string produced_by;
  std::string scale;  // key into answer_scales
  Polarity polarity = Polarity::positive;
  std::vector<SubQuestion> sub_questions;
  Cadence cadence;  // OIT only
  bool verified = false;

  std::string_view title_th() const { return tool == Tool::oit ? name_th : question_th; }
};

struct Crosswalk {
  int from_year = 0;
  bool verified = false;
  std::string note;
  std::map<std::string, std::optional<std::string>> map;  // code in from_year → code here, or none
};

// How the OIT is scored (the file's oit_scoring): the methods named here are the ones the
// scorer implements; a file naming another is refused at load.
struct OitScoring {
  std::string item = "pass_fail";                         // an item scores 100 or 0
  std::string sub_indicator = "percent_of_items_passed";  // share of its items that pass
  std::string indicator = "mean_of_sub_indicators";
  std::string tool = "mean_of_indicators";
};

// How the EIT and IIT are scored (the file's survey_scoring), by the same rule: an answer scores
// its scale option's score, reversed (100 − score) on a negative line when the scale says so;
// an item is the mean of its answers (every response, every sub-question); an indicator the
// mean of its items; a tool the mean of its indicators.
struct SurveyScoring {
  std::string item = "mean_of_answers";
  std::string indicator = "mean_of_items";
  std::string tool = "mean_of_indicators";
};

// An OIT estimate from which items pass, by the year's method.
struct OitEstimate {
  std::map<std::string, double> sub_indicators;  // "9.1" → 0..100
  std::map<int, double> indicators;              // 9 → 0..100
  double total = 0;
};

// When the NACC collects the year's OIT evidence (the file's "assessment"): the agency's
// annual and standing items are due by its last day.
struct OitCollection {
  calendar::Date opens, closes;
  bool verified = false;
  std::string note;
};

struct Framework {
  int year = 0;
  std::string title_th, title_en, note;
  double pass_mark = 85;
  std::optional<OitCollection> oit_collection;
  std::vector<GradeBand> grade_bands;
  std::map<std::string, AnswerScale> answer_scales;
  std::vector<ToolInfo> tools;
  std::vector<Indicator> indicators;
  std::vector<Item> items;
  std::optional<Crosswalk> crosswalk;
  OitScoring oit_scoring;
  SurveyScoring survey_scoring;

  const Item* item(std::string_view code) const;
  const Indicator* indicator(int number) const;
  // The indicator and sub-indicator an OIT item sits under, e.g. (9, "9.3").
  const SubIndicator* sub_indicator(std::string_view code) const;
  std::vector<const Item*> items_of(Tool tool) const;
  std::string grade(double score) const;  // "AA" ... "F"
  bool passes(double score) const { return score >= pass_mark; }
  // `passed(code)` says whether an OIT item passes; items the framework does not list are ignored.
  OitEstimate estimate_oit(const std::function<bool(const std::string&)>& passed) const;
  // The score of one answer: the option's score on `scale`, reversed on a negative line when
  // the scale says so; nullopt for a value the scale does not have.
  std::optional<double> answer_score(const AnswerScale& scale, Polarity polarity, int value) const;
  // Indicator and tool scores from item scores (items missing from the map are left out), by
  // survey_scoring. nullopt: no item of the tool was scored.
  std::optional<double> indicator_score(int indicator, const std::map<std::string, double>& items) const;
  std::optional<double> tool_score(Tool tool, const std::map<std::string, double>& items) const;
};

// A framework from one file's text; `source` names the file in error messages, which also
// name the entry at fault ("ita/2566.json: items[12] (O13): unknown sub_indicator 9.9").
Result<Framework> parse(std::string_view json_text, std::string_view source);

class Catalogue {
 public:
  // The years carried in the binary, then every <year>.json in `override_dir` (if given),
  // which replaces or adds a year. Any broken file refuses the whole catalogue.
  static Result<Catalogue> load(const std::optional<std::string>& override_dir = std::nullopt);
  static Result<Catalogue> from_frameworks(std::vector<Framework> years);

  const Framework* year(int be) const;
  std::vector<int> years() const;
  // The code `code` of year `from` has in year `to`, following crosswalks year by year
  // (either direction); nullopt when it has none.
  std::optional<std::string> translate(std::string_view code, int from, int to) const;

 private:
  std::map<int, Framework> years_;
};

}  // namespace prongsai::framework
