// Whether an OIT item is ready for the assessors, by rules the framework data gives per item
// (its cadence: standing, annual, half-yearly, monthly, multi-year). Pure: no store, no clock.
//
//   standing, multi_year  any evidence at all
//   annual                evidence published inside the fiscal year
//   half_yearly           each half-year that has closed by today has its evidence
//   annual_with_half_year_progress  the year's plan, and its progress once the first half closed
//   monthly               each month up to last month has its evidence
//
// Status: ready, missing (nothing at all), stale (something, but not what is due now), each
// with the reason in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/thai_calendar.hpp"
#include "files/files.hpp"
#include "framework/framework.hpp"

namespace prongsai::disclosure {

enum class Status { ready, missing, stale };
std::string_view to_string(Status s);

enum class EvidenceKind { text, file, link };
std::string_view to_string(EvidenceKind k);
std::optional<EvidenceKind> parse_evidence_kind(std::string_view s);

// What the link checker (links.hpp) last found of a link or file of evidence.
enum class LinkState { ok, broken, moved, changed };
std::string_view to_string(LinkState s);
std::optional<LinkState> parse_link_state(std::string_view s);
// Broken and moved links are no evidence; a changed one still is.
inline bool failing(LinkState s) { return s == LinkState::broken || s == LinkState::moved; }

// What the last check of a piece of evidence found.
struct LinkCheck {
  LinkState state = LinkState::ok;
  int http_status = 0;                        // 0: no answer (or a file looked for in the store)
  std::string detail;                         // "timeout", "redirect to other.example", "no file in the store"
  std::int64_t checked_at = 0;                // unix seconds
  std::optional<std::int64_t> failing_since;  // the first check of the current failure
};

struct Evidence {
  std::int64_t id = 0;
  std::string item_code;
  std::string period;  // "" the year; "2022-10" a month; "H1" / "H2" a half-year
  EvidenceKind kind = EvidenceKind::text;
  std::string title, body, url;
  files::Ref file;              // kind == file
  calendar::Date published_on;  // for a page of Prongsai's: the day its content last changed
  std::int64_t created_at = 0;
  // A page of Prongsai's own that answers the item (web/evidence.hpp): a link, never stored,
  // produced afresh on every reading.
  bool produced = false;
  std::optional<LinkCheck> link;  // the checker's last word on it, once it has checked
  // Evidence the checker found failing is no evidence, from the day it first failed.
  bool usable() const { return !link || !failing(link->state); }
};

// What one piece of evidence fills: the year, a month or a half-year.
struct Slot {
  std::string period;
  calendar::Period span;  // the days it covers
  bool due = false;       // must be there by today
  std::vector<Evidence> entries;
};

struct Readiness {
  Status status = Status::missing;
  std::string reason;
};

// The slots of an item of `kind` in fiscal year `fy`, and which are due on `today`.
std::vector<Slot> slots_for(framework::CadenceKind kind, calendar::FiscalYear fy, calendar::Date today);
// The days a period key covers for that cadence; nullopt when the key does not belong to it.
std::optional<calendar::Period> period_span(framework::CadenceKind kind, calendar::FiscalYear fy,
                                            std::string_view period);
// "ต.ค. 2565", "ครึ่งปีแรก (ต.ค.–มี.ค.)", or "" for the year.
std::string period_label(std::string_view period, Lang lang);

Readiness assess(framework::CadenceKind kind, calendar::FiscalYear fy, const std::vector<Slot>& slots,
                 calendar::Date today, Lang lang);

}  // namespace prongsai::disclosure
