// What a module contributes to the OIT registry (the evidence hub): the pages of its own that
// answer an OIT item, found by the item's role (framework::role, data of each year). The
// disclosure module asks every source of a role for the evidence of an agency's item and judges
// it as it judges uploaded evidence; neither it nor this hub names a module.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.hpp"
#include "core/thai_calendar.hpp"

namespace prongsai::web {

class Host;

// A period an item's evidence fills: "" the year, "2026-10" a month, "H1"/"H2" a half-year.
struct EvidencePeriod {
  std::string period;
  calendar::Period span;  // the days of `about` it covers
};

// What a source is asked: the evidence of one agency's item in one assessment.
struct EvidenceQuery {
  std::int64_t agency_id = 0;
  int assessment_year = 0;        // the ITA year whose item it is
  calendar::FiscalYear about{0};  // the year the evidence is about: the year before, for an item that reports on it
  std::vector<EvidencePeriod> periods;
  calendar::Date today;
  Lang lang = Lang::th;

  calendar::Date agency_since;  // the day the agency came on Prongsai: nothing of its own before

  // The day a page of figures of the year `about` is dated: while the year runs, today; once it
  // has ended, its last day for an item about the year assessed, and the day after (when the
  // figures were final) for an item that reports on the year before. nullopt for a year that
  // has not begun, or that ended before the agency came on Prongsai (its figures would say
  // nothing happened).
  std::optional<calendar::Date> figures_as_of() const {
    auto as_of = calendar::figures_as_of(about, today, agency_since);
    if (!as_of || about.be() == assessment_year) return as_of;
    return std::min(today, calendar::add_days(about.period().last, 1));
  }
};

// One page that answers the item.
struct ProducedEvidence {
  std::string period;  // which of the query's periods it fills
  std::string title;  // "ข่าวประชาสัมพันธ์ ปีงบประมาณ 2570", in the query's language
  std::string url;            // the page's path on the agency's site: "/news?year=2570"
  calendar::Date changed_on;  // when what the page shows last changed (figures: the day they are as of)
};

struct EvidenceSource {
  std::string role;  // framework::role
  std::function<std::vector<ProducedEvidence>(Host&, const EvidenceQuery&)> produce;
};

// Every source of `role` among the installation's modules, asked in list order.
std::vector<ProducedEvidence> produce_evidence(Host& host, std::string_view role, const EvidenceQuery& q);

// What another module says about an OIT item's evidence on the staff's page of the item (that
// it changed after the answers were sent to the assessors, and where what they were sent is
// kept). A module gives them through Module::evidence_notes.
struct EvidenceNote {
  std::string text;  // in the page's language
  std::string href, link_label;
};
using EvidenceNotesOf = std::function<std::vector<EvidenceNote>(Host&, std::int64_t agency_id, int fiscal_year,
                                                                const std::string& code, Lang lang)>;
// Every module's notes on the item, in list order.
std::vector<EvidenceNote> evidence_notes(Host& host, std::int64_t agency_id, int fiscal_year, const std::string& code,
                                         Lang lang);

}  // namespace prongsai::web
