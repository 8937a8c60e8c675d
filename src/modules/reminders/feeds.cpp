#include "modules/reminders/feeds.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace prongsai::reminders {
namespace {

using http::Role;

constexpr std::string_view kColumns = "SELECT id, user_id, scope, unit_id, label, created_at FROM calendar_feeds ";
constexpr std::string_view kInsert =
    "INSERT INTO calendar_feeds (agency_id, user_id, scope, unit_id, token_hash, label, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kRevoke = "UPDATE calendar_feeds SET revoked_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::size_t kMaxLabel = 100;
constexpr std::string_view kScopes[] = {"agency", "unit", "user"};

std::optional<Scope::Kind> parse_scope(std::string_view s) { return text::enum_named<Scope::Kind>(s, kScopes); }

Feed feed_from(const store::Row& r) {
  Feed f;
  f.id = r.integer("id");
  f.user_id = r.integer("user_id");
  f.scope = parse_scope(r.text("scope")).value_or(Scope::Kind::user);
  f.unit_id = r.opt_integer("unit_id");
  f.label = r.text("label");
  f.created_at = r.integer("created_at");
  return f;
}

}  // namespace

std::string_view to_string(Scope::Kind k) { return kScopes[static_cast<int>(k)]; }

bool Feeds::may_have(const accounts::User& user, Scope::Kind scope, std::optional<std::int64_t> unit_id) {
  if (!user.active) return false;
  switch (scope) {
    case Scope::Kind::agency: return user.roles.has(Role::admin) || user.roles.has(Role::executive);
    case Scope::Kind::unit:
      return unit_id && (user.roles.has(Role::admin) ||
                         std::find(user.unit_ids.begin(), user.unit_ids.end(), *unit_id) != user.unit_ids.end());
    case Scope::Kind::user: return true;
  }
  return false;
}

std::vector<Feed> Feeds::mine(const http::Principal& by) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Feed> out;
    for (const auto& r :
         tx.query(std::string(kColumns) + "WHERE agency_id = ? AND user_id = ? AND revoked_at IS NULL ORDER BY id DESC",
                  {by.agency_id, by.user_id}))
      out.push_back(feed_from(r));
    return out;
  });
}

Result<std::string> Feeds::create(const http::Principal& by, std::string_view raw_scope, std::string_view raw_unit,
                                  const std::string& raw_label) {
  auto scope = parse_scope(raw_scope);
  if (!scope) return fail(Error::invalid_field("scope", "error.choice"));
  std::optional<std::int64_t> unit_id;
  if (*scope == Scope::Kind::unit) {
    unit_id = text::parse_id(raw_unit);
    if (!unit_id) return fail(Error::invalid_field("unit", "error.choice"));
  }
  auto label = text::form_field("label", raw_label, kMaxLabel, false);
  if (!label) return fail(label.error());
  auto me = accounts_.user(by.agency_id, by.user_id);
  if (!me) return fail(me.error());
  if (!may_have(*me, *scope, unit_id))
    return fail(Error::make(ErrorKind::forbidden, "calendar.feed_not_allowed", "scope not allowed"));
  if (mine(by).size() >= kMaxFeedsPerUser) return fail(Error::invalid_field("scope", "calendar.too_many_feeds"));
  std::string secret = crypto::random_token(24);
  std::string hash = crypto::sha256_hex(secret);
  auto written = store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    // The audit names the feed, never its secret.
    tx.apply(
        store::Change::create(by.agency_id, "calendar_feed",
                              {{"scope", std::string(to_string(*scope))},
                               {"unit_id", unit_id ? nlohmann::json(*unit_id) : nlohmann::json()},
                               {"label", *label}}),
        kInsert,
        {by.agency_id, by.user_id, std::string(to_string(*scope)), store::nullable(unit_id), hash, *label, tx.now()});
    return ok();
  });
  if (!written) return fail(written.error());
  return secret;
}

Result<void> Feeds::revoke(const http::Principal& by, std::int64_t feed_id) {
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(std::string(kColumns) + "WHERE agency_id = ? AND id = ? AND revoked_at IS NULL",
                            {by.agency_id, feed_id});
    if (!row) return fail(Error::not_found("feed"));
    Feed f = feed_from(*row);
    if (f.user_id != by.user_id && !by.roles.has(Role::admin)) return fail(Error::not_found("feed"));
    tx.apply(store::Change::update(by.agency_id, "calendar_feed", f.id, {{"revoked", false}}, {{"revoked", true}}),
             kRevoke, {tx.now(), by.agency_id, f.id});
    return ok();
  });
}

std::optional<std::pair<Feed, Scope>> Feeds::resolve(std::int64_t agency_id, std::string_view secret) {
  if (secret.empty() || secret.size() > 64) return std::nullopt;
  std::string hash = crypto::sha256_hex(secret);
  auto row = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(std::string(kColumns) + "WHERE agency_id = ? AND token_hash = ? AND revoked_at IS NULL",
                        {agency_id, hash});
  });
  if (!row) return std::nullopt;
  Feed f = feed_from(*row);
  auto user = accounts_.user(agency_id, f.user_id);
  if (!user || !may_have(*user, f.scope, f.unit_id)) return std::nullopt;
  Scope s;
  s.kind = f.scope;
  s.unit_id = f.unit_id;
  s.roles = user->roles;
  s.unit_ids = user->unit_ids;
  return std::make_pair(f, s);
}

}  // namespace prongsai::reminders
