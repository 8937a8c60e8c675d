// The website's routes: the home page (its own parts and every module's block), /look.css (the
// agency's colour, mourning and the reader's text size), the emblem and banner, the text-size
// switch, the site map (a page and /sitemap.xml), /robots.txt, the accessibility statement, and
// the admin's /admin/website.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/crypto.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "documents/qr.hpp"
#include "documents/xml.hpp"
#include "files/files.hpp"
#include "modules/website/module.hpp"

namespace prongsai::website {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

constexpr std::string_view kTextSizes[] = {"normal", "large", "larger"};

// The ribbon of mourning (โบว์ดำ), top left over the header, and the site in grey.
constexpr std::string_view kMourningCss =
    "html{filter:grayscale(1)}\n"
    "body::before{content:\"\";position:fixed;top:0;left:0;width:3rem;height:3.75rem;z-index:20;"
    "pointer-events:none;background:url(\"/assets/ribbon.svg\") no-repeat center/contain}\n"
    "@media (max-width:75rem){.site-header .header-row{padding-left:3.5rem}}\n";

class Handlers {
 public:
  Handlers(web::Host& host, Service& looks, accounts::Service& accounts, bool secure_cookies)
      : host_(host), pages_(host.pages()), looks_(looks), accounts_(accounts), secure_cookies_(secure_cookies) {}

  Response home(Request& req) {
    auto agency = accounts_.agency(req.agency_id);
    if (!agency) return pages_.error(req, agency.error());
    Look look = looks_.look(req.agency_id);
    std::int64_t now = host_.clock().now();
    calendar::Date today = calendar::local_date(now);
    std::optional<std::int64_t> fresh = look.next_change(now);

    json data = {{"title", agency->name_th},
                 {"agency", agency->name_th},
                 {"tagline", look.tagline},
                 {"emblem", picture_url(look.emblem, "emblem")},
                 {"banner", picture_url(look.banner, "banner")},
                 {"breadcrumbs", json::array()}};
    if (look.eit_open(today)) {
      auto code = documents::qr_encode(look.eit_url);
      std::string label(pages_.t(req, "website.eit_qr"));
      data["eit"] = {
          {"url", look.eit_url},
          {"until", calendar::format(*calendar::parse_iso(look.eit_until), req.lang, calendar::Style::long_form)},
          {"qr", code ? documents::qr_svg(*code, label) : ""}};
    }
    // Every module's block, in their order; a block with nothing to show is left out.
    std::vector<const web::HomeBlock*> blocks;
    for (const web::Module* m : host_.modules())
      for (const web::HomeBlock& b : m->home) blocks.push_back(&b);
    std::stable_sort(blocks.begin(), blocks.end(),
                     [](const web::HomeBlock* a, const web::HomeBlock* b) { return a->order < b->order; });
    json shown = json::array();
    for (const web::HomeBlock* b : blocks) {
      std::optional<json> d = b->data(host_, req);
      if (!d) continue;
      shown.push_back({{"name", b->name}, {"html", pages_.views().render(req.lang, b->view, *d)}});
      if (b->changes_at)
        if (auto at = b->changes_at(host_, req.agency_id); at && (!fresh || *at < *fresh)) fresh = *at;
    }
    data["blocks"] = std::move(shown);
    // The picture is the shell's default: the banner, else the emblem (web::Look::picture).
    data["preview"] = {
        {"description", look.tagline.empty() ? std::string(pages_.t(req, "website.description")) : look.tagline}};
    Response res = pages_.page(req, "website/home", std::move(data));
    if (fresh) res.fresh_until = *fresh;
    return res;
  }

  // Small, made for each request and revalidated by the browser each time (no-cache with an
  // ETag): the day mourning starts, or a reader's choice of text size, shows on the next page
  // without a page of the page cache changing.
  Response look_css(Request& req) {
    Look look = looks_.look(req.agency_id);
    std::string css;
    if (auto c = colour::parse_hex(look.colour))
      css += ":root{--brand:" + colour::hex(*c) + ";--brand-dark:" + colour::hex(colour::darker(*c, 0.25)) + "}\n";
    if (look.mourning_on(calendar::local_date(host_.clock().now()))) css += kMourningCss;
    std::string size = req.cookie(kTextSizeCookie).value_or("normal");
    if (size == "large") css += "html{font-size:112.5%}\n";
    if (size == "larger") css += "html{font-size:125%}\n";
    Response res;
    std::string etag = "\"" + crypto::sha256_hex(css).substr(0, 16) + "\"";
    res.header("Content-Type", "text/css; charset=utf-8");
    res.header("Cache-Control", "no-cache");
    res.header("ETag", etag);
    if (req.header("if-none-match") == etag) {
      res.status = 304;
      return res;
    }
    res.body = std::move(css);
    return res;
  }

  Response emblem(Request& req) { return picture(req, Service::Picture::emblem); }
  Response banner(Request& req) { return picture(req, Service::Picture::banner); }

  Response text_size(Request& req) {
    std::string size = req.param("size");
    if (std::find(std::begin(kTextSizes), std::end(kTextSizes), size) == std::end(kTextSizes))
      return pages_.error(req, Error::not_found());
    std::string next = req.query_param("next").value_or("/");
    Response r = Response::redirect(http::is_local_redirect(next) ? next : "/", 303);
    bool normal = size == "normal";
    r.header("Set-Cookie", http::set_cookie(kTextSizeCookie, normal ? "" : size,
                                            {secure_cookies_, http::SameSite::lax, normal ? 0 : 365L * 24 * 3600}));
    return r;
  }

  Response sitemap_page(Request& req) {
    Look look = looks_.look(req.agency_id);
    json sections = pages_.public_menu_for(req, look.sections);
    json footer = json::array();
    for (const web::PublicLink& l : pages_.public_links())
      if (l.section == "footer")
        footer.push_back({{"label", std::string(pages_.t(req, l.label_key))}, {"href", l.href}});
    return pages_.page(
        req, "website/sitemap",
        {{"title", std::string(pages_.t(req, "website.sitemap"))},
         {"sections", sections},
         {"footer", footer},
         {"breadcrumbs",
          json::array({{{"label", std::string(pages_.t(req, "layout.home"))}, {"href", "/"}},
                       {{"label", std::string(pages_.t(req, "website.sitemap"))}, {"href", ""}, {"current", true}}})}});
  }

  // Every public page the modules list, with the menu's and the home page; absolute URLs on the
  // address the request came to (the page cache keys on it).
  Response sitemap_xml(Request& req) {
    if (req.origin.empty()) return pages_.error(req, Error::not_found("no origin for absolute URLs"));
    std::map<std::string, std::optional<calendar::Date>> pages;  // by path: one entry each
    auto add = [&](const std::string& path, std::optional<calendar::Date> on) {
      auto [it, fresh] = pages.emplace(path, on);
      if (!fresh && on && (!it->second || *it->second < *on)) it->second = on;
    };
    add("/", std::nullopt);
    for (const web::PublicLink& l : pages_.public_links()) add(l.href, std::nullopt);
    for (const web::Module* m : host_.modules())
      for (const web::SitemapSource& s : m->sitemap)
        for (web::PublicPage& p : s.pages(host_, req.agency_id)) add(p.path, p.changed_on);
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (const auto& [path, on] : pages) {
      xml += "<url><loc>" + documents::xml_escape(req.origin + path) + "</loc>";
      if (on) xml += "<lastmod>" + calendar::iso(*on) + "</lastmod>";
      xml += "</url>\n";
    }
    xml += "</urlset>\n";
    Response res;
    res.body = std::move(xml);
    res.header("Content-Type", "application/xml; charset=utf-8");
    return res;
  }

  // Search engines: everything public, nothing of the staff's: each staff page by the fixed
  // part of its pattern, or by its first segment when no public page begins with it ("/admin").
  Response robots(Request& req) {
    std::vector<std::string> open;
    for (const Route& r : host_.router().routes())
      if (r.access.kind() == Access::Kind::anyone) open.push_back(r.pattern);
    std::set<std::string> closed;
    for (const Route& r : host_.router().routes()) {
      if (r.access.kind() == Access::Kind::anyone || r.method != Method::get) continue;
      std::string fixed = r.pattern.substr(0, r.pattern.find('{'));
      std::string first = fixed.substr(0, fixed.find('/', 1));
      bool shared = std::any_of(open.begin(), open.end(), [&](const std::string& p) { return p.starts_with(first); });
      if (!shared) fixed = first;
      if (fixed.size() > 1) closed.insert(fixed);
    }
    std::string body = "User-agent: *\n";
    std::string last = "\n";  // sorted: a path comes right after the prefix that holds it
    for (const std::string& p : closed) {
      if (p.starts_with(last)) continue;
      body += "Disallow: " + p + "\n";
      last = p;
    }
    body += "Allow: /\n";
    if (!req.origin.empty()) body += "\nSitemap: " + req.origin + "/sitemap.xml\n";
    return Response::text(std::move(body));
  }

  // The first module's form for a person's rights over their data; "" when none offers one.
  std::string rights_form(std::int64_t agency_id) {
    for (const web::Module* m : host_.modules())
      if (m->rights_form)
        if (auto href = m->rights_form(host_, agency_id)) return *href;
    return "";
  }

  // The privacy notice: every module's account of what it keeps, the agency's own words (its
  // contact as data controller, its officer), the rights and how to use them.
  Response privacy(Request& req) {
    auto agency = accounts_.agency(req.agency_id);
    if (!agency) return pages_.error(req, agency.error());
    std::vector<const web::PersonalData*> uses;
    for (const web::Module* m : host_.modules())
      for (const web::PersonalData& p : m->personal_data) uses.push_back(&p);
    std::stable_sort(uses.begin(), uses.end(),
                     [](const web::PersonalData* a, const web::PersonalData* b) { return a->order < b->order; });
    json shown = json::array();
    for (const web::PersonalData* p : uses) {
      json promises = json::array();
      for (const std::string& k : p->promise_keys) promises.push_back(std::string(pages_.t(req, k)));
      shown.push_back({{"name", p->name},
                       {"what", std::string(pages_.t(req, p->what_key))},
                       {"fields", std::string(pages_.t(req, p->fields_key))},
                       {"purpose", std::string(pages_.t(req, p->purpose_key))},
                       {"basis", std::string(pages_.t(req, "privacy.basis." + p->basis))},
                       {"readers", std::string(pages_.t(req, p->readers_key))},
                       {"kept", p->kept(host_, req.agency_id, req.lang)},
                       {"promises", promises},
                       {"has_promises", !promises.empty()},
                       {"href", p->href}});
    }
    Text own = looks_.text(req.agency_id, Page::privacy);
    return pages_.page(req, "website/privacy",
                       {{"title", std::string(pages_.t(req, "privacy.title"))},
                        {"agency", agency->name_th},
                        {"own", own.body},
                        {"reviewed", own.changed_at ? calendar::format(calendar::local_date(own.changed_at), req.lang,
                                                                       calendar::Style::long_form)
                                                    : ""},
                        {"uses", shown},
                        {"rights_form", rights_form(req.agency_id)}});
  }

  // Every cookie the modules set: all strictly necessary, so no banner asks for consent.
  Response cookies(Request& req) {
    json shown = json::array();
    for (const web::Module* m : host_.modules())
      for (const web::CookieUse& c : m->cookies)
        shown.push_back({{"name", c.name},
                         {"purpose", std::string(pages_.t(req, c.purpose_key))},
                         {"lasts", std::string(pages_.t(req, c.lasts_key))}});
    return pages_.page(req, "website/cookies",
                       {{"title", std::string(pages_.t(req, "cookies.title"))}, {"cookies", shown}});
  }

  Response website_policy(Request& req) { return policy(req, Page::website_policy); }
  Response security_policy(Request& req) { return policy(req, Page::security_policy); }

  Response policies_form(Request& req) {
    return policies_page(req, std::nullopt, req.query_param("saved").has_value());
  }

  Response policies_save(Request& req) {
    std::vector<std::pair<Page, std::string>> bodies;
    for (Page p : kPages) bodies.emplace_back(p, req.form().value(std::string(to_string(p))));
    auto r = looks_.save_texts(*req.principal, bodies);
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return policies_page(req, r.error(), false, 422);
    }
    return Response::redirect("/admin/website/policies?saved=1");
  }

  Response accessibility(Request& req) {
    return pages_.page(req, "website/accessibility", {{"title", std::string(pages_.t(req, "website.a11y_title"))}});
  }

  Response admin_form(Request& req) {
    return admin_page(req, looks_.look(req.agency_id), std::nullopt, req.query_param("saved").has_value());
  }

  Response admin_save(Request& req) {
    const http::Form& f = req.form();
    LookInput in;
    in.colour = f.value("colour");
    in.tagline = f.value("tagline");
    in.mourning_from = f.value("mourning_from");
    in.mourning_until = f.value("mourning_until");
    in.eit_url = f.value("eit_url");
    in.eit_from = f.value("eit_from");
    in.eit_until = f.value("eit_until");
    for (std::string_view s : web::kPublicSections) in.section_order.push_back(f.value("order_" + std::string(s)));
    if (const http::UploadedFile* u = f.file("emblem"); u && !u->data.empty())
      in.emblem = files::Upload{u->filename, u->data};
    if (const http::UploadedFile* u = f.file("banner"); u && !u->data.empty())
      in.banner = files::Upload{u->filename, u->data};
    in.remove_emblem = f.value("remove_emblem") == "1";
    in.remove_banner = f.value("remove_banner") == "1";
    auto r = looks_.save(*req.principal, in);
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      // The form again as it was typed, the pictures as stored.
      Look typed = looks_.look(req.agency_id);
      typed.colour = text::trim(in.colour);
      typed.tagline = in.tagline;
      typed.mourning_from = in.mourning_from;
      typed.mourning_until = in.mourning_until;
      typed.eit_url = in.eit_url;
      typed.eit_from = in.eit_from;
      typed.eit_until = in.eit_until;
      return admin_page(req, typed, r.error(), false, &in.section_order, 422);
    }
    return Response::redirect("/admin/website?saved=1");
  }

 private:
  // A policy: the agency's text when it wrote one, Prongsai's otherwise.
  Response policy(const Request& req, Page page) {
    std::string key = page == Page::website_policy ? "policy.website" : "policy.security";
    Text own = looks_.text(req.agency_id, page);
    json paragraphs = json::array();
    if (own.body.empty())
      for (int i = 1; Strings::instance().has(Lang::th, key + "." + std::to_string(i)); ++i)
        paragraphs.push_back(std::string(pages_.t(req, key + "." + std::to_string(i))));
    return pages_.page(req, "website/policy",
                       {{"title", std::string(pages_.t(req, key + "_title"))},
                        {"own", own.body},
                        {"paragraphs", paragraphs},
                        {"changed", own.changed_at ? calendar::format(calendar::local_date(own.changed_at), req.lang,
                                                                      calendar::Style::long_form)
                                                   : ""}});
  }

  Response policies_page(const Request& req, const std::optional<Error>& error, bool saved, int status = 200) {
    json data = {{"title", std::string(pages_.t(req, "policy.admin_title"))},
                 {"saved", saved},
                 {"max", std::to_string(kMaxTextChars)}};
    for (Page p : kPages) {
      std::string name(to_string(p));
      data[name] = req.method == Method::post ? req.form().value(name) : looks_.text(req.agency_id, p).body;
    }
    data["reviewed"] = looks_.text(req.agency_id, Page::privacy).changed_at != 0;
    data["rights_form"] = rights_form(req.agency_id);
    return pages_.form(req, "website/policies_admin", std::move(data), error, status);
  }

  Response admin_page(const Request& req, const Look& look, const std::optional<Error>& error, bool saved,
                      const std::vector<std::string>* typed_order = nullptr, int status = 200) {
    json palette = json::array();
    for (const PaletteColour& c : kPalette)
      palette.push_back({{"hex", c.hex}, {"label", std::string(pages_.t(req, c.label_key))}});
    json sections = json::array();
    std::size_t n = std::size(web::kPublicSections);
    for (std::size_t i = 0; i < n; ++i) {
      std::string key(web::kPublicSections[i]);
      std::string place;
      if (typed_order && i < typed_order->size()) {
        place = (*typed_order)[i];
      } else {
        auto at = std::find(look.sections.begin(), look.sections.end(), key);
        place = std::to_string(at - look.sections.begin() + 1);
      }
      json places = json::array();
      for (std::size_t p = 1; p <= n; ++p)
        places.push_back({{"value", std::to_string(p)}, {"selected", std::to_string(p) == place}});
      sections.push_back(
          {{"key", key}, {"label", std::string(pages_.t(req, "menu.section." + key))}, {"places", places}});
    }
    calendar::Date today = calendar::local_date(host_.clock().now());
    json data = {{"title", std::string(pages_.t(req, "website.admin_title"))},
                 {"colour", look.colour.empty() ? std::string(kPalette[0].hex) : look.colour},
                 {"palette", palette},
                 {"sections", sections},
                 {"tagline", look.tagline},
                 {"emblem", picture_url(look.emblem, "emblem")},
                 {"banner", picture_url(look.banner, "banner")},
                 {"mourning_from", look.mourning_from},
                 {"mourning_until", look.mourning_until},
                 {"mourning_on", look.mourning_on(today)},
                 {"eit_url", look.eit_url},
                 {"eit_from", look.eit_from},
                 {"eit_until", look.eit_until},
                 {"eit_open", look.eit_open(today)},
                 {"saved", saved}};
    return pages_.form(req, "website/admin", std::move(data), error, status);
  }

  Response picture(const Request& req, Service::Picture which) {
    auto found = looks_.picture(req.agency_id, which);
    if (!found) return pages_.error(req, found.error());
    return files::download(found->first, std::move(found->second));
  }

  web::Host& host_;
  web::Pages& pages_;
  Service& looks_;
  accounts::Service& accounts_;
  bool secure_cookies_;
};

}  // namespace

void mount(web::Host& host) {
  http::Router& router = host.router();
  web::Pages& pages = host.pages();
  auto h = std::make_shared<Handlers>(host, host.get<Service>(), host.get<accounts::Service>(),
                                      host.get<web::Settings>().cookies.secure);
  const Access admin = Access::roles({Role::admin});

  router.add(Route(Method::get, "/", Access::anyone(), http::member(h, &Handlers::home))).cached();
  router.add(Route(Method::get, "/look.css", Access::anyone(), http::member(h, &Handlers::look_css)));
  router.add(Route(Method::get, "/look/emblem", Access::anyone(), http::member(h, &Handlers::emblem)));
  router.add(Route(Method::get, "/look/banner", Access::anyone(), http::member(h, &Handlers::banner)));
  router.add(Route(Method::get, "/text-size/{size}", Access::anyone(), http::member(h, &Handlers::text_size)));
  router.add(Route(Method::get, "/sitemap", Access::anyone(), http::member(h, &Handlers::sitemap_page))).cached();
  router.add(Route(Method::get, "/sitemap.xml", Access::anyone(), http::member(h, &Handlers::sitemap_xml))).cached();
  router.add(Route(Method::get, "/robots.txt", Access::anyone(), http::member(h, &Handlers::robots))).cached();
  router.add(Route(Method::get, "/accessibility", Access::anyone(), http::member(h, &Handlers::accessibility)))
      .cached();
  router.add(Route(Method::get, "/privacy", Access::anyone(), http::member(h, &Handlers::privacy))).cached();
  router.add(Route(Method::get, "/cookies", Access::anyone(), http::member(h, &Handlers::cookies))).cached();
  router.add(Route(Method::get, "/policy/website", Access::anyone(), http::member(h, &Handlers::website_policy)))
      .cached();
  router.add(Route(Method::get, "/policy/security", Access::anyone(), http::member(h, &Handlers::security_policy)))
      .cached();
  router.add(Route(Method::get, "/admin/website/policies", admin, http::member(h, &Handlers::policies_form)));
  router.add(Route(Method::post, "/admin/website/policies", admin, http::member(h, &Handlers::policies_save))
                 .takes(http::BodyRule::form(3 * kMaxTextChars * 9 + (16 << 10))));
  router.add(Route(Method::get, "/admin/website", admin, http::member(h, &Handlers::admin_form)));
  router.add(Route(Method::post, "/admin/website", admin, http::member(h, &Handlers::admin_save))
                 .takes(http::BodyRule::upload(kMaxBannerBytes + kMaxEmblemBytes + (64 << 10))));

  // The public menu: every module's links, the footer's among them.
  std::vector<web::PublicLink> links;
  for (const web::Module* m : host.modules())
    for (const web::PublicLink& l : m->public_links) links.push_back(l);
  pages.set_public_links(std::move(links));
  pages.add_menu({"menu.website", "/admin/website", admin, "settings"});
  pages.add_menu({"menu.website_policies", "/admin/website/policies", admin, "settings"});
}

}  // namespace prongsai::website
