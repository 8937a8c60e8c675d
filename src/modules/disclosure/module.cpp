// The disclosure module's manifest: the OIT registry, its evidence and the public ITA pages.
#include "modules/disclosure/module.hpp"

namespace prongsai::disclosure {

const web::Module& manifest() {
  static const web::Module m{
      .name = "disclosure",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<Service>(host.store(), host.get<accounts::Service>(), host.catalogue())
                .set_max_file_bytes(host.get<web::Settings>().max_upload_bytes);
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Service>(), host.get<accounts::Service>(), host.clock());
          },
      .reindex = [](store::WriteTx& tx, web::Host& host) { host.get<Service>().reindex(tx); },
  };
  return m;
}

}  // namespace prongsai::disclosure
