// /data: the agency's open data, for everyone: every table the modules publish (Module::datasets),
// for the current fiscal year and the three before it, with a link per format. A hub: it reads
// the manifests and names no module.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "modules/site/site.hpp"

namespace prongsai::site {

void mount_open_data(http::Router& router, web::Pages& pages, const std::vector<const web::Module*>& modules,
                     const Clock& clock) {
  std::vector<const web::Dataset*> datasets;
  for (const web::Module* m : modules)
    for (const web::Dataset& d : m->datasets) datasets.push_back(&d);
  router
      .add(http::Route(
          http::Method::get, "/data", http::Access::anyone(),
          [&pages, &clock, datasets](http::Request& req) {
            int current = calendar::FiscalYear::of(calendar::local_date(clock.now())).be();
            nlohmann::json list = nlohmann::json::array();
            for (const web::Dataset* d : datasets) {
              nlohmann::json years = nlohmann::json::array();
              for (int y = current; y >= current - 3; --y) {
                nlohmann::json links = nlohmann::json::array();
                for (const std::string& f : d->formats)
                  links.push_back({{"format", text::ascii_upper(f)}, {"href", d->href(y, f)}});
                years.push_back({{"year", std::to_string(y)}, {"links", links}});
              }
              list.push_back({{"name", d->name},
                              {"title", std::string(pages.t(req, d->title_key))},
                              {"description", std::string(pages.t(req, d->description_key))},
                              {"years", years}});
            }
            return pages.page(
                req, "site/data",
                {{"title", std::string(pages.t(req, "data.title"))}, {"datasets", list}, {"empty", list.empty()}});
          }))
      .cached();
}

}  // namespace prongsai::site
