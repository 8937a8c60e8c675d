#include "modules/executive/overview.hpp"

namespace prongsai::executive {

Result<Overview> Overviews::overview(const http::Principal& by, calendar::FiscalYear fy, calendar::Date today,
                                     Lang lang) {
  if (!by.roles.has(http::Role::admin) && !by.roles.has(http::Role::executive))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not an admin or executive"));
  Overview o;
  o.year = fy.be();
  const std::int64_t agency = by.agency_id;

  if (measures_.plan(agency, fy.be())) {
    o.has_plan = true;
    for (const measures::DueItem& d : measures_.due_items(agency, fy.be(), today)) {
      if (d.state == measures::DueState::done || d.state == measures::DueState::waiting_for_review)
        ++o.reports_done;
      else if (d.due < today)
        ++o.reports_overdue;
      else
        ++o.reports_ahead;
    }
  }

  std::optional<double> oit;
  if (auto reg = disclosure_.registry(agency, fy.be(), today, lang)) {
    for (const disclosure::ItemState& i : reg->items) {
      switch (i.readiness.status) {
        case disclosure::Status::ready: ++o.oit_ready; break;
        case disclosure::Status::stale: ++o.oit_stale; break;
        case disclosure::Status::missing: ++o.oit_missing; break;
      }
      for (const disclosure::Slot& slot : i.slots)
        for (const disclosure::Evidence& e : slot.entries)
          if (!e.usable() && e.link->failing_since) o.links_failing.emplace_back(i.item->code, *e.link->failing_since);
    }
    o.oit_score = oit = reg->estimate.total;
  }

  auto bucket = [&](std::int64_t since) {
    int days = calendar::days_between(calendar::local_date(since), today);
    return days <= 7 ? 0 : days <= 15 ? 1 : days <= 30 ? 2 : 3;
  };

  for (const cases::OpenCase& c : cases_.open_cases(agency)) {
    int b = bucket(c.created_at);
    if (c.channel == cases::Channel::corruption) {
      ++o.corruption_by_age[b];
    } else if (c.channel == cases::Channel::complaint) {
      ++o.complaints_by_age[b];
    } else {
      ++o.requests_by_age[b];
      auto due = calendar::parse_iso(c.due_day);
      if (due && *due < today) ++o.requests_overdue;
    }
  }
  o.questions_waiting = static_cast<int>(questions_.waiting(agency).size());

  if (frameworks_.year(fy.be())) {
    if (auto e = surveys_.estimate(by, fy.be(), oit)) o.estimate = *e;
  }

  for (web::Deadline& d : calendar_.build(agency, fy, today, lang, reminders::Scope{}))
    if (d.state == web::DeadlineState::overdue) o.overdue.push_back(std::move(d));
  // The real results recorded from ITAS, each year beside Prongsai's estimate of it.
  for (int year : results_.years_with_results(agency)) {
    auto r = results_.result(agency, year, today, assessment::estimated_tools(surveys_, by, year));
    if (!r) continue;  // a year whose framework is gone
    o.results.push_back(
        {year, r->total, r->estimated_total, r->level, r->estimated_level, r->final, r->scored, r->items.size()});
  }
  return o;
}

}  // namespace prongsai::executive
