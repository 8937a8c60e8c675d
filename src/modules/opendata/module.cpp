// The open-data hub's manifest: it reads every module's datasets (Module::datasets) and names
// none of them.
#include "modules/opendata/module.hpp"

#include "modules/accounts/accounts.hpp"
#include "modules/opendata/hub.hpp"

namespace prongsai::opendata {
namespace {

// The catalogue and each dataset's page, changed when its newest year's table did.
std::vector<web::PublicPage> public_pages(web::Host& host, std::int64_t agency_id) {
  Catalog c = host.get<Hub>().catalog(agency_id, "", Lang::th);
  std::vector<web::PublicPage> out = {{"/opendata", std::nullopt}};
  for (const Entry& e : c.entries)
    if (!e.years.empty()) out.push_back({"/opendata/" + e.name(), e.modified});
  return out;
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "opendata",
      .after = {"accounts"},
      .migrations = true,
      .build = [](web::Host& host) { host.make<Hub>(host, host.store(), host.get<accounts::Service>(), host.clock()); },
      .mount =
          [](web::Host& host) {
            mount(host);
            host.pages().add_menu(
                {"menu.opendata", "/opendata/manage", http::Access::roles({http::Role::admin}), "settings"});
          },
      .public_links = {{"ita", "pub.open_data", "/opendata", 30}},
      .sitemap = {{public_pages}},
  };
  return m;
}

}  // namespace prongsai::opendata
