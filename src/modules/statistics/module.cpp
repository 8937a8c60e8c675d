// The statistics module's manifest: the fiscal year's figures of complaints and questions, a
// page and a dataset.
#include "modules/statistics/module.hpp"

namespace prongsai::statistics {

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
  };
  return m;
}

}  // namespace prongsai::statistics
