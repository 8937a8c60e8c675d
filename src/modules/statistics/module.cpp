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
                    .title_key = "data.channel_statistics",
                    .description_key = "data.channel_statistics_text",
                    .formats = {"csv"},
                    .href = [](int year, std::string_view) { return "/statistics.csv?year=" + std::to_string(year); }}},
      .evidence = {{std::string(framework::role::corruption_statistics), corruption_figures}},
      .public_links = {{"complaints", "pub.complaint_statistics", "/statistics", 40}},
  };
  return m;
}

}  // namespace prongsai::statistics
