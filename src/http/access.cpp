// Roles and access rules.
#include "http/access.hpp"

namespace prongsai::http {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::executive: return "executive";
    case Role::staff: return "staff";
    case Role::complaint_officer: return "complaint_officer";
    case Role::corruption_officer: return "corruption_officer";
    case Role::procurement: return "procurement";
  }
  return "staff";
}

bool parse_role(std::string_view s, Role& out) {
  for (Role r : kAllRoles) {
    if (to_string(r) == s) {
      out = r;
      return true;
    }
  }
  return false;
}

std::vector<Role> RoleSet::list() const {
  std::vector<Role> out;
  for (Role r : kAllRoles) {
    if (has(r)) out.push_back(r);
  }
  return out;
}

bool Access::allows(const Principal* p) const {
  switch (kind_) {
    case Kind::anyone: return true;
    case Kind::signed_in: return p != nullptr;
    case Kind::roles: return p != nullptr && p->roles.intersects(roles_);
  }
  return false;
}

std::string Access::describe() const {
  switch (kind_) {
    case Kind::anyone: return "anyone";
    case Kind::signed_in: return "signed_in";
    case Kind::roles: {
      std::string s = "roles:";
      for (Role r : roles_.list()) s += std::string(to_string(r)) + ",";
      s.pop_back();
      return s;
    }
  }
  return "nobody";
}

}  // namespace prongsai::http
