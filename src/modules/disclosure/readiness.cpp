// See readiness.hpp.
#include "modules/disclosure/readiness.hpp"

#include <algorithm>
#include <charconv>

#include "core/text.hpp"

namespace prongsai::disclosure {
namespace {

using framework::CadenceKind;

using text::fill;

std::string s(Lang lang, std::string_view key) { return std::string(Strings::instance().get(lang, key)); }

std::string month_key(int ce_year, unsigned month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", ce_year, month);
  return buf;
}

bool recurring(CadenceKind k) {
  return k == CadenceKind::monthly || k == CadenceKind::half_yearly || k == CadenceKind::annual_with_half_year_progress;
}

}  // namespace

std::string_view to_string(Status s) {
  switch (s) {
    case Status::ready: return "ready";
    case Status::missing: return "missing";
    case Status::stale: return "stale";
  }
  return "missing";
}

std::string_view to_string(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::text: return "text";
    case EvidenceKind::file: return "file";
    case EvidenceKind::link: return "link";
  }
  return "text";
}

std::optional<EvidenceKind> parse_evidence_kind(std::string_view s) {
  for (EvidenceKind k : {EvidenceKind::text, EvidenceKind::file, EvidenceKind::link}) {
    if (s == to_string(k)) return k;
  }
  return std::nullopt;
}

std::vector<Slot> slots_for(CadenceKind kind, calendar::FiscalYear fy, calendar::Date today) {
  std::vector<Slot> out;
  if (kind == CadenceKind::monthly) {
    for (int m = 1; m <= 12; ++m) {
      calendar::Period p = fy.month(m);
      out.push_back(
          {month_key(static_cast<int>(p.first.year()), static_cast<unsigned>(p.first.month())), p, p.last < today, {}});
    }
  } else if (kind == CadenceKind::half_yearly) {
    for (int h = 1; h <= 2; ++h) {
      calendar::Period p = fy.half(h);
      out.push_back({h == 1 ? "H1" : "H2", p, p.last < today, {}});
    }
  } else if (kind == CadenceKind::annual_with_half_year_progress) {
    out.push_back({"", fy.period(), true, {}});  // the year's plan, due from the start
    calendar::Period h1 = fy.half(1);
    out.push_back({"H1", h1, h1.last < today, {}});  // its progress at the half-year
  } else {
    out.push_back({"", fy.period(), true, {}});
  }
  return out;
}

std::optional<calendar::Period> period_span(CadenceKind kind, calendar::FiscalYear fy, std::string_view period) {
  for (const Slot& slot : slots_for(kind, fy, fy.period().first)) {
    if (slot.period == period) return slot.span;
  }
  return std::nullopt;
}

std::string period_label(std::string_view period, Lang lang) {
  if (period.empty()) return {};
  if (period == "H1") return s(lang, "oit.half1");
  if (period == "H2") return s(lang, "oit.half2");
  int year = 0;
  unsigned month = 0;
  if (period.size() == 7) {
    std::from_chars(period.data(), period.data() + 4, year);
    std::from_chars(period.data() + 5, period.data() + 7, month);
  }
  if (year == 0 || month < 1 || month > 12) return std::string(period);
  return calendar::month_name(month, lang, calendar::Style::short_form) + " " +
         std::to_string(lang == Lang::th ? year + calendar::kBuddhistEraOffset : year);
}

Readiness assess(CadenceKind kind, calendar::FiscalYear fy, const std::vector<Slot>& slots, calendar::Date today,
                 Lang lang) {
  // Evidence whose link the checker found failing counts for nothing; said as the reason when
  // the item falls short for it.
  std::size_t usable = 0;
  const Evidence* failed = nullptr;
  for (const Slot& slot : slots) {
    for (const Evidence& e : slot.entries) {
      if (e.usable())
        ++usable;
      else if (!failed || e.link->failing_since < failed->link->failing_since)
        failed = &e;
    }
  }
  auto short_for_a_link = [&](Readiness r) -> Readiness {
    if (r.status == Status::ready || !failed) return r;
    std::string since = failed->link->failing_since
                            ? calendar::format(calendar::local_date(*failed->link->failing_since), lang)
                            : std::string();
    return {Status::stale,
            fill(s(lang, failed->link->state == LinkState::moved ? "oit.reason.link_moved" : "oit.reason.link_broken"),
                 "since", since)};
  };
  auto fill_slots = [](const Slot& slot) {
    return std::any_of(slot.entries.begin(), slot.entries.end(), [](const Evidence& e) { return e.usable(); });
  };
  if (usable == 0 &&
      (!recurring(kind) || std::any_of(slots.begin(), slots.end(), [](const Slot& x) { return x.due; }))) {
    return short_for_a_link({Status::missing, s(lang, "oit.reason.none")});
  }
  if (kind == CadenceKind::annual) {
    for (const Slot& slot : slots) {
      for (const Evidence& e : slot.entries) {
        if (e.usable() && fy.contains(e.published_on)) return {Status::ready, s(lang, "oit.reason.ok")};
      }
    }
    return short_for_a_link({Status::stale, s(lang, "oit.reason.outside_year") + " " + std::to_string(fy.be())});
  }
  if (!recurring(kind)) {
    // Standing: anything published by the end of the year. What was published after it (a page
    // of Prongsai's that changed since) says nothing of what the year had.
    for (const Slot& slot : slots)
      for (const Evidence& e : slot.entries)
        if (e.usable() && e.published_on <= fy.period().last) return {Status::ready, s(lang, "oit.reason.ok")};
    return short_for_a_link({Status::stale, s(lang, "oit.reason.after_year") + " " + std::to_string(fy.be())});
  }
  std::string lacking;
  const Slot* next = nullptr;
  for (const Slot& slot : slots) {
    if (!slot.due) {
      if (!next) next = &slot;
      continue;
    }
    if (!fill_slots(slot))
      lacking += (lacking.empty() ? "" : ", ") +
                 (slot.period.empty() ? s(lang, "oit.year_plan") : period_label(slot.period, lang));
  }
  if (!lacking.empty()) return short_for_a_link({Status::stale, s(lang, "oit.reason.lacking") + " " + lacking});
  if (usable == 0 && next) {
    return {Status::ready,
            s(lang, "oit.reason.not_due") + " " + calendar::format(calendar::add_days(next->span.last, 1), lang)};
  }
  (void)today;
  return {Status::ready, s(lang, "oit.reason.ok")};
}

}  // namespace prongsai::disclosure
