// The agency's basic information (ข้อมูลพื้นฐาน) as the public and the assessors read it: its
// people (executives, the council, officials with the units they head) on the executives page
// and the organisation structure, drawn from the units; its authority and duties; the laws it
// works under.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/thai_calendar.hpp"
#include "files/files.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "store/store.hpp"

namespace prongsai::about {

// A local government's two sides: the political (executives, the council) and the permanent
// (officials under the ปลัด, each unit with its head).
enum class Side { executive, council, official };
std::string_view to_string(Side s);
std::optional<Side> parse_side(std::string_view s);
inline constexpr Side kSides[] = {Side::executive, Side::council, Side::official};

struct Person {
  std::int64_t id = 0;
  Side side = Side::executive;
  std::string position, name;
  std::optional<std::int64_t> unit_id;  // officials: the unit they work in
  bool heads_unit = false;              // and head
  std::string phone, email;
  files::Ref photo;                // sha256 empty: none
  std::string term_from, term_to;  // ISO dates (CE); term_to empty: in office
  std::int64_t sort = 0;           // the order within the side, smallest first
  std::int64_t updated_at = 0;
  // In office on `day`: the term has not ended before it.
  bool current(calendar::Date day) const;
};

// What the admin's form sends, as typed.
struct PersonInput {
  std::string side, position, name, unit_id, phone, email, term_from, term_to, sort;
  bool heads_unit = false;
  std::optional<files::Upload> photo;
  bool remove_photo = false;
};

constexpr std::size_t kMaxPhotoBytes = 5 << 20;
constexpr std::size_t kMaxPeople = 300;

class People {
 public:
  People(store::Store& store, accounts::Service& accounts) : store_(store), accounts_(accounts) {}

  // Every person of the agency, side by side, each side in its order.
  std::vector<Person> all(std::int64_t agency_id);
  std::optional<Person> find(std::int64_t agency_id, std::int64_t id);
  // When the pages last changed (unix seconds); 0 never.
  std::int64_t changed_at(std::int64_t agency_id);
  // Admin only. Creates (no id) or updates; checks every field, the photo by its bytes (an
  // image, without what the camera wrote in it); audited.
  Result<std::int64_t> save(const http::Principal& by, std::optional<std::int64_t> id, const PersonInput& in);
  Result<void> remove(const http::Principal& by, std::int64_t id);
  // A person's photo for the public pages.
  Result<std::pair<files::Ref, std::string>> photo(std::int64_t agency_id, std::int64_t id);

 private:
  store::Store& store_;
  accounts::Service& accounts_;
};

// A law the agency works under, as the laws page lists it (the Council of State's copy, or the
// Royal Gazette's, where the admin gives its address).
struct Law {
  std::int64_t id = 0;
  std::string title, url;
  std::int64_t sort = 0;
};

struct LawInput {
  std::string title, url, sort;
};

constexpr std::size_t kMaxDutiesChars = 20000;
constexpr std::size_t kMaxLaws = 200;

// The pages of text the admin writes: the authority and duties, and the list of laws. Each
// page's date (its last save) is what it answers the OIT with.
class Texts {
 public:
  enum class Page { duties, laws };
  // A page as stored: its text (the duties'; the laws page keeps its list apart) and when it
  // last changed (unix seconds; 0 never), read together.
  struct Text {
    std::string body;
    std::int64_t changed_at = 0;
  };

  explicit Texts(store::Store& store) : store_(store) {}

  Text text(std::int64_t agency_id, Page page);
  // Admin only; at most kMaxDutiesChars; an empty text takes the page down. Audited.
  Result<void> save_duties(const http::Principal& by, const std::string& text);

  std::vector<Law> laws(std::int64_t agency_id);  // in their order
  std::optional<Law> law(std::int64_t agency_id, std::int64_t id);
  // Admin only. Creates (no id) or updates; a title, an http(s) address or none. Audited.
  Result<std::int64_t> save_law(const http::Principal& by, std::optional<std::int64_t> id, const LawInput& in);
  Result<void> remove_law(const http::Principal& by, std::int64_t id);

 private:
  store::Store& store_;
};

}  // namespace prongsai::about
