// What a module gives the agency's public website (the website hub): its links in the public
// menu, its pages in the site map, and its block on the home page. The hub orders the menu's
// sections as each agency's admin says, builds the breadcrumbs from the menu, lists every
// module's pages in /sitemap.xml and lays the blocks out on the home page; neither it nor this
// file names a module.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.hpp"
#include "core/thai_calendar.hpp"
#include "http/message.hpp"

namespace prongsai::web {

class Host;

// The public menu's sections, in the order of a new agency; each agency's admin reorders them.
// Label: menu.section.<key>.
inline constexpr std::string_view kPublicSections[] = {"about", "news", "services", "ita", "complaints", "contact"};

// A link in the public menu, under a section, ordered by `order` within it.
struct PublicLink {
  std::string section;  // one of kPublicSections
  std::string label_key;
  std::string href;  // a public page: "/news"
  int order = 0;
  // A form a citizen may start from the agency's chat account (LINE): the chat's menu offers it.
  bool chat = false;
};

// A public page for /sitemap.xml: its path on the agency's site and when what it shows last
// changed, when known.
struct PublicPage {
  std::string path;
  std::optional<calendar::Date> changed_on;
};

// The public pages a module holds for one agency (its news posts, answered questions, ...).
struct SitemapSource {
  std::function<std::vector<PublicPage>(Host&, std::int64_t agency_id)> pages;
};

// A block of the home page: the module's own template (`view`), rendered with `data`.
struct HomeBlock {
  std::string name;  // its anchor on the page: "news"
  int order = 0;     // smaller comes first
  std::string view;  // "news/home"
  // What the block shows to this request; none when it has nothing to show (left out).
  std::function<std::optional<nlohmann::json>(Host&, const http::Request&)> data;
  // When the block changes by itself (a scheduled post goes live): the home page is made again
  // then. None: only when the agency's data changes.
  std::function<std::optional<std::int64_t>(Host&, std::int64_t agency_id)> changes_at;
};

// What a module keeps about people, said in the privacy notice (/privacy): one entry per form or
// record, in the words of its strings. The notice is made from every module's entries, so it
// says what the installation really keeps.
struct PersonalData {
  std::string name;      // its anchor on the notice: "complaints"
  std::string what_key;  // the form or record: "เรื่องร้องเรียนและข้อเสนอแนะทั่วไป"
  std::string fields_key;   // the data kept
  std::string purpose_key;  // why
  std::string basis;        // the PDPA's basis: public_task | consent | legal_obligation | legitimate_interest
  std::string readers_key;  // who reads it
  // How long it is kept, in `lang`: from the module's own setting where it has one.
  std::function<std::string(Host&, std::int64_t agency_id, Lang lang)> kept;
  std::vector<std::string> promise_keys;  // what the form promises besides, held by the module's tests
  std::string href;                       // the public form; "" none
  int order = 0;
};

// A `kept` that is one sentence of the strings, the same for every agency: said("privacy.kept.surveys").
inline std::function<std::string(Host&, std::int64_t, Lang)> said(std::string key) {
  return [key = std::move(key)](Host&, std::int64_t, Lang lang) {
    return std::string(Strings::instance().get(lang, key));
  };
}

// A cookie a module sets, for the cookie notice (/cookies): every one is strictly necessary, or
// it has no place here.
struct CookieUse {
  std::string name;  // as set over plain HTTP; over HTTPS its name begins "__Host-"
  std::string purpose_key;
  std::string lasts_key;
};

// Where a person asks to use their rights over their personal data (access, correction, deletion,
// objection: the PDPA's 30 days), when a module offers the agency such a public form now: its
// path. The privacy notice links the first one found; without any it sends people to the contact
// page.
using RightsForm = std::function<std::optional<std::string>(Host&, std::int64_t agency_id)>;

}  // namespace prongsai::web
