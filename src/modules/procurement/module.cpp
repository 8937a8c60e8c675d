// The procurement module's manifest: the register and its import.
#include "modules/procurement/module.hpp"

#include "modules/accounts/accounts.hpp"

namespace prongsai::procurement {

const web::Module& manifest() {
  static const web::Module m{
      .name = "procurement",
      .after = {"accounts"},
      .migrations = true,
      .build = [](web::Host& host) { host.make<Register>(host.store(), host.clock(), host.get<accounts::Service>()); },
      .mount = mount,
      .sweeps = {{"procurement uploads", [](web::Host& host) { return host.get<Register>().sweep_uploads(); }}},
  };
  return m;
}

}  // namespace prongsai::procurement
