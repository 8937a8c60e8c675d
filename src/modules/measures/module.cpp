// The measures module's manifest: the plans against the ITA's weak points and the reports on them.
#include "modules/measures/module.hpp"

namespace prongsai::measures {

const web::Module& manifest() {
  static const web::Module m{
      .name = "measures",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) { host.make<Service>(host.store(), host.get<accounts::Service>(), host.catalogue()); },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Service>(), host.get<accounts::Service>(), host.clock());
          },
  };
  return m;
}

}  // namespace prongsai::measures
