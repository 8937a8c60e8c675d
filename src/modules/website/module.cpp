// The website module's manifest: its service, the look the page shell reads, its routes and
// the footer's links.
#include "modules/website/module.hpp"

#include "core/strings.hpp"

namespace prongsai::website {
namespace {

// The privacy notice answers once the agency has reviewed it (saved its part), dated by that.
std::vector<web::ProducedEvidence> privacy_notice(web::Host& host, const web::EvidenceQuery& q) {
  Text own = host.get<Service>().text(q.agency_id, Page::privacy);
  if (own.changed_at == 0) return {};
  return {{"", std::string(Strings::instance().get(q.lang, "evidence.privacy")), "/privacy",
           calendar::local_date(own.changed_at)}};
}

}  // namespace

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
              // A shared link's card shows the banner, else the emblem: LINE and Facebook draw no SVG.
              bool drawn = l.emblem.content_type != files::kSvg.content_type;
              return web::Look{l.sections, emblem, banner.empty() && drawn ? emblem : banner};
            }});
          },
      .mount = [](web::Host& host) { mount(host); },
      .evidence = {{std::string(framework::role::privacy), privacy_notice}},
      .public_links = {{"footer", "privacy.title", "/privacy", 90},
                       {"footer", "cookies.title", "/cookies", 91},
                       {"footer", "policy.website_title", "/policy/website", 92},
                       {"footer", "policy.security_title", "/policy/security", 93},
                       {"footer", "website.a11y_link", "/accessibility", 94},
                       {"footer", "website.sitemap", "/sitemap", 95}},
      .cookies = {{std::string(kTextSizeCookie), "cookies.purpose.text", "cookies.lasts.year"}},
  };
  return m;
}

}  // namespace prongsai::website
