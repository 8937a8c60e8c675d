// The audit module's manifest: the change log's pages (its table is the store's own).
#include "modules/audit/audit.hpp"

namespace prongsai::audit {

const web::Module& manifest() {
  static const web::Module m{
      .name = "audit",
      .mount = [](web::Host& host) { mount(host.router(), host.pages(), host.store()); },
  };
  return m;
}

}  // namespace prongsai::audit
