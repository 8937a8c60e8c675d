// The accounts module's contract: the only header other modules include.
//
// Owns agencies (หน่วยงาน), units (หน่วยงานย่อย: สำนักปลัด, กองคลัง, ...), users (ผู้ใช้), their
// roles (ผู้ดูแลระบบ admin, ผู้บริหาร executive, เจ้าหน้าที่ staff, เจ้าหน้าที่รับเรื่องร้องเรียน
// complaint_officer) and units, and staff sessions.
//
// Every query is scoped by agency: a user of one agency asking for another agency's record
// gets not_found, exactly as for a record that does not exist.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"
#include "files/personal_data.hpp"
#include "http/access.hpp"
#include "http/limits.hpp"
#include "modules/accounts/model.hpp"
#include "store/rate_limit.hpp"
#include "store/store.hpp"

namespace prongsai::accounts {

// A browser that signed in to an account before (Throttle): kept 400 days, the most a browser
// keeps a cookie; one per account signed in from it would need a name per account, so the
// last account's is kept.
inline constexpr std::string_view kDeviceCookie = "prongsai_device";
// A sign-in that waits for its second step: the waiting session's token, apart from the
// session cookie (it opens nothing), for as long as the wait lasts.
inline constexpr std::string_view kPendingCookie = "prongsai_pending";

struct Setup {
  std::string agency_name;
  std::string admin_email = "admin@example.org";
  std::string admin_name = "ผู้ดูแลระบบ";
  bool demo = false;  // also create the usual units and one user per role, with the same password
};

struct SetupResult {
  std::int64_t agency_id = 0;
  std::string password;                 // shown once, never stored in clear
  std::vector<std::string> demo_users;  // e-mails of the demo users
};

// Login throttling such that no outsider can keep a staff member out, and no one can guess
// for long: wrong passwords make the next try wait, never lock. For one account from one client
// (an IPv6 client is its /64) the first per_account of a window are free, then each try waits
// first_delay_seconds after the last, doubled with every further wrong one (30 s, 1, 2, 4, 8
// minutes), never more than the window; one client across accounts the same after
// per_address; an account tried from many clients makes only clients it has not seen wait
// (after per_account_unknown); and a device the account signed in from before (its device
// cookie) waits only for its own wrong passwords. The owner at their usual computer always
// gets in.
struct Throttle {
  std::int64_t window_seconds = 15 * 60;
  std::int64_t per_account = 5;
  std::int64_t per_address = 20;
  std::int64_t per_account_unknown = 50;
  std::int64_t first_delay_seconds = 30;
};

// A one-time link to set one's own password (Service::invite_user, reset_by_link).
struct Enrolment {
  std::string token;  // in the link /enrol/{token}; kept nowhere
  std::int64_t expires_at = 0;
};
constexpr std::int64_t kEnrolmentSeconds = 7 * 24 * 3600;

// Two-step sign-in as the account page shows it: whether it is on, and the secret being set
// up (base32 for typing, the otpauth:// address for the QR code).
struct SecondFactor {
  bool enabled = false;
  std::int64_t recovery_codes_left = 0;
  std::string secret_base32, uri;
};
// How long a password-checked sign-in waits for its code.
constexpr std::int64_t kSecondFactorSeconds = 5 * 60;
// Admins and corruption officers must use two-step sign-in (but in a demo agency).
bool requires_second_factor(const http::RoleSet& roles);

store::Actor actor_of(const http::Principal& p);
// What only the agency's admin may do: forbidden (error.forbidden) for anyone else; `detail` for
// the log.
Result<void> admin_only(const http::Principal& by, std::string_view detail = "not an admin");
// A host name an agency can be served at: lower-case letters, digits, '-' and '.'.
bool valid_host_name(std::string_view host);

class Service {
 public:
  Service(store::Store& store, store::RateLimiter& limiter, const http::Limits& limits, Throttle throttle = {});

  // Installation -------------------------------------------------------------------------
  // The installation's first agency (the default one, answering every host) and its admin;
  // refused when the database has an agency.
  Result<SetupResult> initialise(const Setup& setup);
  // One more agency of a multi-agency host, served at `host`, and its first admin (no demo data).
  Result<SetupResult> add_hosted_agency(const Setup& setup, const std::string& host);
  Result<std::int64_t> add_agency(const store::Actor& actor, const std::string& name,
                                  const std::optional<std::string>& host);

  // Agencies ---------------------------------------------------------------------------
  Result<Agency> agency(std::int64_t id);
  // What the agency publishes of itself, which the personal-data scan leaves alone: the e-mail
  // domain of its site's host ("www.namom.go.th": namom.go.th), and what the modules that keep
  // its contact details add (its phones, its address on a mail service).
  files::Allowed own_contacts(std::int64_t agency_id);
  void add_own_contacts(std::function<void(std::int64_t agency_id, files::Allowed&)> source) {
    own_contact_sources_.push_back(std::move(source));
  }
  std::int64_t agency_for_host(std::string_view host);
  // The same from the table of hosts already looked up, without reading the database: none
  // when `host` is not in it (or the table is out of date).
  std::optional<std::int64_t> known_agency_for_host(std::string_view host);
  std::vector<Agency> agencies();
  Result<Agency> agency_by_slug(std::string_view slug);
  // Moves a hosted agency to another host name (audited); the default agency has none.
  Result<void> set_agency_host(const store::Actor& by, std::int64_t agency_id, const std::string& host);
  Result<void> update_agency(const http::Principal& by, const std::string& name_th, const std::string& name_en);

  // Units ------------------------------------------------------------------------------
  std::vector<Unit> units(std::int64_t agency_id);
  // Whether `unit_id` is one of the agency's units still in use: what a form may assign to.
  bool is_active_unit(std::int64_t agency_id, std::int64_t unit_id);
  Result<std::int64_t> create_unit(const http::Principal& by, const std::string& name_th, const std::string& name_en);
  Result<void> update_unit(const http::Principal& by, std::int64_t unit_id, const std::string& name_th,
                           const std::string& name_en, bool active);

  // Users ------------------------------------------------------------------------------
  std::vector<User> users(std::int64_t agency_id);
  // Every agency of the installation (background jobs go through them).
  std::vector<std::int64_t> agency_ids();
  Result<User> user(std::int64_t agency_id, std::int64_t user_id);
  Result<User> user_by_email(std::int64_t agency_id, const std::string& email);
  // A user acting without a session (the CLI's demo, tests): the principal a login would give.
  Result<http::Principal> principal_of(std::int64_t agency_id, const std::string& email);
  Result<std::int64_t> create_user(const store::Actor& by, std::int64_t agency_id, const UserInput& in,
                                   const std::string& password);
  Result<void> update_user(const http::Principal& by, std::int64_t user_id, const UserInput& in);
  Result<void> reset_password(const store::Actor& by, std::int64_t agency_id, std::int64_t user_id,
                              const std::string& password);
  Result<void> change_own_password(const http::Principal& me, const std::string& current, const std::string& next);

  // Enrolment links: the account's holder sets their own password, so that the admin never
  // knows it (a corruption officer's must be their own: create_user and reset_password refuse
  // to choose one for them, but for the installer's demo). The token is shown once, to pass on;
  // the store keeps its SHA-256. A new link replaces the user's earlier one.
  // A new account with a link instead of a password.
  Result<std::pair<std::int64_t, Enrolment>> invite_user(const http::Principal& by, const UserInput& in);
  // The password made unusable (sessions ended, secrets under it lost) and a link to set one.
  Result<Enrolment> reset_by_link(const http::Principal& by, std::int64_t user_id);
  // Whose link this is: not_found alike for unknown, used, expired, or of an inactive account.
  Result<User> enrolment_user(std::int64_t agency_id, std::string_view token);
  // Sets the password (its holder's own), uses the link up, ends the account's sessions.
  Result<void> enrol(std::int64_t agency_id, std::string_view token, const std::string& password);
  // Whether the signed-in user's password is their own choice (their change, a link), not an
  // admin's or the installer's.
  bool password_is_own(const http::Principal& me);

  // Sessions ---------------------------------------------------------------------------
  // Checks the password (argon2id: call from a worker thread), throttles (Throttle), starts a
  // session. `address`: the client as limits count it (http::client_key); `device`: the device
  // cookie the browser sent, if any. The session carries the device cookie to set.
  Result<NewSession> login(std::int64_t agency_id, const std::string& email, const std::string& password,
                           const std::string& address, const std::string& client, std::string_view device = {});
  std::optional<http::Principal> resolve(std::string_view token, std::int64_t agency_id);
  // Deletes the sessions that can no longer be used (past their absolute or idle timeout),
  // agency by agency; the number deleted. A background job's, not every login's.
  std::int64_t sweep_sessions();
  void logout(std::string_view token);
  std::vector<SessionInfo> sessions(const http::Principal& me);
  Result<void> revoke_session(const http::Principal& me, std::int64_t session_id);

  // Two-step sign-in (TOTP, RFC 6238, core/totp.hpp). login() of an account that has it
  // starts a session that waits for the code (NewSession::second_factor) and resolves to nobody;
  // complete_login() takes a code from the app, or a recovery code (each works once), and
  // returns the token of the opened session (a new one). Five wrong codes end the attempt.
  Result<std::string> complete_login(std::int64_t agency_id, std::string_view token, std::string_view code);
  // The user's state, and a secret to set up (made once, kept until confirmed or replaced).
  Result<SecondFactor> second_factor(const http::Principal& me, std::string_view issuer);
  // A first code from the app turns it on (or moves it to a new phone): ten recovery codes,
  // shown once, replace any earlier ones.
  Result<std::vector<std::string>> confirm_second_factor(const http::Principal& me, std::string_view code);
  // An admin takes it off an account (the phone and the codes lost); its sessions end. The
  // user sets it up again at their next sign-in when their roles require it.
  Result<void> remove_second_factor(const http::Principal& by, std::int64_t user_id);
  // A demo agency does not require it; its admin may require it (never the reverse).
  bool second_factor_optional(std::int64_t agency_id);
  Result<void> require_second_factor(const http::Principal& by);

  // The signed-in user's own password, checked again (to unlock a sealed channel, say).
  Result<void> check_own_password(const http::Principal& me, const std::string& password);

  // Secrets kept under a user's password (a corruption officer's private key) follow it. The
  // hooks run inside the transaction of the change: `changed` by its holder (the old password
  // known); `reset` when it is replaced without the old one (an admin's reset, an enrolment
  // link): what only the old password opened cannot follow; `lost` when the corruption_officer
  // role is taken away or the user deactivated.
  struct PasswordHooks {
    std::function<Result<void>(store::WriteTx&, const http::Principal& me, const std::string& current,
                               const std::string& next)>
        changed;
    std::function<void(store::WriteTx&, std::int64_t agency_id, std::int64_t user_id)> reset;
    std::function<void(store::WriteTx&, std::int64_t agency_id, std::int64_t user_id)> lost;
  };
  void set_password_hooks(PasswordHooks hooks) { hooks_ = std::move(hooks); }

 private:
  // create_user with the password already hashed: the installer's demo users all share the
  // admin's generated password, hashed once (six fewer argon2id runs in every `init --demo`).
  Result<std::int64_t> insert_user(const store::Actor& by, std::int64_t agency_id, const UserInput& in,
                                   const std::string& hash);
  Result<SetupResult> set_up(const Setup& setup, const std::optional<std::string>& host);
  bool host_taken(const std::string& host);
  Result<void> check_password_rules(const std::string& password, const std::string& email) const;
  Result<void> check_user_input(std::int64_t agency_id, const UserInput& in);
  Result<void> verify_own_password(const http::Principal& me, const std::string& password, const char* field);

  store::Store& store_;
  store::RateLimiter& limiter_;
  const http::Limits& limits_;
  Throttle throttle_;
  std::mutex hosts_mutex_;
  std::unordered_map<std::string, std::int64_t> hosts_;  // host → agency id, filled as asked
  std::uint64_t hosts_generation_ = 0;                   // the store generation hosts_ is of
  std::int64_t default_agency_ = 0;
  std::vector<std::function<void(std::int64_t, files::Allowed&)>> own_contact_sources_;
  PasswordHooks hooks_;
};

}  // namespace prongsai::accounts
