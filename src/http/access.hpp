// Who may call a route. Every route declares its rule when it is added (Route has no default
// rule): the edge denies what a rule does not allow, and a test walks every route with every
// role to prove it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace prongsai::http {

// ผู้ดูแลระบบ, ผู้บริหาร, เจ้าหน้าที่, เจ้าหน้าที่รับเรื่องร้องเรียน (general complaints),
// เจ้าหน้าที่รับเรื่องร้องเรียนการทุจริต (the sealed corruption channel: only they can read it).
enum class Role : std::uint8_t { admin, executive, staff, complaint_officer, corruption_officer, procurement };

inline constexpr Role kAllRoles[] = {
    Role::admin, Role::executive, Role::staff, Role::complaint_officer, Role::corruption_officer, Role::procurement};

std::string_view to_string(Role r);
bool parse_role(std::string_view s, Role& out);

class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) add(r);
  }
  void add(Role r) { bits_ |= bit(r); }
  bool has(Role r) const { return bits_ & bit(r); }
  bool intersects(RoleSet o) const { return bits_ & o.bits_; }
  bool empty() const { return bits_ == 0; }
  std::vector<Role> list() const;

 private:
  static std::uint8_t bit(Role r) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(r)); }
  std::uint8_t bits_ = 0;
};

// The signed-in user of a request, as the session resolved it.
struct Principal {
  std::int64_t user_id = 0;
  std::int64_t agency_id = 0;
  std::string email;
  std::string display_name;
  RoleSet roles;
  std::int64_t session_id = 0;
  // Signed in, but the roles held wait for two-step sign-in to be set up (they require it):
  // `roles` is empty until then.
  bool second_factor_missing = false;
};

class Access {
 public:
  enum class Kind { anyone, signed_in, roles };

  static Access anyone() { return Access(Kind::anyone, {}); }        // public pages and forms
  static Access signed_in() { return Access(Kind::signed_in, {}); }  // any staff account
  static Access roles(RoleSet r) { return Access(Kind::roles, r); }  // one of these roles

  Kind kind() const { return kind_; }
  RoleSet allowed() const { return roles_; }
  // True when a request by `p` (null: not signed in) may call the route.
  bool allows(const Principal* p) const;
  std::string describe() const;

 private:
  Access(Kind k, RoleSet r) : kind_(k), roles_(r) {}
  Kind kind_;
  RoleSet roles_;
};

}  // namespace prongsai::http
