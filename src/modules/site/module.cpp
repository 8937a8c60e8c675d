// The site module's manifest: the staff home, assets and the language switch.
#include "modules/site/site.hpp"

#include "http/pipeline.hpp"

namespace prongsai::site {

const web::Module& manifest() {
  static const web::Module m{
      .name = "site",
      .mount =
          [](web::Host& host) {
            mount(host.router(),
                  Deps{host.store(), host.get<accounts::Service>(), host.catalogue(), host.get<frameworks::Service>(),
                       host.pages(), host.clock(), host.get<web::Settings>().cookies.secure});
          },
      .cookies = {{std::string(http::kAnonCookie), "cookies.purpose.anon", "cookies.lasts.session"},
                  {std::string(http::kLangCookie), "cookies.purpose.lang", "cookies.lasts.year"}},
  };
  return m;
}

}  // namespace prongsai::site
