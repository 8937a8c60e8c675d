// The search module's manifest: one page over the search entries other modules keep in the
// store (store/search_terms.hpp); it names none of them.
#include "modules/search/module.hpp"

namespace prongsai::search {

const web::Module& manifest() {
  static const web::Module m{
      .name = "search",
      .mount = [](web::Host& host) { mount(host.router(), host.pages(), host.store(), host.clock()); },
  };
  return m;
}

}  // namespace prongsai::search
