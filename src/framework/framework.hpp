// The ITA framework of each assessment year, as data (data/ita/<year>.json): tools and their
// weights, indicators and sub-indicators, OIT items with their cadence, EIT/IIT questions with
// answer scales and polarity, grade bands, the pass mark, and the crosswalk from the year
// before, the roles items play for Prongsai (the measures plan and its report, figures Prongsai
// produces), the result levels. Adding a year is adding a file; no code here names an item code.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
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
// each half-year, each month, a plan covering several years, or a year's plan with its
// progress at the half-year (ITA 2568's "แผนและความก้าวหน้า...").
enum class CadenceKind { standing, annual, half_yearly, monthly, multi_year, annual_with_half_year_progress };
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
  std::string id, name_th, note;
  std::vector<ScaleOption> options;
  bool reverse_when_negative = true;
};

struct GradeBand {
  std::string grade;
  double min = 0;  // inclusive; bands are sorted from the highest
};

// A result level (since ITA 2567: ผ่านดีเยี่ยม … ต้องปรับปรุงโดยด่วน): reached when the total is at
// least `min_total` and, when given, every tool's score at least `min_each_tool`. Levels are
// sorted from the highest; the last starts at 0 with no tool condition.
struct Level {
  std::string name_th, name_en;
  double min_total = 0;
  std::optional<double> min_each_tool;
  bool passes = false;
};

// What a total and the tools' scores come to in a year: its level (years with levels) or grade
// (years with bands), and, when a tool keeps the total from the level it alone would reach,
// which tool and by how much.
struct Outcome {
  std::string label;  // the level's name, or the grade
  bool passes = false;
  const Level* level = nullptr;
  const Level* total_alone = nullptr;  // set only when a tool holds the result back
  std::optional<Tool> held_back_by;
  double held_back_score = 0, held_back_min = 0;
};

// The roles an item can play for Prongsai: what of Prongsai's own answers it. An item may hold
// several (ITA 2569's O3 asks for the contact details and the channels for questions); a role
// is held by at most one item of a year. Modules produce evidence for roles (web/evidence.hpp);
// the vocabulary is here, so that a year's file is checked against it.
namespace role {
inline constexpr std::string_view measures_plan = "measures_plan";              // the measures plan (O42, O27, O25…)
inline constexpr std::string_view measures_report = "measures_report";          // the report on it (O43, O28, O26…)
inline constexpr std::string_view service_statistics = "service_statistics";    // the E-Service's figures
inline constexpr std::string_view structure = "structure";                      // the organisation structure
inline constexpr std::string_view executives = "executives";                    // the executives page
inline constexpr std::string_view duties = "duties";                            // authority and duties
inline constexpr std::string_view development_plan = "development_plan";        // the strategic or development plan
inline constexpr std::string_view laws = "laws";                                // the laws the agency works under
inline constexpr std::string_view work_manual = "work_manual";                  // the staff's work manual
inline constexpr std::string_view service_manual = "service_manual";            // the manual for service users
inline constexpr std::string_view complaint_guideline = "complaint_guideline";  // how corruption complaints are handled
inline constexpr std::string_view contact = "contact";                          // address, phones, map
inline constexpr std::string_view social_network = "social_network";            // Facebook, LINE
inline constexpr std::string_view questions = "questions";                      // Q&A
inline constexpr std::string_view news = "news";                                // public-relations news
inline constexpr std::string_view participation = "participation";              // participation activities
inline constexpr std::string_view e_service = "e_service";                      // the online service
inline constexpr std::string_view satisfaction = "satisfaction";                // service satisfaction results
inline constexpr std::string_view feedback_channel = "feedback_channel";        // complaints and opinions
inline constexpr std::string_view corruption_channel = "corruption_channel";    // the corruption complaints channel
inline constexpr std::string_view corruption_statistics = "corruption_statistics";  // its figures
inline constexpr std::string_view privacy = "privacy";                              // the privacy (PDPA) notice
inline constexpr std::string_view procurement_plan = "procurement_plan";            // the year's purchase plan
inline constexpr std::string_view procurement_monthly = "procurement_monthly";      // each month's procurement summary
inline constexpr std::string_view procurement_annual = "procurement_annual";        // the yearly procurement report
inline constexpr std::string_view procurement_announcements = "procurement_announcements";  // its announcements
// Every role, in the order the workshop offers them.
inline constexpr std::string_view kAll[] = {structure,
                                            executives,
                                            duties,
                                            development_plan,
                                            laws,
                                            work_manual,
                                            service_manual,
                                            contact,
                                            social_network,
                                            questions,
                                            news,
                                            participation,
                                            e_service,
                                            service_statistics,
                                            satisfaction,
                                            feedback_channel,
                                            corruption_channel,
                                            complaint_guideline,
                                            corruption_statistics,
                                            privacy,
                                            procurement_plan,
                                            procurement_monthly,
                                            procurement_annual,
                                            procurement_announcements,
                                            measures_plan,
                                            measures_report};
}  // namespace role
bool known_role(std::string_view r);

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
  // OIT: what of Prongsai's own answers the item (framework::role): the measures plan or its
  // report, a page or figures a module produces as its evidence; empty for most items.
  std::vector<std::string> roles;
  // OIT: ITAS asks for the URLs of the evidence itself, not of a page that lists it (the file's
  // "answer_with": "evidence"; "page", the default, answers with the item's public page).
  bool answer_with_evidence = false;
  bool has_role(std::string_view r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }
  std::string source;  // where the item's code and wording were read (for the workshop)
  std::string scale;   // key into answer_scales
  Polarity polarity = Polarity::positive;
  std::vector<SubQuestion> sub_questions;
  Cadence cadence;  // OIT only
  bool verified = false;

  std::string_view title_th() const { return tool == Tool::oit ? name_th : question_th; }
  // OIT: the title in `lang`, Thai where there is no English one.
  std::string_view name(Lang lang) const { return lang == Lang::en && !name_en.empty() ? name_en : name_th; }
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
// annual and standing items are due by its last day. Then, when the year's calendar says, the
// days an agency may file clarifications of its preliminary OIT scores (1–15 June in 2565).
struct OitCollection {
  calendar::Date opens, closes;
  std::optional<calendar::Period> clarification;
  bool verified = false;
  std::string note;
};

struct Framework {
  int year = 0;
  // 0: the file carried in the binary (data/ita/<year>.json); 1, 2, …: the versions an
  // administrator published after it (modules/frameworks). Scores and plans name the version.
  int version = 0;
  std::string title_th, title_en, note;
  std::map<std::string, std::string> sources;  // what an item's `source` names → where it is
  // A draft carried over until the NACC's manual of the year is out: every page showing the
  // year says so, in these words.
  bool provisional = false;
  std::string provisional_note;
  double pass_mark = 85;
  std::optional<OitCollection> oit_collection;
  std::vector<GradeBand> grade_bands;  // empty in years reported by level
  std::vector<Level> levels;           // empty in years reported by grade
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
  std::string grade(double score) const;  // "AA" ... "F"; empty in a year reported by level
  bool passes(double score) const { return score >= pass_mark; }
  // The result of a total with the tools' scores (a tool missing from the map sets no condition).
  Outcome outcome(double total, const std::map<Tool, double>& tools) const;
  // The OIT item holding `role` this year, or none.
  const Item* by_role(std::string_view role) const;
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
// The file of a framework (the same format parse() reads, data/ita/ and `prongsai framework
// export`): parse(to_json(f)) gives f back.
std::string to_json(const Framework& f);

// Every year's framework in force, and every version ever loaded. Shared by all threads: a
// newly published version is installed while requests read; a pointer a reader got stays
// valid for the life of the catalogue (versions are kept, never changed).
class Catalogue {
 public:
  Catalogue();
  // The years carried in the binary, then every <year>.json in `override_dir` (if given),
  // which replaces or adds a year. Any broken file refuses the whole catalogue.
  static Result<Catalogue> load(const std::optional<std::string>& override_dir = std::nullopt);
  static Result<Catalogue> from_frameworks(std::vector<Framework> years);

  const Framework* year(int be) const;  // the version in force, or null
  // A version of a year (0: the binary's file) among those loaded, or null.
  const Framework* version(int be, int version) const;
  // What a plan or survey made with `version` reads: that version, or the one in force when
  // it is not loaded; null when the year has neither.
  const Framework* made_with(int be, int version) const;
  std::vector<int> years() const;
  // Puts a validated framework in force for its year (its crosswalk checked against the year
  // it names, when loaded); refused, and nothing changed, when a check fails.
  Result<void> install(Framework f);
  // The code `code` of year `from` has in year `to`, following crosswalks year by year
  // (either direction); nullopt when it has none.
  std::optional<std::string> translate(std::string_view code, int from, int to) const;
  // Where the item holding `role` in an assessment covers fiscal year `fiscal_year`: the year's
  // own item when its evidence is about the year assessed, then the next year's when that
  // covers the year before (ITA 2568's O28 reports on FY2567). Nearest first; empty if none.
  struct RoleUse {
    int assessment_year = 0;
    const Item* item = nullptr;
  };
  std::vector<RoleUse> uses_of(std::string_view role, int fiscal_year) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace prongsai::framework
