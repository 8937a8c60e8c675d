#include "modules/services/statistics.hpp"

#include <algorithm>
#include <map>

#include "core/stats.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "documents/chart.hpp"

namespace prongsai::services {
namespace {

std::string s(Lang lang, std::string_view key) { return std::string(Strings::instance().get(lang, key)); }

std::string month_label(const Month& m, Lang lang) {
  return calendar::month_name(m.month, lang, calendar::Style::short_form) + " " +
         std::to_string(lang == Lang::th ? m.ce_year + calendar::kBuddhistEraOffset : m.ce_year);
}

std::vector<Month> year_months(calendar::FiscalYear fy) {
  std::vector<Month> out;
  for (auto [y, m] : calendar::months_between(fy.period().first, fy.period().last)) out.push_back({y, m, {}});
  return out;
}

// Working days to complete, per (service or 0 for all, fiscal month index), to take medians of.
using Durations = std::map<std::pair<std::int64_t, int>, std::vector<std::int64_t>>;

std::optional<std::int64_t> median_of(std::vector<std::int64_t> days) {
  // nearest_rank works on any integers: here working days, not seconds.
  return stats::nearest_rank(std::move(days)).median;
}

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole == 0) return "–";
  return text::fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + "%";
}

std::string median_text(const Figures& f) { return f.median_days ? std::to_string(*f.median_days) : "–"; }

// The columns every export shares, and a line of figures under them.
std::vector<std::string> figure_headers(Lang lang) {
  std::vector<std::string> h = {s(lang, "servicestats.received"),   s(lang, "servicestats.completed"),
                                s(lang, "servicestats.on_time"),    s(lang, "servicestats.on_time_share"),
                                s(lang, "servicestats.refused"),    s(lang, "servicestats.open"),
                                s(lang, "servicestats.median_days")};
  for (cases::Via v : kVias) h.push_back(s(lang, "complaints.via." + std::string(cases::to_string(v))));
  return h;
}
std::vector<std::string> figure_cells(const Figures& f) {
  std::vector<std::string> c = {std::to_string(f.received),
                                std::to_string(f.completed),
                                std::to_string(f.on_time),
                                percent(f.on_time, f.completed),
                                std::to_string(f.refused),
                                std::to_string(f.open),
                                median_text(f)};
  for (std::int64_t n : f.by_via) c.push_back(std::to_string(n));
  return c;
}

std::string service_name(const ServiceLine& l, Lang lang) {
  return lang == Lang::en && !l.name_en.empty() ? l.name_en : l.name_th;
}

// Every line of the table: (service, month or "the year", figures).
struct Line {
  std::string service, when;
  const Figures* figures;
};
std::vector<Line> lines(const ServiceStatistics& st, Lang lang) {
  std::vector<Line> out;
  for (const ServiceLine& l : st.services) {
    for (const Month& m : l.months)
      if (m.figures.received > 0) out.push_back({service_name(l, lang), month_label(m, lang), &m.figures});
    out.push_back({service_name(l, lang), s(lang, "servicestats.whole_year"), &l.total});
  }
  out.push_back({s(lang, "servicestats.all_services"), s(lang, "servicestats.whole_year"), &st.total});
  return out;
}

}  // namespace

void Figures::add(const Figures& o) {
  received += o.received;
  completed += o.completed;
  on_time += o.on_time;
  refused += o.refused;
  open += o.open;
  for (std::size_t i = 0; i < by_via.size(); ++i) by_via[i] += o.by_via[i];
}

ServiceStatistics compute(calendar::FiscalYear fy, const std::vector<cases::RequestRow>& rows,
                          const std::vector<Service>& services, const calendar::WorkingDays& days) {
  ServiceStatistics out;
  out.year = fy;
  out.months = year_months(fy);
  std::map<std::int64_t, ServiceLine> by_service;
  Durations durations;
  for (const cases::RequestRow& r : rows) {
    calendar::Date received = calendar::local_date(r.created_at);
    if (!fy.contains(received)) continue;
    int index = calendar::FiscalYear::month_index(static_cast<unsigned>(received.month())) - 1;
    auto [it, added] = by_service.try_emplace(r.service_id);
    ServiceLine& line = it->second;
    if (added) {
      line.service_id = r.service_id;
      line.months = year_months(fy);
      auto s = std::find_if(services.begin(), services.end(), [&](const Service& x) { return x.id == r.service_id; });
      line.name_th = s != services.end() ? s->name_th : "#" + std::to_string(r.service_id);
      line.name_en = s != services.end() ? s->name_en : "";
    }
    Figures f;
    f.received = 1;
    for (std::size_t v = 0; v < kVias.size(); ++v) f.by_via[v] = kVias[v] == r.via;
    if (r.status == cases::Status::resolved && r.closed_at) {
      f.completed = 1;
      f.on_time = cases::timeliness(r.due_day, received, r.closed_at) == cases::Timeliness::done_on_time;
      std::int64_t took = days.between(received, calendar::local_date(*r.closed_at));
      for (std::int64_t key : {r.service_id, std::int64_t{0}}) {
        durations[{key, index}].push_back(took);
        durations[{key, -1}].push_back(took);
      }
    } else if (r.status == cases::Status::rejected) {
      f.refused = 1;
    } else {
      f.open = 1;
    }
    line.months[static_cast<std::size_t>(index)].figures.add(f);
    line.total.add(f);
    out.months[static_cast<std::size_t>(index)].figures.add(f);
    out.total.add(f);
  }
  auto median = [&](std::int64_t key, int index) -> std::optional<std::int64_t> {
    auto it = durations.find({key, index});
    return it == durations.end() ? std::nullopt : median_of(it->second);
  };
  for (auto& [id, line] : by_service) {
    for (std::size_t i = 0; i < line.months.size(); ++i)
      line.months[i].figures.median_days = median(id, static_cast<int>(i));
    line.total.median_days = median(id, -1);
    out.services.push_back(std::move(line));
  }
  for (std::size_t i = 0; i < out.months.size(); ++i)
    out.months[i].figures.median_days = median(0, static_cast<int>(i));
  out.total.median_days = median(0, -1);
  std::sort(out.services.begin(), out.services.end(),
            [](const ServiceLine& a, const ServiceLine& b) { return a.name_th < b.name_th; });
  return out;
}

documents::TableReport report(const ServiceStatistics& st, const std::string& agency_name, Lang lang,
                              calendar::Date as_of) {
  documents::TableReport r;
  r.lang = lang == Lang::en ? "en" : "th";
  std::string title = s(lang, "servicestats.title") + " " + s(lang, "servicestats.fiscal_year") + " " +
                      std::to_string(lang == Lang::th ? st.year.be() : st.year.be() - calendar::kBuddhistEraOffset);
  r.title = title;
  r.author = agency_name;
  r.heading = {title, agency_name};
  r.cover = {calendar::format_period(st.year.period(), lang),
             s(lang, "servicestats.as_of") + " " + calendar::format(as_of, lang, calendar::Style::long_form)};
  r.intro = s(lang, "servicestats.intro");
  r.page_label = s(lang, "report.page");
  r.columns.push_back({s(lang, "requests.service"), 2.2});
  r.columns.push_back({s(lang, "servicestats.month"), 1.1});
  for (const std::string& h : figure_headers(lang)) r.columns.push_back({h, 0.8});
  for (const Line& l : lines(st, lang)) {
    std::vector<documents::Cell> row = {{l.service}, {l.when}};
    for (std::string& c : figure_cells(*l.figures)) row.push_back({std::move(c)});
    r.rows.push_back(std::move(row));
  }
  return r;
}

std::string chart_svg(const ServiceStatistics& st, Lang lang) {
  // Each month's two bars: received, and done within the target.
  documents::BarChart c;
  c.title = s(lang, "servicestats.chart_title");
  for (const Month& m : st.months) {
    if (!c.description.empty()) c.description += "; ";
    c.description += month_label(m, lang) + ": " + s(lang, "servicestats.received") + " " +
                     std::to_string(m.figures.received) + ", " + s(lang, "servicestats.on_time") + " " +
                     std::to_string(m.figures.on_time);
    c.groups.push_back({calendar::month_name(m.month, lang, calendar::Style::short_form),
                        {{"", static_cast<double>(m.figures.received), "bar-received"},
                         {"", static_cast<double>(m.figures.on_time), "bar-on-time"}}});
  }
  c.bar_width = 20;
  c.bar_gap = 4;
  c.group_gap = 12;
  c.legend = {{s(lang, "servicestats.received"), "bar-received"}, {s(lang, "servicestats.on_time"), "bar-on-time"}};
  return documents::bar_chart_svg(c);
}

}  // namespace prongsai::services
