// The agency's public website as a whole: its look (colour, emblem, banner picture, the order of
// the public menu's sections), the mourning period (ไว้ทุกข์: the site in grey with a black
// ribbon) and the NACC's survey window with the agency's own EIT link. The home page, the site
// map, robots.txt and /look.css are made from these and from what every module gives the
// website hub (web/website.hpp; routes.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/colour.hpp"
#include "core/result.hpp"
#include "core/thai_calendar.hpp"
#include "files/files.hpp"
#include "http/access.hpp"
#include "store/store.hpp"

namespace prongsai::website {

// The colours offered (each passes the contrast check); any other colour may be chosen and is
// checked the same way.
struct PaletteColour {
  std::string_view hex, label_key;
};
inline constexpr PaletteColour kPalette[] = {
    {"#0b4f8a", "website.colour.blue"},   {"#1d5e3a", "website.colour.green"}, {"#5b2a86", "website.colour.purple"},
    {"#8a1c2b", "website.colour.maroon"}, {"#6b4226", "website.colour.brown"}, {"#0e5e6f", "website.colour.teal"},
    {"#3d4550", "website.colour.slate"},
};
// The page's background and the cards' tint: the colour is checked against both (links are
// written in it) and against white text on it (the header, buttons).
inline constexpr std::string_view kPaper = "#ffffff", kTint = "#f3f6f9";

struct Look {
  std::string colour;                         // "#rrggbb"; "" Prongsai's own
  std::vector<std::string> sections;          // the public menu's sections, every one of web::kPublicSections once
  std::string tagline;                        // one line under the name on the home page
  files::Ref emblem, banner;                  // sha256 empty: none
  std::string mourning_from, mourning_until;  // ISO dates (CE), both or neither
  std::string eit_url, eit_from, eit_until;   // the NACC's EIT link for this agency and its window
  std::int64_t updated_at = 0;                // 0: never saved

  bool mourning_on(calendar::Date day) const;
  bool eit_open(calendar::Date day) const;
  // The next midnight (unix seconds) at which mourning or the EIT window starts or ends, after
  // `now`; none when neither will.
  std::optional<std::int64_t> next_change(std::int64_t now) const;
};

// What the admin's form sends, as typed.
struct LookInput {
  std::string colour, tagline, mourning_from, mourning_until, eit_url, eit_from, eit_until;
  std::vector<std::string> section_order;  // per web::kPublicSections, its place "1".."6"
  std::optional<files::Upload> emblem, banner;
  bool remove_emblem = false, remove_banner = false;
};

// The reader's text size (/text-size/{size}), read by /look.css.
inline constexpr std::string_view kTextSizeCookie = "prongsai_text";

constexpr std::size_t kMaxEmblemBytes = 1 << 20;
constexpr std::size_t kMaxBannerBytes = 5 << 20;
constexpr std::size_t kMaxTaglineChars = 200;

// Where a stored picture is served: "/look/emblem?v=<hash>" (a new picture, a new URL); "" none.
std::string picture_url(const files::Ref& ref, std::string_view which);

// error.colour_contrast with the ratio found ("2.9:1") when the colour is too light (or too
// dark for the page's tint); error.colour when it is not "#rrggbb".
Result<std::string> check_colour(std::string_view raw);

// The notices' pages the agency writes on: its part of the privacy notice, and the website and
// security policies, which replace Prongsai's own text when written.
enum class Page { privacy, website_policy, security_policy };
inline constexpr Page kPages[] = {Page::privacy, Page::website_policy, Page::security_policy};
std::string_view to_string(Page p);
struct Text {
  std::string body;
  std::int64_t changed_at = 0;  // 0: never saved
};
constexpr std::size_t kMaxTextChars = 20000;

class Service {
 public:
  explicit Service(store::Store& store) : store_(store) {}

  // The agency's look; a new agency's: Prongsai's colour, the sections in their first order.
  Look look(std::int64_t agency_id);
  // Admin only. Checks every field and file; saves all or nothing, audited.
  Result<void> save(const http::Principal& by, const LookInput& in);
  // The emblem's or the banner's bytes.
  enum class Picture { emblem, banner };
  Result<std::pair<files::Ref, std::string>> picture(std::int64_t agency_id, Picture which);

  Text text(std::int64_t agency_id, Page page);
  // Admin only: each page's text as typed (line breaks kept), every one checked before any is
  // saved; each that changed is an audited change, and saving the privacy part unchanged still
  // dates it (the admin has reviewed the notice).
  Result<void> save_texts(const http::Principal& by, const std::vector<std::pair<Page, std::string>>& bodies);

 private:
  store::Store& store_;
};

}  // namespace prongsai::website
