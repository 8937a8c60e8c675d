// The statistics module's manifest: the fiscal year's figures of complaints and questions, a
// page and a dataset.
#include "modules/statistics/module.hpp"

#include "core/strings.hpp"

namespace prongsai::statistics {
namespace {

// The statistics page of the year answers the items that ask for the corruption complaints'
// figures: zero is a figure too. Dated as of today while the year runs.
std::vector<web::ProducedEvidence> corruption_figures(web::Host&, const web::EvidenceQuery& q) {
  auto as_of = q.figures_as_of();
  if (!as_of) return {};
  std::string year = std::to_string(q.about.be());
  return {{"", std::string(Strings::instance().get(q.lang, "evidence.corruption_statistics")) + " " + year,
           "/statistics?year=" + year + "#corruption", *as_of}};
}

// The year's figures as rows of section, measure and value: the page's, for data tools.
std::optional<web::DataTable> figures_table(web::Host& host, const web::DatasetQuery& q) {
  auto as_of = q.as_of();
  if (!as_of) return std::nullopt;
  const Strings& strings = Strings::instance();
  web::DataTable t{{std::string(strings.get(q.lang, "stats.section")),
                    std::string(strings.get(q.lang, "stats.measure")), std::string(strings.get(q.lang, "stats.value"))},
                   {},
                   *as_of};
  nlohmann::json f = figures(host.get<cases::Service>(), host.get<qa::Questions>(), q.agency_id, q.year.be(), q.lang);
  for (const nlohmann::json& section : f["sections"])
    for (const nlohmann::json& r : section["rows"])
      t.rows.push_back(
          {section["heading"].get<std::string>(), r["label"].get<std::string>(), r["value"].get<std::string>()});
  return t;
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "statistics",
      .after = {"cases", "qa"},
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<cases::Service>(), host.get<qa::Questions>(), host.clock());
          },
      .datasets = {{.name = "channel-statistics",
                    .title_key = "opendata.channel_statistics",
                    .description_key = "opendata.channel_statistics_text",
                    .keywords_key = "opendata.channel_statistics_keywords",
                    .frequency = web::Frequency::daily,
                    .table = figures_table}},
      .evidence = {{std::string(framework::role::corruption_statistics), corruption_figures}},
      .public_links = {{"complaints", "pub.complaint_statistics", "/statistics", 40}},
  };
  return m;
}

}  // namespace prongsai::statistics
