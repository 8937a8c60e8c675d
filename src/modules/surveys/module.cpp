// The surveys module's manifest: IIT and EIT surveys, their answers and the ITA estimate; the
// satisfaction results that answer the OIT's satisfaction item.
#include "modules/surveys/module.hpp"

#include "core/strings.hpp"
#include "core/text.hpp"
#include "modules/cases/module.hpp"

namespace prongsai::surveys {
namespace {

// A survey's closing day in the year: done once it has closed.
void closing_deadlines(web::Host& host, const web::DeadlineQuery& q, std::vector<web::Deadline>& out) {
  const std::string title(Strings::instance().get(q.lang, "calendar.title.survey"));
  for (const Survey& s : host.get<Service>().closing(q.agency_id, q.fy.period()))
    out.push_back(q.make("survey-" + std::to_string(s.id), "survey", s.closes_on, s.closes_on < q.today,
                         title + " " + s.title, "/admin/surveys/" + std::to_string(s.id)));
}

// The year's satisfaction results page, once a survey of the year has enough answers to publish;
// dated as figures are (today while the year runs).
std::vector<web::ProducedEvidence> satisfaction(web::Host& host, const web::EvidenceQuery& q) {
  const int year = q.about.be();
  auto as_of = q.figures_as_of();
  if (!as_of || host.get<Service>().satisfaction_results(q.agency_id, year).empty()) return {};
  return {{"", std::string(Strings::instance().get(q.lang, "evidence.satisfaction")) + " " + std::to_string(year),
           "/surveys/satisfaction?year=" + std::to_string(year), *as_of}};
}

// The year's satisfaction surveys with enough answers to publish, a question a row: its score
// out of 100 and whether it is under the pass mark, then each survey's total.
std::optional<web::DataTable> satisfaction_table(web::Host& host, const web::DatasetQuery& q) {
  auto as_of = q.as_of();
  if (!as_of) return std::nullopt;
  auto results = host.get<Service>().satisfaction_results(q.agency_id, q.year.be());
  if (results.empty()) return std::nullopt;
  const Strings& s = Strings::instance();
  auto said = [&](const std::string& key) { return std::string(s.get(q.lang, key)); };
  web::DataTable t{{said("opendata.survey.title"), said("opendata.survey.period"), said("opendata.survey.responses"),
                    said("opendata.survey.item"), said("opendata.survey.question"), said("opendata.survey.score"),
                    said("opendata.survey.below")},
                   {},
                   *as_of};
  for (const auto& [survey, scores] : results) {
    const std::string period = calendar::format_period({survey.opens_on, survey.closes_on}, q.lang);
    const std::string responses = std::to_string(scores.responses);
    for (const ItemScore& i : scores.items)
      t.rows.push_back({survey.title, period, responses, i.code, i.text_th, text::fixed(i.score, 2),
                        i.below ? said("opendata.yes") : said("opendata.no")});
    if (scores.total)
      t.rows.push_back({survey.title, period, responses, "", said("opendata.survey.total"),
                        text::fixed(*scores.total, 2),
                        *scores.total < scores.pass_mark ? said("opendata.yes") : said("opendata.no")});
  }
  return t;
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "surveys",
      .after = {"measures"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            Service& svc =
                host.make<Service>(host.store(), host.catalogue(), host.get<measures::Service>(), host.clock());
            // A citizen whose request is done is offered the satisfaction survey open today.
            host.make<cases::SatisfactionLink>([&svc](std::int64_t agency) -> std::optional<std::string> {
              auto s = svc.open_satisfaction(agency);
              if (!s) return std::nullopt;
              return "/s/" + s->token;
            });
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Service>(), host.get<disclosure::Service>(), host.clock(),
                  host.get<web::Settings>().cookies, host.public_limiter(),
                  [&host](std::int64_t agency, int year) { return web::recorded_result(host, agency, year); });
          },
      .deadlines = {{.name = "survey", .holders = http::Role::admin, .collect = closing_deadlines}},
      .datasets = {{.name = "satisfaction",
                    .title_key = "opendata.satisfaction",
                    .description_key = "opendata.satisfaction_text",
                    .keywords_key = "opendata.satisfaction_keywords",
                    .frequency = web::Frequency::irregular,
                    .table = satisfaction_table}},
      .evidence = {{std::string(framework::role::satisfaction), satisfaction}},
      .public_links = {{"services", "pub.satisfaction", "/surveys/satisfaction", 40}},
      .personal_data = {{.name = "surveys",
                         .what_key = "privacy.use.surveys",
                         .fields_key = "privacy.fields.surveys",
                         .purpose_key = "privacy.purpose.surveys",
                         .basis = "public_task",
                         .readers_key = "privacy.readers.surveys",
                         .kept = web::said("privacy.kept.surveys"),
                         .order = 50}},
  };
  return m;
}

}  // namespace prongsai::surveys
