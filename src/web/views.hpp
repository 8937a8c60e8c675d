// Server-rendered pages: mustache templates (web/templates, embedded), escaping by default,
// Thai first. Handlers pass plain JSON; kainjow's types stay in views.cpp.
//
// Templates name UI strings as [[key]]; each language's copy of a template is made once at
// start with the catalogue's text (HTML-escaped) in place, so a page costs one render. A key
// missing from the Thai catalogue stops start-up.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/strings.hpp"
#include "http/access.hpp"
#include "http/message.hpp"
#include "web/website.hpp"

namespace prongsai::web {

// The name of a framework version as pages show it: "ฉบับที่มากับระบบ" (0, the binary's file),
// "ฉบับแก้ไขครั้งที่ 2".
std::string version_label(Lang lang, int version);

class Views {
 public:
  Views();  // loads and checks every embedded template; throws on a broken one
  std::string render(Lang lang, std::string_view name, const nlohmann::json& data) const;
  std::vector<std::string> names() const;
  std::string asset_version() const { return asset_version_; }

 private:
  std::map<std::pair<Lang, std::string>, std::string> sources_;  // after [[key]] substitution
  std::string asset_version_;
};

// A link in the staff menu, shown to whoever its access rule allows, under the task it serves
// (kMenuGroups): the menu shows each group a person has links in, in this order, as a list that
// opens; "home" and "account" are plain links.
struct MenuEntry {
  std::string label_key;
  std::string href;
  http::Access access;
  std::string group;  // one of kMenuGroups
};
// "home": the staff home; "ita": the year's ITA work (plan, OIT, surveys, the framework);
// "public": what citizens send and read (complaints, requests, Q&A, news, contact, E-Service);
// "follow": following the work (calendar, the executives' view); "settings": the agency, its
// units, users, holidays and audit log; "account": one's own account. Its label: menu.group.<key>.
inline constexpr std::string_view kMenuGroups[] = {"home", "ita", "public", "follow", "settings", "account"};

// The agency's look as the page shell shows it, from the module that keeps it (LookSource).
struct Look {
  std::vector<std::string> sections;  // the public menu's sections in the agency's order
  std::string emblem;                 // the emblem's URL; "" none
  std::string picture;                // the picture a shared link shows by default; "" none
};
struct LookSource {
  std::function<Look(std::int64_t agency_id)> look;
};

// What the page shell needs from the rest of the system, per request.
struct ShellData {
  std::string agency_name;
  std::optional<Look> look;  // none: no module keeps one (no public menu, the default look)
};

class Pages {
 public:
  using ShellProvider = std::function<ShellData(const http::Request&)>;
  Pages(const Views& views, ShellProvider shell) : views_(views), shell_(std::move(shell)) {}

  // Throws on a group not in kMenuGroups (a programming error, said at start).
  void add_menu(MenuEntry entry);
  const std::vector<MenuEntry>& menu() const { return menu_; }
  // The public menu's links (every module's, from the website hub), shown in the sections of
  // the agency's look; and the footer's ("footer" section).
  void set_public_links(std::vector<PublicLink> links);
  const std::vector<PublicLink>& public_links() const { return public_links_; }
  // The public menu for `req`: [{key, label, current, links: [{label, href, current}]}] in the
  // order of `sections`; and the breadcrumbs of its path: [{label, href}] from the home page to
  // the page (titled `title`), empty where the path is not under the menu.
  nlohmann::json public_menu_for(const http::Request& req, const std::vector<std::string>& sections) const;
  nlohmann::json breadcrumbs_for(const http::Request& req, const std::vector<std::string>& sections,
                                 const nlohmann::json& title) const;
  // What `req`'s principal may open, by group: [{label, key, plain, link (the first), current,
  // links: [{label, href, current}]}]; empty when nobody is signed in.
  nlohmann::json menu_for(const http::Request& req) const;

  // The template `name` inside the layout. `data` may set "title" (already translated),
  // "breadcrumbs" (its own trail, [{label, href}], instead of the one the public menu gives) and
  // "preview": {description, image (a path on the site)} for the Open Graph and Twitter-card tags
  // a shared link shows (title and canonical URL are the page's). Where the site's address is
  // known, the template gets "share": {url, line, facebook} for the partial site/share (links
  // to LINE's and Facebook's share pages: no script of theirs on ours).
  http::Response page(const http::Request& req, std::string_view name, nlohmann::json data, int status = 200) const;
  // A form's page, shown first or again after a refused submission: the one way a form says
  // what was wrong. With an error, data "error" (error_json: the message above the form, in a
  // role="alert") and data "errors": {field: message} for the field the error names, which
  // the template shows under that field and ties to it:
  //   <input name="email" … {{#errors.email}}aria-invalid="true" aria-describedby="email-error"{{/errors.email}}>
  //   {{#errors.email}}<p class="field-error" id="email-error">{{.}}</p>{{/errors.email}}
  http::Response form(const http::Request& req, std::string_view name, nlohmann::json data,
                      const std::optional<Error>& error, int status = 200) const;
  // The error page for an error, with the status of http/errors.cpp; for what the installation
  // has not been given yet (ErrorKind::not_set_up), a page saying so, with the way to the
  // workshop for an administrator (200: the address is right, the year is not set up).
  http::Response error(const http::Request& req, const Error& e) const;
  std::string_view t(const http::Request& req, std::string_view key) const;
  // A form error for a template: {"message": its text in the request's language, "field", and
  // "detail" when the error has particulars for the person (Error::said)}.
  nlohmann::json error_json(const http::Request& req, const Error& e) const;
  const Views& views() const { return views_; }
  ShellData shell(const http::Request& req) const { return shell_(req); }

 private:
  const Views& views_;
  ShellProvider shell_;
  std::vector<MenuEntry> menu_;
  std::vector<PublicLink> public_links_;
};

}  // namespace prongsai::web
