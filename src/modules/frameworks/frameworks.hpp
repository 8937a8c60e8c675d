// The frameworks module's contract: ITA frameworks published by the installation's
// administrator (on a multi-agency host, the host's operator) over the files the binary
// carries, so that next year's framework, or a correction of this year's, is something an
// administrator does, not a developer. A version is published whole from a framework file (the
// format of data/ita/ and of `prongsai framework export`), checked by the loader's rules and
// against the crosswalks of the years around it; it is then in force on this node at once and
// on every other node at its next refresh (30 s). Earlier versions stay loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "framework/framework.hpp"
#include "store/store.hpp"

namespace prongsai::frameworks {

// A year's framework being prepared in the workshop: the document as last saved, and whether
// it would publish (the loader's first complaint, naming the entry, when it would not).
struct Draft {
  int year = 0;
  std::string based_on, updated_by;
  std::int64_t updated_at = 0;
  nlohmann::json document;
  std::optional<std::string> problem;
};

struct VersionInfo {
  int year = 0, version = 0;
  std::string note, created_by;
  std::int64_t published_at = 0;
};

// For each item of `from`, the code of its successor among `items` (a draft's "items"): the one
// whose title matches best (same code preferred on a tie), or null when none comes close.
nlohmann::json suggest_crosswalk(const framework::Framework& from, const nlohmann::json& items);

// The workshop's indicator section, a row per indicator and per sub-indicator as the form gives
// them. `was` is what the row held when the form was drawn (0 or "" for a new row), so that a
// renumbered indicator or a renamed sub-indicator takes its items along.
struct IndicatorRow {
  int was = 0, number = 0;
  std::string tool, name_th, name_en;
  bool verified = false;
};
struct SubIndicatorRow {
  std::string was;
  int indicator = 0;  // the number its indicator had when the form was drawn
  std::string code, name_th, name_en;
};
// Rewrites a draft's indicators from the rows: an indicator or sub-indicator row with no name is
// removed (with the sub-indicators of a removed indicator); each tool then lists exactly its
// indicators; items follow a renumbered indicator or a renamed sub-indicator. What would not
// publish (an item left on a removed sub-indicator, two indicators with one number) is kept in
// the draft for the loader to name.
void set_indicators(nlohmann::json& doc, const std::vector<IndicatorRow>& indicators,
                    const std::vector<SubIndicatorRow>& subs);

// An EIT/IIT item's sub-questions as the workshop writes them: one a line, a negative one
// opening with "(-)"; and back.
nlohmann::json sub_questions_of(std::string_view text);
std::string text_of_sub_questions(const nlohmann::json& sub_questions);

class Service {
 public:
  Service(store::Store& store, framework::Catalogue& catalogue) : store_(store), catalogue_(catalogue) {}

  // Installs every published version over the binary's files, year by year, oldest first. A
  // stored version the loader now refuses (a newer binary reading the format differently) is
  // left out with a warning in the log; the year keeps the version before it.
  void load();
  // Installs what other nodes published since the last load; the number installed.
  int refresh();

  // Publishes a framework file as its year's next version. Refused whole, naming the entry at
  // fault, with nothing stored: a file the loader refuses, a crosswalk naming codes that the
  // year it maps from does not have, a version dropping codes the next year's crosswalk maps.
  Result<VersionInfo> publish(const store::Actor& by, std::string_view document, std::string_view source,
                              const std::string& note);
  // The framework file of a year's version in force (or of `version`), as published.
  Result<std::string> export_year(int year, std::optional<int> version = std::nullopt) const;
  // The published versions of a year, newest first (the binary's file, version 0, not listed).
  std::vector<VersionInfo> versions(int year);

  // The workshop (the installation's administrator). A draft for `year` starts from the
  // framework in force of `from_year`: the same year to correct it, or the year before to
  // prepare the next one; then it is marked provisional until the NACC's manual is out, its
  // assessment calendar moves on by the years between, and its crosswalk from `from_year` is
  // suggested: the same code under the same title, else the item whose title matches best
  // (confirmed by a person: the crosswalk stays unverified until then). Refused when the
  // year has a draft, or `from_year` has no framework.
  Result<void> start_draft(const store::Actor& by, int year, int from_year);
  std::optional<Draft> draft(int year);
  std::vector<int> draft_years();
  // Saves the whole document of the year's draft (sections are edited by the routes); kept even
  // when it would not publish yet.
  Result<void> save_draft(const store::Actor& by, int year, const nlohmann::json& document);
  // Publishes the draft as the year's next version and removes it; refused whole, naming the
  // entry at fault, when it would not load.
  Result<VersionInfo> publish_draft(const store::Actor& by, int year, const std::string& note);
  Result<void> discard_draft(const store::Actor& by, int year);

  static constexpr std::size_t kMaxDocumentBytes = 4 << 20;

 private:
  int install_from(std::int64_t after_id);
  store::Store& store_;
  framework::Catalogue& catalogue_;
  std::int64_t loaded_up_to_ = 0;  // the highest row id installed; guarded by the install lock
};

}  // namespace prongsai::frameworks
