// The agency's contact channels (ข้อมูลการติดต่อ): what the admin fills in and the links a
// citizen opens, each with its QR code (routes.cpp).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "files/personal_data.hpp"
#include "http/access.hpp"
#include "store/store.hpp"

namespace prongsai::contact {

struct Executive {
  std::string name, position, phone;
};

// What the admin fills in; everything optional. Links are http(s); LINE is "@id" or a link.
struct Contact {
  std::string address, map_url, hours, phone, fax, email, facebook, line, website;
  std::vector<Executive> executives;  // at most kMaxExecutives
  std::int64_t updated_at = 0;        // unix seconds of the last save (not in the JSON); 0: never
  bool empty() const;
};
constexpr std::size_t kMaxExecutives = 6;

nlohmann::json to_json(const Contact& c);
Contact contact_from_json(const nlohmann::json& j);

// A contact channel a citizen can open, in the order a poster shows them.
struct ContactLink {
  std::string kind;   // map | phone | email | facebook | line | website
  std::string shown;  // what the page prints: the number, the address, "@namom"
  std::string href;   // tel:, mailto:, https:
};
std::vector<ContactLink> links_of(const Contact& c);
// "tel:" target of a Thai phone as written ("044 610 000 ต่อ 12" → "tel:044610000,12").
std::string tel_href(std::string_view phone);
// The agency's phones and fax as digits (each number of a field: "074 300 000, 081 234 5678"),
// and its e-mail address, into what the personal-data scan leaves alone.
void own_contacts(const Contact& c, files::Allowed& out);

class Contacts {
 public:
  explicit Contacts(store::Store& store) : store_(store) {}
  Contact get(std::int64_t agency_id);
  // Admin only. Checks every field; saves all or nothing.
  Result<void> save(const http::Principal& by, const Contact& c);

 private:
  store::Store& store_;
};

}  // namespace prongsai::contact
