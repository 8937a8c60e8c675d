// The surveys module's contract: questionnaires the agency runs itself all year, so that it
// knows where it stands before the NACC's assessment. EIT (service users) and IIT (staff)
// questionnaires are built from a framework year's items, their answer scales, sub-questions
// and polarity; the service-satisfaction survey (the OIT's satisfaction-survey item) carries the admin's own
// questions on the framework's four-level scale.
//
// Collecting is anonymous: answers are stored with the day only (no time, no address, no
// browser, no account), under a random id, so that neither the audit log's times nor the order
// of rows ties an answer to a person or to a staff login. One device answering many times is
// held back by a cookie that says "answered" and nothing else.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/thai_calendar.hpp"
#include "framework/framework.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/measures/measures.hpp"
#include "store/store.hpp"

namespace prongsai::surveys {

enum class Kind { eit, iit, satisfaction };
std::string_view to_string(Kind k);
std::optional<Kind> parse_kind(std::string_view s);

// One line a respondent answers: an item, or one sub-question of it ("E1.2").
struct Line {
  std::string key;        // "E5", "E1.2", "S3"
  std::string item_code;  // "E1"; satisfaction: "S3"
  std::string group_th;   // the item's question when the line is one of its sub-questions
  std::string text_th;
  const framework::AnswerScale* scale = nullptr;
  framework::Polarity polarity = framework::Polarity::positive;
};

struct Survey {
  std::int64_t id = 0;
  std::string token;  // the public address: /s/{token}
  Kind kind = Kind::satisfaction;
  int year = 0;  // fiscal year (BE): its framework gives the items and the scale
  std::string title;
  std::vector<std::string> questions;  // satisfaction: the admin's
  calendar::Date opens_on, closes_on;
  std::int64_t target = 0;
  std::int64_t responses = 0;   // answers so far; not counted when read by token (the public pages)
  int framework_version = 0;    // of the year's framework when the survey was made: its questions and scoring
  bool codes_required = false;  // answered only with a one-time code (Service::issue_codes)
  bool open_on(calendar::Date d) const { return d >= opens_on && d <= closes_on; }
};

// A survey's results by the framework's method (framework::SurveyScoring): each item the mean of
// its answers' scores (reversed on negative lines), each indicator the mean of its items, the
// tool the mean of its indicators; a satisfaction survey's total is the mean of its questions.
struct ItemScore {
  std::string code, text_th;
  double score = 0;
  bool below = false;  // under the framework's pass mark
};
struct Scores {
  std::int64_t responses = 0;
  std::vector<ItemScore> items;  // in the questionnaire's order; only items with answers
  std::vector<std::pair<int, double>> indicators;
  std::optional<double> total;
  std::string grade;
  bool passes = false;
  double pass_mark = 85;
};
Scores score(const framework::Framework& f, const Survey& s, const std::vector<Line>& lines,
             const std::vector<std::map<std::string, int>>& responses);
// Bars per indicator (per question for a satisfaction survey) against the pass mark, as an
// accessible SVG.
std::string scores_svg(const Scores& s, bool by_item);
// Labelled bars from 0 to 100 with the pass mark drawn across (role="img", the figures in its label).
std::string bars_svg(const std::vector<std::pair<std::string, double>>& bars, double pass_mark);
// The same with the bars in labelled groups (the trend: a group per year, a bar per tool).
struct BarGroup {
  std::string label;
  std::vector<std::pair<std::string, double>> bars;
};
std::string grouped_bars_svg(const std::vector<BarGroup>& groups, double pass_mark);

// The year's ITA estimate: each tool's score (EIT and IIT from the year's latest survey of
// that kind with answers, OIT from the Disclosure registry's readiness), weighted by the
// framework; the total and its result only when all three are there: the level (since ITA
// 2567; a tool under a level's bar holds the total back) or the grade (up to 2566).
struct ToolPart {
  framework::Tool tool = framework::Tool::eit;
  std::string code, name_th;
  double weight = 0;
  std::optional<double> score;
  std::string source;  // the survey's title, or empty
  std::int64_t responses = 0;
};
struct Estimate {
  int year = 0;
  std::vector<ToolPart> parts;  // in the framework's order
  std::optional<double> total;
  std::string grade;  // the level's name (Thai) in a year of levels, else the grade
  std::string grade_en;
  bool by_level = false;
  bool passes = false;
  double pass_mark = 85;
  int framework_version = 0;  // of the year's framework in force, which the estimate follows
  bool provisional = false;   // the year's framework is a draft (framework::Framework::provisional_note)
  std::string provisional_note;
  // The tool keeping the total from the level it alone would reach, and that level's bar.
  std::string held_back_by;  // "EIT"
  double held_back_score = 0, held_back_min = 0;
};
// "คะแนนรวม 94.64 แต่ EIT 82.10 ต่ำกว่า 85 จึงอยู่ระดับผ่าน"; empty when no tool holds it back.
std::string held_back_text(const Estimate& e, Lang lang);

// The loop into next year's plan: an EIT or IIT item that the year's latest survey of its kind
// scored under the agency's target is proposed as an issue of the next fiscal year's measures plan.
// It is worked out from the scores each time; it is in the plan once the plan has an issue for
// the item (the admin made it from the prefilled form, and may have edited it), or dropped by
// the admin with a reason (and can be restored).
constexpr int kDefaultProposalTarget = 85, kMinProposalTarget = 50, kMaxProposalTarget = 100;
constexpr std::size_t kMaxDropReason = 500;
struct Proposal {
  std::string code, text_th;
  double score = 0;  // the item's score that triggered it
  std::int64_t survey_id = 0;
  std::string survey_title;
  std::int64_t responses = 0;
  std::optional<std::int64_t> issue_id;  // the plan's issue for the item
  bool dropped = false;
  std::string drop_reason, dropped_by;
  std::int64_t dropped_at = 0;
};
struct Proposals {
  int year = 0;       // the surveys' fiscal year
  int plan_year = 0;  // the plan they are proposed for: the next one
  int target = kDefaultProposalTarget;
  bool plan_exists = false;
  std::vector<Survey> sources;  // the latest EIT and IIT surveys with answers
  std::vector<Proposal> items;  // lowest score first
};

// One-time codes (an option, meant for the staff IIT survey): the admin prints them and hands
// them out at random, one a person; each lets one answer in. Only a hash of each is kept, and
// whether it was used: nothing ties a code to the answer it let in, or says when.
constexpr std::size_t kCodeChars = 10, kCodeGroup = 5;  // 50 bits: "7KQ2M-9XD4H"
constexpr std::int64_t kMaxCodesAtOnce = 1000;
struct CodeCounts {
  std::int64_t issued = 0, used = 0;
};

// The admin's form, as typed.
struct SurveyInput {
  std::string kind, year, title, questions, opens_on, closes_on, target;
};

constexpr std::size_t kMaxQuestions = 30;
constexpr std::int64_t kMinPublished = 5;
constexpr std::int64_t kMaxTarget = 100000;

class Service {
 public:
  Service(store::Store& store, const framework::Catalogue& frameworks, measures::Service& measures, const Clock& clock)
      : store_(store), frameworks_(frameworks), measures_(measures), clock_(clock) {}

  // Admin only.
  Result<std::vector<Survey>> list(const http::Principal& by);
  Result<Survey> get(const http::Principal& by, std::int64_t id);
  Result<std::int64_t> create(const http::Principal& by, const SurveyInput& in);
  Result<void> update(const http::Principal& by, std::int64_t id, const SurveyInput& in);

  // Public, by the survey's token: not_found for an unknown token alike.
  Result<Survey> by_token(std::int64_t agency_id, std::string_view token);
  // The agency's satisfaction survey open today, if any (the E-Service offers it to citizens
  // whose request is done).
  std::optional<Survey> open_satisfaction(std::int64_t agency_id);

  std::vector<int> framework_years() const { return frameworks_.years(); }
  // The agency's surveys that close within `days` (the deadline calendar).
  std::vector<Survey> closing(std::int64_t agency_id, const calendar::Period& days);

  // The results so far (admin only).
  Result<Scores> scores(const http::Principal& by, std::int64_t id);
  // The public results of fiscal year `year`'s satisfaction surveys (the OIT's satisfaction
  // report), each with its scores, by opening day: only those with kMinPublished answers or
  // more, so that no one answer can be read back from a mean.
  std::vector<std::pair<Survey, Scores>> satisfaction_results(std::int64_t agency_id, int year);
  // Every response's answers (admin only), in an order that says nothing (the random ids'), for
  // the anonymised export: no day, no id.
  Result<std::vector<std::map<std::string, int>>> responses(const http::Principal& by, std::int64_t id);
  // The year's estimate with the OIT score given (the admin and executives).
  Result<Estimate> estimate(const http::Principal& by, int year, std::optional<double> oit);

  // The proposals from a year's surveys for the next year's plan (admin only).
  Result<Proposals> proposals(const http::Principal& by, int year);
  int target(std::int64_t agency_id);
  Result<void> set_target(const http::Principal& by, std::string_view raw);
  // Drops a proposal (a reason is required) or restores one dropped (admin only); not_found
  // for an item that is not proposed.
  Result<void> drop(const http::Principal& by, int year, std::string_view code, const std::string& reason);
  Result<void> restore(const http::Principal& by, int year, std::string_view code);

  // The year's framework as the survey was made with it (the version in force if that one is
  // not loaded), or null.
  const framework::Framework* framework_of(const Survey& s) const;
  // What a respondent answers, in order.
  Result<std::vector<Line>> lines(const Survey& s) const;
  // Stores one response: every line answered with one of its scale's values, or refused
  // naming the first line missing; refused when the survey is not open today.
  // With codes_required, `code` must be one of the survey's codes not used yet (surveys.code_wrong,
  // field "code", alike for a wrong and a used one).
  Result<void> answer(std::int64_t agency_id, std::string_view token,
                      const std::map<std::string, std::string, std::less<>>& answers, std::string_view code = {});
  // The same for survey `s` of `agency_id` and its `lines` as the request has just read them
  // (by_token, lines): a submission reads the survey once.
  Result<void> answer(std::int64_t agency_id, const Survey& s, const std::vector<Line>& lines,
                      const std::map<std::string, std::string, std::less<>>& answers, std::string_view code = {});

  // Makes `count` more codes (1–kMaxCodesAtOnce) and requires them from now on; the codes, to
  // print now: they are kept nowhere (admin only).
  Result<std::vector<std::string>> issue_codes(const http::Principal& by, std::int64_t id, std::int64_t count);
  // No codes asked any more; every code made is forgotten (admin only).
  Result<void> stop_codes(const http::Principal& by, std::int64_t id);
  Result<CodeCounts> code_counts(const http::Principal& by, std::int64_t id);

 private:
  Result<Scores> scores_of(std::int64_t agency_id, const Survey& s);
  std::vector<std::map<std::string, int>> answers_of(std::int64_t agency_id, std::int64_t survey_id);
  Result<Survey> checked(const http::Principal& by, const SurveyInput& in, Survey s);
  // The year's latest survey of a kind that has a score, with its scores.
  std::optional<std::pair<Survey, Scores>> latest_scored(std::int64_t agency_id, int year, Kind kind);

  store::Store& store_;
  const framework::Catalogue& frameworks_;
  measures::Service& measures_;
  const Clock& clock_;
};

}  // namespace prongsai::surveys
