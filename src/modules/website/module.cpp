// The website module's manifest: its service, the look the page shell reads, its routes and
// the footer's links.
#include "modules/website/module.hpp"

namespace prongsai::website {

const web::Module& manifest() {
  static const web::Module m{
      .name = "website",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            Service& looks = host.make<Service>(host.store());
            host.make<web::LookSource>(web::LookSource{[&looks](std::int64_t agency_id) {
              Look l = looks.look(agency_id);
              std::string banner = picture_url(l.banner, "banner"), emblem = picture_url(l.emblem, "emblem");
              return web::Look{l.sections, emblem, banner.empty() ? emblem : banner};
            }});
          },
      .mount = [](web::Host& host) { mount(host); },
      .public_links = {{"footer", "website.sitemap", "/sitemap", 90}, {"footer", "website.a11y_link", "/accessibility", 91}},
  };
  return m;
}

}  // namespace prongsai::website
