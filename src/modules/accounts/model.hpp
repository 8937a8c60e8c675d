// Plain types of the accounts module: agencies (หน่วยงาน), units (สำนัก/กอง), users and their
// roles and units. No I/O here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/access.hpp"

namespace prongsai::accounts {

using http::Role;
using http::RoleSet;

struct Agency {
  std::int64_t id = 0;
  std::string slug, name_th, name_en;
  std::optional<std::string> host;
  bool is_default = false;
  std::int64_t created_at = 0;  // unix seconds: since when the agency has been on Prongsai
};

struct Unit {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string name_th, name_en;
  bool active = true;
};

struct User {
  std::int64_t id = 0;
  std::int64_t agency_id = 0;
  std::string email, display_name, position;
  bool active = true;
  RoleSet roles;
  std::vector<std::int64_t> unit_ids;
};

// A unit's Thai name from a list loaded once for the page (Service::units), "" for none or one
// not in the list.
inline std::string unit_name(const std::vector<Unit>& units, std::optional<std::int64_t> id) {
  if (!id) return {};
  for (const Unit& u : units)
    if (u.id == *id) return u.name_th;
  return {};
}

// What a form gives to create or change a user.
struct UserInput {
  std::string email, display_name, position;
  RoleSet roles;
  std::vector<std::int64_t> unit_ids;
  bool active = true;
};

struct SessionInfo {
  std::int64_t id = 0;
  std::int64_t created_at = 0, last_seen_at = 0;
  std::string client;
  bool current = false;
};

// A new session: the token goes into the cookie and nowhere else.
struct NewSession {
  std::string token;
  std::int64_t user_id = 0;
  std::string device;  // the device cookie: this account signed in from here
  // The token opens nothing yet: the session waits for the code (Service::complete_login).
  bool second_factor = false;
};

}  // namespace prongsai::accounts
