// The assessment module's contract: the agency's side of the NACC's assessment round in ITAS.
// First of it, the OIT answer sheet: for a year, each OIT item with the answer ITAS asks for
// (มี / ไม่มี), the URL(s) an assessor opens and an explanation of where the data is on the
// agency's site. Prongsai proposes each line from the OIT registry's readiness check (มี when
// the item is ready; its stable public page, which lists the evidence; the path to it from
// the home page); the admin reviews it and may change any line, which is kept and audited
// and can be put back to the proposal. Exported in the order ITAS asks (the framework's order),
// as CSV and XLSX to copy from and as a PDF to sign off.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/strings.hpp"
#include "core/thai_calendar.hpp"
#include "documents/table_report.hpp"
#include "files/files.hpp"
#include "framework/framework.hpp"
#include "http/access.hpp"
#include "store/store.hpp"

namespace prongsai::accounts {
class Service;
}
namespace prongsai::disclosure {
class Service;
}
namespace prongsai::surveys {
class Service;
}
namespace prongsai::measures {
class Service;
}

namespace prongsai::assessment {

// One line of the sheet as ITAS takes it.
struct Answer {
  bool has = false;               // มี
  std::vector<std::string> urls;  // one or more, each an http(s) address
  std::string explanation;
};

// The URLs one a line: as stored, as the form shows them, as a CSV cell holds them.
std::string urls_text(const Answer& a);

struct AnswerLine {
  const framework::Item* item = nullptr;
  std::string readiness;         // the registry's status: ready | missing | stale
  std::string reason;            // why it is not ready, as the registry says
  Answer proposed;               // what Prongsai would answer
  std::optional<Answer> edited;  // the admin's, when changed
  std::int64_t edited_at = 0;
  std::int64_t edited_by_id = 0;
  std::string edited_by;  // their name
  const Answer& answer() const { return edited ? *edited : proposed; }
};

struct AnswerSheet {
  int fiscal_year = 0;
  const framework::Framework* framework = nullptr;
  std::string agency;             // its Thai name
  std::vector<AnswerLine> lines;  // the framework's OIT items, in its order
  std::size_t yes() const;
  const AnswerLine* find(std::string_view code) const;
};

// What the admin's form sends.
struct AnswerInput {
  std::string answer;  // "yes" | "no"
  std::string urls;    // one per line
  std::string explanation;
};

constexpr std::size_t kMaxUrls = 5;

// The OIT item `code` of the year's framework, or null (no framework, no such item, not OIT).
const framework::Item* oit_item(const framework::Catalogue& catalogue, int fiscal_year, std::string_view code);

class Answers {
 public:
  Answers(store::Store& store, const framework::Catalogue& catalogue, accounts::Service& accounts,
          disclosure::Service& disclosure)
      : store_(store), catalogue_(catalogue), accounts_(accounts), disclosure_(disclosure) {}

  // The sheet of `fiscal_year` as of `today`; URLs made under `base_url` (the agency's public
  // origin, "https://www.namom.go.th"). no_framework for a year without one.
  Result<AnswerSheet> sheet(std::int64_t agency_id, int fiscal_year, const std::string& base_url, calendar::Date today,
                            Lang lang);
  // Admin only. An item of the year's OIT list; the answer yes or no, 1–5 URLs (http or https),
  // an explanation of at most 1,000 characters (required when the answer is yes).
  Result<void> save(const http::Principal& by, int fiscal_year, const std::string& code, const AnswerInput& in);
  // Admin only: the line goes back to Prongsai's proposal.
  Result<void> reset(const http::Principal& by, int fiscal_year, const std::string& code);

 private:
  store::Store& store_;
  const framework::Catalogue& catalogue_;
  accounts::Service& accounts_;
  disclosure::Service& disclosure_;
};

// ---- The assessor's result ------------------------------------------------------------------

// An OIT item's scores as recorded from ITAS (assessment_item_scores).
struct ItemScore {
  std::optional<int> preliminary, final;  // 100 or 0
  std::string comment;                    // the assessor's
  std::optional<int> latest() const { return final ? final : preliminary; }
};
// Every OIT item's recorded scores of the year, by code, read in the caller's transaction.
std::map<std::string, ItemScore, std::less<>> item_scores(store::ReadTx& tx, std::int64_t agency_id, int fiscal_year);

// An OIT item as the assessor scored it, beside what Prongsai estimated.
struct ItemResult {
  const framework::Item* item = nullptr;
  bool estimated_pass = false;                                              // the readiness check said ready
  std::optional<int> preliminary, final;                                    // 100 or 0
  std::string comment;                                                      // the assessor's
  std::optional<int> score() const { return final ? final : preliminary; }  // the latest given
  // Where the estimate went wrong: scored, and not as estimated.
  bool missed() const { return score() && (*score() == 100) != estimated_pass; }
};

struct ToolResult {
  framework::Tool tool = framework::Tool::eit;
  std::string code;  // "EIT"
  double weight = 0;
  std::optional<double> real, estimate;  // the real score (OIT: computed from the items), Prongsai's
};

struct RoundResult {
  int fiscal_year = 0;
  const framework::Framework* framework = nullptr;
  std::vector<ItemResult> items;  // the OIT items in the framework's order
  std::size_t scored = 0;         // items with a score
  bool final = false;             // every scored item has its final score
  std::vector<ToolResult> tools;  // in the framework's order
  std::optional<double> total;    // when every tool has its real score (OIT: every item scored)
  std::string level;              // the framework's level (or grade) of the total
  bool passes = false;
  std::optional<double> estimated_total;
  std::string estimated_level;
};

// What Prongsai estimates of the survey tools for `year` (the surveys module's latest scored
// surveys of each kind), by tool: what Results::result sets beside the real scores.
std::map<framework::Tool, double> estimated_tools(surveys::Service& surveys, const http::Principal& by, int year);

// What the admin types or pastes: per item "100", "0" or "" (not given), and a comment.
struct ItemScoreInput {
  std::string code, score;
  std::optional<std::string> comment;  // none: the comment kept stays (a pasted line without one)
};
enum class Stage { preliminary, final };
std::optional<Stage> parse_stage(std::string_view s);

class Results {
 public:
  Results(store::Store& store, const framework::Catalogue& catalogue, disclosure::Service& disclosure)
      : store_(store), catalogue_(catalogue), disclosure_(disclosure) {}

  // The year's result beside Prongsai's estimate (`estimated_tools`: the survey tools' estimated
  // scores, by tool, where there is one; the OIT's comes from the registry).
  Result<RoundResult> result(std::int64_t agency_id, int fiscal_year, calendar::Date today,
                             const std::map<framework::Tool, double>& estimated_tools);
  // Admin only. The scores of `stage` for the items given (others stay as they are); an empty
  // score clears it. All or nothing: a bad line refuses every line, naming it.
  Result<void> save_items(const http::Principal& by, int fiscal_year, Stage stage,
                          const std::vector<ItemScoreInput>& lines);
  // The same from text copied out of ITAS's table: a line per item, its code, its score and
  // optionally the assessor's comment, separated by tabs (a spreadsheet's copy) or commas; a
  // heading line first is skipped.
  Result<std::size_t> import_items(const http::Principal& by, int fiscal_year, Stage stage, std::string_view text);
  // The fiscal years for which any score was recorded, newest first.
  std::vector<int> years_with_results(std::int64_t agency_id);
  // Admin only: the survey tools' scores ("84.52"; empty clears), keyed "eit", "iit".
  Result<void> save_tools(const http::Principal& by, int fiscal_year, const std::map<std::string, std::string>& scores);
  // Admin only: EIT and IIT items' scores pasted from ITAS, a line per item, its code and its
  // score (0–100, at most two decimals; empty clears), by tabs or commas, a heading skipped. All
  // or nothing: a bad line refuses every line, naming it. Returns how many lines were read.
  Result<std::size_t> import_survey_items(const http::Principal& by, int fiscal_year, std::string_view text);
  // The EIT and IIT items' scores recorded, by code.
  std::map<std::string, double> survey_items(std::int64_t agency_id, int fiscal_year);

 private:
  store::Store& store_;
  const framework::Catalogue& catalogue_;
  disclosure::Service& disclosure_;
};

// ---- The frozen snapshot --------------------------------------------------------------------

// A page of the public site as served: its Content-Type and bytes (HTML, or a document Prongsai
// makes: a PDF, a CSV).
struct Served {
  std::string content_type;
  std::string body;
};
// The public site's page at `path` as an anonymous visitor is served it now, its links under
// `origin`; none when it does not answer 200. The routes give it (they hold the router).
using RenderPage =
    std::function<std::optional<Served>(std::int64_t agency_id, const std::string& origin, const std::string& path)>;

// A piece of evidence as it stood: what the item's page listed, a file by its hash.
struct KeptEvidence {
  std::int64_t id = 0;
  std::string period;  // the registry's key: "" the year, "H1", "2026-10"
  std::string kind;    // text | file | link
  std::string title, body, url;
  calendar::Date published_on;
  bool produced = false;  // a page of Prongsai's own
  files::Ref file;        // kind file
};

struct KeptItem {
  const framework::Item* item = nullptr;
  std::string status;  // the readiness check's, then
  Answer answer;       // the line of the sheet as submitted
  std::vector<KeptEvidence> evidence;
  std::string fingerprint;
};

struct KeptPage {
  std::string path;  // "/ita/2570/O11", "/procurement/2570/files/2026-10.pdf"
  std::string sha256;
  std::string name;          // to save it as: "ita-2570-O11-2027-04-20.html"
  std::string content_type;  // as served
  std::int64_t size = 0;
};

struct Snapshot {
  std::int64_t id = 0;
  int fiscal_year = 0;
  std::string slug;  // "2027-04-20": its address /ita/{year}/snapshot/{slug}
  calendar::Date taken_on;
  std::int64_t taken_at = 0;
  std::string taken_by;         // their name
  std::vector<KeptItem> items;  // the framework's OIT items, in its order
  std::vector<KeptPage> pages;
  const KeptItem* find(std::string_view code) const;
  std::size_t files() const;  // files of evidence kept, each once
};

// What a reader finds of a hash in a snapshot: a page as served or a file of evidence.
struct KeptFile {
  files::Ref ref;
  std::string data;
};

// The hash of an item's evidence as a snapshot keeps it: equal when nothing a reader sees changed.
std::string fingerprint(const std::vector<KeptEvidence>& evidence);

class Snapshots {
 public:
  Snapshots(store::Store& store, accounts::Service& accounts, disclosure::Service& disclosure, Answers& answers)
      : store_(store), accounts_(accounts), disclosure_(disclosure), answers_(answers) {}

  // Admin only: the answers were submitted in ITAS; the sheet as it stands, every OIT item's
  // evidence and every public page of the year as `render` serves it now are kept. Returns the
  // new snapshot's slug.
  Result<std::string> take(const http::Principal& by, int fiscal_year, const std::string& base_url,
                           calendar::Date today, const RenderPage& render);
  // The year's snapshots without their items, newest first.
  std::vector<Snapshot> list(std::int64_t agency_id, int fiscal_year);
  Result<Snapshot> get(std::int64_t agency_id, int fiscal_year, const std::string& slug);
  std::optional<Snapshot> latest(std::int64_t agency_id, int fiscal_year);
  // A page or file the snapshot kept, with its bytes; not_found for any other hash.
  Result<KeptFile> file(std::int64_t agency_id, int fiscal_year, const std::string& slug, const std::string& sha256);
  // The OIT items whose evidence on the registry today is no longer what `snapshot` kept.
  std::set<std::string> changed_since(const Snapshot& snapshot, std::int64_t agency_id, calendar::Date today);

 private:
  std::vector<Snapshot> read(std::int64_t agency_id, int fiscal_year, const std::string& slug, bool whole);

  store::Store& store_;
  accounts::Service& accounts_;
  disclosure::Service& disclosure_;
  Answers& answers_;
};

// ---- The clarification window ---------------------------------------------------------------

// What became of a clarification: not yet filed, filed and waiting for the final score, then
// the final score's word.
enum class ClarificationState { draft, sent, upheld, not_upheld };
std::string_view to_string(ClarificationState s);

struct Clarification {
  const framework::Item* item = nullptr;
  std::string body;            // the text to file in ITAS
  std::string snapshot;        // the slug of the snapshot it cites; empty: none was taken
  calendar::Date snapshot_on;  // the day it was taken
  std::int64_t sent_at = 0;    // when the admin said it was filed; 0: not yet
  std::optional<int> preliminary, final;
  std::string comment;  // the assessor's
  std::int64_t updated_at = 0;
  ClarificationState state() const;
};

struct ClarificationRound {
  int fiscal_year = 0;
  const framework::Framework* framework = nullptr;
  std::optional<calendar::Period> window;          // the framework's; none: the year's calendar does not say
  std::vector<Clarification> items;                // in the framework's order
  std::vector<const framework::Item*> disputable;  // scored 0 at the preliminary stage, no clarification yet
};

constexpr std::size_t kMaxClarification = 4000;

class Clarifications {
 public:
  Clarifications(store::Store& store, const framework::Catalogue& catalogue, Snapshots& snapshots)
      : store_(store), catalogue_(catalogue), snapshots_(snapshots) {}

  Result<ClarificationRound> round(std::int64_t agency_id, int fiscal_year);
  // Admin only. An item scored 0 at the preliminary stage becomes disputed, with a draft that
  // cites the latest snapshot (made under `base_url`, the site's public address).
  Result<void> open(const http::Principal& by, int fiscal_year, const std::string& code, const std::string& base_url);
  // Admin only: the text as it is to be filed (required, at most kMaxClarification characters).
  Result<void> save(const http::Principal& by, int fiscal_year, const std::string& code, const std::string& body);
  // Admin only: filed in ITAS now (done on the calendar), or, with false, not yet after all.
  Result<void> mark_sent(const http::Principal& by, int fiscal_year, const std::string& code, bool sent);
  // Admin only: the item is not disputed after all; its draft goes.
  Result<void> withdraw(const http::Principal& by, int fiscal_year, const std::string& code);

 private:
  store::Store& store_;
  const framework::Catalogue& catalogue_;
  Snapshots& snapshots_;
};

// The draft of an item's clarification: the preliminary score and the assessor's comment, the
// line of the sheet as sent, and what `snapshot` kept of the item (each piece with its date and
// address, each file with its SHA-256) at its address under `base_url`; without a snapshot, it
// says that none was taken.
std::string draft_clarification(const framework::Item& item, const std::string& comment,
                                const std::optional<Snapshot>& snapshot, const std::string& base_url);

// ---- Lost points into next year's plan ------------------------------------------------------

// An item of the assessed year that lost points: an OIT item whose latest score is 0, or an EIT
// or IIT item scored under the agency's target. Proposed as an issue of the next fiscal year's
// measures plan; in the plan once the plan has an issue for it, or dropped with a reason.
struct LostPoint {
  const framework::Item* item = nullptr;  // of the assessed year
  std::string plan_code;                  // its code in the plan's cited year (the same, or by crosswalk)
  double score = 0;                       // OIT: 0
  std::string comment;                    // the assessor's (OIT)
  std::optional<std::int64_t> issue_id;   // the plan's issue for it
  bool dropped = false;
  std::string drop_reason, dropped_by;
  std::int64_t dropped_at = 0;
};

struct LostPoints {
  int year = 0;       // the assessment
  int plan_year = 0;  // the plan they go into: the next fiscal year's
  int target = 0;     // the agency's target for survey items (the surveys module's)
  bool plan_exists = false;
  std::vector<LostPoint> items;  // OIT items in the framework's order, then survey items lowest first
};

constexpr std::size_t kMaxDropReason = 500;

class Losses {
 public:
  Losses(store::Store& store, const framework::Catalogue& catalogue, accounts::Service& accounts, Results& results,
         surveys::Service& surveys, measures::Service& measures)
      : store_(store),
        catalogue_(catalogue),
        accounts_(accounts),
        results_(results),
        surveys_(surveys),
        measures_(measures) {}

  // Admin only.
  Result<LostPoints> proposals(const http::Principal& by, int year);
  // Admin only: a proposal not taken into the plan, for a reason (required, at most 500
  // characters); or taken back. not_found for an item that is not proposed.
  Result<void> drop(const http::Principal& by, int year, const std::string& code, const std::string& reason);
  Result<void> restore(const http::Principal& by, int year, const std::string& code);

 private:
  store::Store& store_;
  const framework::Catalogue& catalogue_;
  accounts::Service& accounts_;
  Results& results_;
  surveys::Service& surveys_;
  measures::Service& measures_;
};

// The sheet as a table in ITAS's order: code, item, answer, URL(s), explanation; the PDF with
// lines to sign (prepared by, reviewed by, approved by). `lang` names the columns.
documents::TableReport answer_report(const AnswerSheet& sheet, Lang lang);
// CSV for pasting: a header line, then one line per item; several URLs on lines of one cell.
std::string answers_csv(const AnswerSheet& sheet, Lang lang);

}  // namespace prongsai::assessment
