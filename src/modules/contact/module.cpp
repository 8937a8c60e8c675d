// The contact module's manifest: the agency's contact channels.
#include "modules/contact/module.hpp"

namespace prongsai::contact {

const web::Module& manifest() {
  static const web::Module m{
      .name = "contact",
      .migrations = true,
      .build = [](web::Host& host) { host.make<Contacts>(host.store()); },
      .mount = [](web::Host& host) { mount(host.router(), host.pages(), host.get<Contacts>()); },
  };
  return m;
}

}  // namespace prongsai::contact
