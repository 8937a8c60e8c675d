// The frameworks module's manifest: the ITA framework versions published over the binary's
// files, and the workshop that publishes them.
#include "modules/frameworks/module.hpp"

namespace prongsai::frameworks {

const web::Module& manifest() {
  static const web::Module m{
      .name = "frameworks",
      .migrations = true,
      .build = [](web::Host& host) { host.make<Service>(host.store(), host.published_catalogue()).load(); },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Service>(), host.get<accounts::Service>());
          },
      // What another node published, taken up by this one.
      .jobs = {{.name = "framework-refresh", .run = [](web::Host& host) { host.get<Service>().refresh(); }}},
  };
  return m;
}

}  // namespace prongsai::frameworks
