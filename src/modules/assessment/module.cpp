// The assessment module's manifest: the agency's side of the NACC's assessment round.
#include "modules/assessment/module.hpp"

#include "modules/accounts/accounts.hpp"
#include "modules/disclosure/disclosure.hpp"

namespace prongsai::assessment {

const web::Module& manifest() {
  static const web::Module m{
      .name = "assessment",
      .after = {"accounts", "disclosure"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<Answers>(host.store(), host.catalogue(), host.get<accounts::Service>(),
                               host.get<disclosure::Service>());
            host.make<Results>(host.store(), host.catalogue(), host.get<disclosure::Service>());
            host.make<Snapshots>(host.store(), host.get<accounts::Service>(), host.get<disclosure::Service>(),
                                 host.get<Answers>());
          },
      .mount = [](web::Host& host) { mount(host); },
  };
  return m;
}

}  // namespace prongsai::assessment
