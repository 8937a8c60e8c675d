// Secret calendar addresses (iCal feeds) for the agency, a unit or a user. The secret is made
// once (24 random bytes), shown once, and kept only as its SHA-256. A feed is read with the
// rights its maker has at that moment: a revoked feed, or one whose maker left, lost the role
// or the unit, reads as unknown (404).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/reminders/deadlines.hpp"
#include "store/store.hpp"

namespace prongsai::reminders {

struct Feed {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  Scope::Kind scope = Scope::Kind::user;
  std::optional<std::int64_t> unit_id;
  std::string label;
  std::int64_t created_at = 0;
};
std::string_view to_string(Scope::Kind k);

constexpr std::size_t kMaxFeedsPerUser = 20;

class Feeds {
 public:
  Feeds(store::Store& store, accounts::Service& accounts) : store_(store), accounts_(accounts) {}

  // The user's feeds that are not revoked, newest first.
  std::vector<Feed> mine(const http::Principal& by);
  // Makes a feed and returns its secret. "agency": admins and executives; "unit": a member of
  // the unit, or an admin; "user": anyone signed in.
  Result<std::string> create(const http::Principal& by, std::string_view scope, std::string_view unit_id,
                             const std::string& label);
  // The maker revokes their own feed; an admin any of the agency's.
  Result<void> revoke(const http::Principal& by, std::int64_t feed_id);
  // What the secret gives now, or nullopt (unknown, revoked, or no longer allowed).
  std::optional<std::pair<Feed, Scope>> resolve(std::int64_t agency_id, std::string_view secret);

 private:
  // Whether `user` may have a feed of this scope.
  static bool may_have(const accounts::User& user, Scope::Kind scope, std::optional<std::int64_t> unit_id);

  store::Store& store_;
  accounts::Service& accounts_;
};

}  // namespace prongsai::reminders
