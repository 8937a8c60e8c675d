// /statistics?year=: the fiscal year's figures of the citizen channels, for everyone (the
// O29–O31 kind of OIT item): complaints by channel, topic, status and how they came, the time
// to close them, and questions with their response times. Counts and times only: no text
// anybody wrote, no name. /statistics.csv: the same figures as a table.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "documents/csv.hpp"
#include "http/errors.hpp"
#include "modules/statistics/module.hpp"

namespace prongsai::statistics {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Route;
using nlohmann::json;

std::string days(const std::optional<std::int64_t>& seconds) {
  if (!seconds) return "–";
  return text::fixed(static_cast<double>(*seconds) / 86400.0, 1);
}

std::string t(Lang lang, const std::string& key) { return std::string(Strings::instance().get(lang, key)); }
json line(std::string label, std::int64_t n) { return {{"label", std::move(label)}, {"value", std::to_string(n)}}; }
json line(std::string label, std::string v) { return {{"label", std::move(label)}, {"value", std::move(v)}}; }

json channel(Lang lang, const std::string& id, const std::string& heading, const cases::ChannelStats& c) {
  json rows = json::array();
  rows.push_back(line(t(lang, "stats.received"), c.received));
  for (const auto& [topic, n] : c.by_topic) rows.push_back(line(t(lang, "complaints.topic." + topic), n));
  for (const auto& [st, n] : c.by_status)
    rows.push_back(
        line(t(lang, "stats.status") + ": " + t(lang, "complaints.status." + std::string(cases::to_string(st))), n));
  for (const auto& [via, n] : c.by_via)
    rows.push_back(
        line(t(lang, "stats.via") + ": " + t(lang, "complaints.via." + std::string(cases::to_string(via))), n));
  rows.push_back(line(t(lang, "stats.closed"), c.closed));
  rows.push_back(line(t(lang, "stats.open"), c.open));
  rows.push_back(line(t(lang, "stats.close_median"), days(c.time_to_close.median)));
  rows.push_back(line(t(lang, "stats.close_p90"), days(c.time_to_close.p90)));
  return {{"id", id}, {"heading", heading}, {"rows", rows}};
}

}  // namespace

json figures(cases::Service& cases, qa::Questions& qa, std::int64_t agency_id, int year, Lang lang) {
  calendar::FiscalYear fy(year);
  cases::Statistics s = cases.statistics(agency_id, fy.period());
  qa::QaSummary q = qa.counts(agency_id, fy.period());
  json qrows = json::array();
  qrows.push_back(line(t(lang, "qa.sum_asked"), q.asked));
  qrows.push_back(line(t(lang, "qa.sum_answered"), q.answered));
  qrows.push_back(line(t(lang, "qa.sum_published"), q.published));
  qrows.push_back(line(t(lang, "qa.sum_declined"), q.declined));
  qrows.push_back(line(t(lang, "qa.sum_waiting"), q.waiting));
  for (const auto& [via, n] : q.by_via)
    qrows.push_back(line(t(lang, "stats.via") + ": " + t(lang, "complaints.via." + via), n));
  qrows.push_back(line(t(lang, "stats.answer_median"), days(q.times.median)));
  qrows.push_back(line(t(lang, "stats.answer_p90"), days(q.times.p90)));
  json sections = json::array({channel(lang, "complaints", t(lang, "complaints.general_title"), s.general),
                               channel(lang, "corruption", t(lang, "complaints.corruption_title"), s.corruption),
                               json{{"id", "questions"}, {"heading", t(lang, "qa.title")}, {"rows", qrows}}});
  return {{"period", calendar::format_period(fy.period(), lang)}, {"sections", sections}};
}

namespace {

class StatsHandlers {
 public:
  StatsHandlers(cases::Service& cases, qa::Questions& qa, web::Pages& pages, const Clock& clock)
      : cases_(cases), qa_(qa), pages_(pages), clock_(clock) {}

  Response page(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    json data = figures(cases_, qa_, req.agency_id, *year, req.lang);
    int current = calendar::FiscalYear::of(calendar::local_date(clock_.now())).be();
    json years = json::array();
    for (int y = current; y >= current - 4; --y) {
      years.push_back(
          {{"year", std::to_string(y)}, {"href", "/statistics?year=" + std::to_string(y)}, {"current", y == *year}});
    }
    data["years"] = years;
    data["title"] = std::string(pages_.t(req, "stats.title")) + " " + std::to_string(*year);
    data["csv"] = "/statistics.csv?year=" + std::to_string(*year);
    return pages_.page(req, "statistics/statistics", std::move(data));
  }

  Response csv(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    json d = figures(cases_, qa_, req.agency_id, *year, req.lang);
    std::vector<documents::CsvRow> rows = {{std::string(pages_.t(req, "stats.section")),
                                            std::string(pages_.t(req, "stats.measure")),
                                            std::string(pages_.t(req, "stats.value"))}};
    for (const json& section : d["sections"])
      for (const json& r : section["rows"])
        rows.push_back(
            {section["heading"].get<std::string>(), r["label"].get<std::string>(), r["value"].get<std::string>()});
    return Response::file(documents::render_csv(rows), "text/csv; charset=utf-8",
                          "statistics-" + std::to_string(*year) + ".csv");
  }

 private:
  std::optional<int> year_of(const Request& req) {
    int current = calendar::FiscalYear::of(calendar::local_date(clock_.now())).be();
    auto y = text::parse_id(req.query_param("year").value_or(std::to_string(current)));
    if (!y || *y < 2500 || *y > current) return std::nullopt;
    return static_cast<int>(*y);
  }

  cases::Service& cases_;
  qa::Questions& qa_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, cases::Service& cases, qa::Questions& qa, const Clock& clock) {
  auto h = std::make_shared<StatsHandlers>(cases, qa, pages, clock);
  router.add(Route(Method::get, "/statistics", Access::anyone(), http::member(h, &StatsHandlers::page))).cached();
  router.add(Route(Method::get, "/statistics.csv", Access::anyone(), http::member(h, &StatsHandlers::csv))).cached();
}

}  // namespace prongsai::statistics
