// The rules of accounts: validation, the agency scope of every query, one transaction per
// change with its audit row, login with throttling and session rotation.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/codes.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"
#include "core/totp.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/accounts/queries.hpp"

namespace prongsai::accounts {
namespace {

using nlohmann::json;
using store::ReadTx;
using store::WriteTx;

constexpr std::size_t kMinPasswordLength = 10;
constexpr std::int64_t kTouchEverySeconds = 60;

const char* const kDemoUnits[] = {"สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"};

Agency agency_from(const store::Row& r) {
  return Agency{r.integer("id"),        r.text("slug"),     r.text("name_th"),
                r.text("name_en"),      r.opt_text("host"), r.integer("is_default") != 0,
                r.integer("created_at")};
}

Unit unit_from(const store::Row& r) {
  return Unit{r.integer("id"), r.integer("agency_id"), r.text("name_th"), r.text("name_en"), r.integer("active") != 0};
}

User user_from(ReadTx& tx, const store::Row& r) {
  User u{r.integer("id"),
         r.integer("agency_id"),
         r.text("email"),
         r.text("display_name"),
         r.text("position"),
         r.integer("active") != 0,
         {},
         {}};
  for (const auto& role : tx.query(q::kSelectRoles, {u.id})) {
    Role parsed;
    if (http::parse_role(role.text("role"), parsed)) u.roles.add(parsed);
  }
  for (const auto& unit : tx.query(q::kSelectUserUnits, {u.id})) u.unit_ids.push_back(unit.integer("unit_id"));
  return u;
}

json audit_view(const User& u) {
  json roles = json::array();
  for (Role r : u.roles.list()) roles.push_back(std::string(http::to_string(r)));
  return {{"email", u.email}, {"display_name", u.display_name}, {"position", u.position}, {"active", u.active},
          {"roles", roles},   {"unit_ids", u.unit_ids}};
}

json audit_view(const UserInput& in) {
  User u{0, 0, in.email, in.display_name, in.position, in.active, in.roles, in.unit_ids};
  return audit_view(u);
}

json audit_view(const Unit& u) { return {{"name_th", u.name_th}, {"name_en", u.name_en}, {"active", u.active}}; }

bool looks_like_email(const std::string& s) {
  auto at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() && s.find('@', at + 1) == std::string::npos &&
         s.find(' ') == std::string::npos && s.size() <= 254;
}

void write_roles_and_units(WriteTx& tx, std::int64_t agency_id, std::int64_t user_id, const UserInput& in) {
  json after = {{"roles", audit_view(in)["roles"]}, {"unit_ids", in.unit_ids}};
  tx.apply(store::Change{agency_id, "user_roles", std::to_string(user_id), "replace", nullptr, after}, q::kDeleteRoles,
           {agency_id, user_id});
  for (Role r : in.roles.list()) tx.also(q::kInsertRole, {agency_id, user_id, std::string(http::to_string(r))});
  tx.also(q::kDeleteUserUnits, {agency_id, user_id});
  for (std::int64_t unit : in.unit_ids) tx.also(q::kInsertUserUnit, {agency_id, unit, user_id});
}

// A hash to verify against when the e-mail is unknown, so that the answer takes as long as
// for a known one and does not tell which e-mails have accounts; also the password of an
// account waiting for its enrolment link (nobody knows what it hashes).
const std::string& dummy_hash() {
  static const std::string hash = crypto::hash_password(crypto::random_token(16));
  return hash;
}

}  // namespace

store::Actor actor_of(const http::Principal& p) { return store::Actor{p.user_id, p.email}; }

Result<void> admin_only(const http::Principal& by, std::string_view detail) {
  if (by.roles.has(http::Role::admin)) return ok();
  return fail(Error::make(ErrorKind::forbidden, "error.forbidden", std::string(detail)));
}

Service::Service(store::Store& store, store::RateLimiter& limiter, const http::Limits& limits, Throttle throttle)
    : store_(store), limiter_(limiter), limits_(limits), throttle_(throttle) {}

// ---- Installation ---------------------------------------------------------------------------

Result<std::int64_t> Service::add_agency(const store::Actor& actor, const std::string& raw_name,
                                         const std::optional<std::string>& host) {
  auto name = text::clean(raw_name);
  if (!name || name->empty()) return fail(Error::invalid_field("agency_name", "error.required"));
  return store_.write(actor, [&](WriteTx& tx) -> Result<std::int64_t> {
    bool first = tx.count(q::kCountAgencies) == 0;
    std::string slug = "agency-" + std::to_string(tx.count(q::kCountAgencies) + 1);
    auto rows =
        tx.apply(store::Change::create(0, "agency", {{"name_th", *name}, {"host", host ? json(*host) : json()}}),
                 q::kInsertAgency, {slug, *name, store::nullable(host), std::int64_t{first ? 1 : 0}, tx.now()});
    return rows.at(0).integer("id");
  });
}

Result<SetupResult> Service::initialise(const Setup& setup) {
  bool exists = store_.read([](ReadTx& tx) { return tx.count(q::kCountAgencies) > 0; });
  if (exists)
    return fail(Error::make(ErrorKind::conflict, "error.already_initialised", "the database already has an agency"));
  return set_up(setup, std::nullopt);
}

Result<SetupResult> Service::add_hosted_agency(const Setup& setup, const std::string& raw_host) {
  std::string host = text::ascii_lower(raw_host);
  if (!valid_host_name(host)) return fail(Error::invalid_field("host", "error.host_name"));
  bool exists = store_.read([](ReadTx& tx) { return tx.count(q::kCountAgencies) > 0; });
  if (!exists) return fail(Error::make(ErrorKind::conflict, "error.not_initialised", "no agency yet: run init first"));
  if (host_taken(host)) return fail(Error::make(ErrorKind::conflict, "error.host_taken", host));
  return set_up(setup, host);
}

// The agency, then its first admin (and with `demo` its units and a user per role). What is
// checked before the agency is made: the admin's e-mail and, for a hosted agency, its host.
Result<SetupResult> Service::set_up(const Setup& setup, const std::optional<std::string>& host) {
  UserInput admin{text::ascii_lower(setup.admin_email), setup.admin_name, "", {Role::admin}, {}, true};
  if (!looks_like_email(admin.email)) return fail(Error::invalid_field("email", "error.email"));
  auto agency = add_agency(store::Actor::cli(), setup.agency_name, host);
  if (!agency) return fail(agency.error());
  SetupResult out{*agency, crypto::random_password(16), {}};
  if (setup.demo) {
    admin.position = "นักวิเคราะห์นโยบายและแผน";
    // A demo is tried by people sharing one printed password: two-step sign-in is for real
    // agencies (its admin may still require it on /admin/agency).
    auto optional = store_.write(store::Actor::cli(), [&](WriteTx& tx) -> Result<void> {
      tx.apply(store::Change{*agency, "agency", std::to_string(*agency), "second_factor_optional", nullptr, nullptr},
               q::kSetSecondFactorOptional, {std::int64_t{1}, *agency});
      return ok();
    });
    if (!optional) return fail(optional.error());
  }
  std::vector<std::int64_t> unit_ids;
  if (setup.demo) {
    for (const char* name : kDemoUnits) {
      auto id = store_.write(store::Actor::cli(), [&](WriteTx& tx) -> Result<std::int64_t> {
        return tx
            .apply(store::Change::create(*agency, "unit", {{"name_th", name}}), q::kInsertUnit,
                   {*agency, std::string(name), std::string()})
            .at(0)
            .integer("id");
      });
      if (!id) return fail(id.error());
      unit_ids.push_back(*id);
    }
    admin.unit_ids = {unit_ids[0]};
    admin.roles.add(Role::staff);
  }
  if (auto id = create_user(store::Actor::cli(), *agency, admin, out.password); !id) return fail(id.error());
  if (setup.demo) {
    const std::string shared = crypto::hash_password(out.password);  // the demo users' one password
    const UserInput demo_users[] = {
        {"executive@example.org", "นายกองค์การบริหารส่วนตำบล (ตัวอย่าง)", "นายก อบต.", {Role::executive}, {}, true},
        {"staff@example.org", "เจ้าหน้าที่กองคลัง (ตัวอย่าง)", "นักวิชาการเงินและบัญชี", {Role::staff}, {unit_ids[1]}, true},
        {"works@example.org", "เจ้าหน้าที่กองช่าง (ตัวอย่าง)", "นายช่างไฟฟ้า", {Role::staff}, {unit_ids[2]}, true},
        {"complaints@example.org",
         "เจ้าหน้าที่รับเรื่องร้องเรียน (ตัวอย่าง)",
         "นิติกร",
         {Role::complaint_officer, Role::staff},
         {unit_ids[0]},
         true},
        {"integrity@example.org",
         "เจ้าหน้าที่รับเรื่องร้องเรียนการทุจริต (ตัวอย่าง)",
         "นิติกรชำนาญการ",
         {Role::corruption_officer, Role::staff},
         {unit_ids[0]},
         true},
        {"supplies@example.org",
         "เจ้าหน้าที่พัสดุ (ตัวอย่าง)",
         "เจ้าพนักงานพัสดุ",
         {Role::procurement, Role::staff},
         {unit_ids[1]},
         true},
    };
    for (const UserInput& u : demo_users) {
      if (auto id = insert_user(store::Actor::cli(), *agency, u, shared); !id) return fail(id.error());
      out.demo_users.push_back(u.email);
    }
  }
  return out;
}

// ---- Agencies ----------------------------------------------------------------------------

bool valid_host_name(std::string_view host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.back() == '.' ||
      host.find("..") != std::string_view::npos)
    return false;
  return std::all_of(host.begin(), host.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'; });
}

bool Service::host_taken(const std::string& host) {
  return store_.read([&](ReadTx& tx) { return tx.query_one(q::kSelectAgencyByHost, {host}).has_value(); });
}

std::vector<Agency> Service::agencies() {
  return store_.read([](ReadTx& tx) {
    std::vector<Agency> out;
    for (const auto& r : tx.query(q::kSelectAgencies)) out.push_back(agency_from(r));
    return out;
  });
}

Result<Agency> Service::agency_by_slug(std::string_view slug) {
  auto row = store_.read([&](ReadTx& tx) { return tx.query_one(q::kSelectAgencyBySlug, {std::string(slug)}); });
  if (!row) return fail(Error::not_found("agency"));
  return agency_from(*row);
}

Result<void> Service::set_agency_host(const store::Actor& by, std::int64_t agency_id, const std::string& raw_host) {
  std::string host = text::ascii_lower(raw_host);
  if (!valid_host_name(host)) return fail(Error::invalid_field("host", "error.host_name"));
  auto before = agency(agency_id);
  if (!before) return fail(before.error());
  if (before->is_default)  // it answers every host no other agency has; a host of its own changes nothing
    return fail(Error::make(ErrorKind::conflict, "error.default_agency_host", "the default agency has no host"));
  if (host_taken(host)) return fail(Error::make(ErrorKind::conflict, "error.host_taken", host));
  return store_.write(by, [&](WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(agency_id, "agency", agency_id,
                                   {{"host", before->host ? json(*before->host) : json()}}, {{"host", host}}),
             q::kUpdateAgencyHost, {host, agency_id});
    tx.changes_every_agency();  // which agency a Host names: every node's host table
    return ok();
  });
}

Result<Agency> Service::agency(std::int64_t id) {
  auto row = store_.read([&](ReadTx& tx) { return tx.query_one(q::kSelectAgency, {id}); });
  if (!row) return fail(Error::not_found("agency"));
  return agency_from(*row);
}

files::Allowed Service::own_contacts(std::int64_t agency_id) {
  files::Allowed out;
  for (const auto& source : own_contact_sources_) source(agency_id, out);
  auto a = agency(agency_id);
  if (!a || !a->host || a->host->empty()) return out;
  std::string domain = text::ascii_lower(*a->host);
  if (domain.starts_with("www.")) domain.erase(0, 4);
  out.email_domains.push_back(domain);
  return out;
}

std::int64_t Service::agency_for_host(std::string_view host) {
  std::string key = text::ascii_lower(host);
  // Valid until the next committed change of every agency on any node (an agency added, a host
  // moved: audited under the installation, or marked WriteTx::changes_every_agency).
  std::uint64_t generation = store_.generation(0);
  {
    std::lock_guard lock(hosts_mutex_);
    if (hosts_generation_ != generation) {
      hosts_.clear();
      hosts_generation_ = generation;
    }
    if (auto it = hosts_.find(key); it != hosts_.end()) return it->second;
  }
  std::int64_t id = store_.read([&](ReadTx& tx) -> std::int64_t {
    if (auto row = tx.query_one(q::kSelectAgencyByHost, {key})) return row->integer("id");
    auto row = tx.query_one(q::kSelectDefaultAgency);
    return row ? row->integer("id") : 0;
  });
  std::lock_guard lock(hosts_mutex_);
  if (id != 0 && hosts_generation_ == generation && hosts_.size() < 10000)
    hosts_[key] = id;  // bounded: Host is chosen by the client
  return id;
}

std::optional<std::int64_t> Service::known_agency_for_host(std::string_view host) {
  std::string key = text::ascii_lower(host);
  std::lock_guard lock(hosts_mutex_);
  if (hosts_generation_ != store_.generation(0)) return std::nullopt;
  auto it = hosts_.find(key);
  return it == hosts_.end() ? std::nullopt : std::optional<std::int64_t>(it->second);
}

Result<void> Service::update_agency(const http::Principal& by, const std::string& raw_th, const std::string& raw_en) {
  auto name_th = text::clean(raw_th);
  auto name_en = text::clean(raw_en);
  if (!name_th) return fail(name_th.error());
  if (!name_en) return fail(name_en.error());
  if (name_th->empty()) return fail(Error::invalid_field("name_th", "error.required"));
  auto before = agency(by.agency_id);
  if (!before) return fail(before.error());
  return store_.write(actor_of(by), [&](WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "agency", by.agency_id,
                                   {{"name_th", before->name_th}, {"name_en", before->name_en}},
                                   {{"name_th", *name_th}, {"name_en", *name_en}}),
             q::kUpdateAgencyNames, {*name_th, *name_en, by.agency_id});
    return ok();
  });
}

// ---- Units ------------------------------------------------------------------------------

std::vector<Unit> Service::units(std::int64_t agency_id) {
  return store_.read([&](ReadTx& tx) {
    std::vector<Unit> out;
    for (const auto& r : tx.query(q::kSelectUnits, {agency_id})) out.push_back(unit_from(r));
    return out;
  });
}

bool Service::is_active_unit(std::int64_t agency_id, std::int64_t unit_id) {
  auto all = units(agency_id);
  return std::any_of(all.begin(), all.end(), [&](const Unit& u) { return u.id == unit_id && u.active; });
}

Result<std::int64_t> Service::create_unit(const http::Principal& by, const std::string& raw_th,
                                          const std::string& raw_en) {
  auto name_th = text::clean(raw_th);
  auto name_en = text::clean(raw_en);
  if (!name_th) return fail(name_th.error());
  if (!name_en) return fail(name_en.error());
  if (name_th->empty()) return fail(Error::invalid_field("name_th", "error.required"));
  auto id = store_.write(actor_of(by), [&](WriteTx& tx) -> Result<std::int64_t> {
    Unit u{0, by.agency_id, *name_th, *name_en, true};
    return tx
        .apply(store::Change::create(by.agency_id, "unit", audit_view(u)), q::kInsertUnit,
               {by.agency_id, *name_th, *name_en})
        .at(0)
        .integer("id");
  });
  if (!id && id.error().kind == ErrorKind::conflict) return fail(Error::invalid_field("name_th", "error.unit_exists"));
  return id;
}

Result<void> Service::update_unit(const http::Principal& by, std::int64_t unit_id, const std::string& raw_th,
                                  const std::string& raw_en, bool active) {
  bool exists = store_.read([&](ReadTx& tx) {
    return tx.query_one(q::kSelectUnit, {by.agency_id, unit_id}).has_value();
  });
  if (!exists)
    return fail(Error::not_found("unit"));  // first: another agency's id is not found, whatever the form says
  auto name_th = text::clean(raw_th);
  auto name_en = text::clean(raw_en);
  if (!name_th) return fail(name_th.error());
  if (!name_en) return fail(name_en.error());
  if (name_th->empty()) return fail(Error::invalid_field("name_th", "error.required"));
  auto result = store_.write(actor_of(by), [&](WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kSelectUnit, {by.agency_id, unit_id});
    if (!row) return fail(Error::not_found("unit"));
    Unit before = unit_from(*row);
    Unit after{unit_id, by.agency_id, *name_th, *name_en, active};
    tx.apply(store::Change::update(by.agency_id, "unit", unit_id, audit_view(before), audit_view(after)),
             q::kUpdateUnit, {*name_th, *name_en, std::int64_t{active ? 1 : 0}, by.agency_id, unit_id});
    return ok();
  });
  if (!result && result.error().kind == ErrorKind::conflict)
    return fail(Error::invalid_field("name_th", "error.unit_exists"));
  return result;
}

// ---- Users ------------------------------------------------------------------------------

std::vector<User> Service::users(std::int64_t agency_id) {
  return store_.read([&](ReadTx& tx) {
    std::vector<User> out;
    for (const auto& r : tx.query(q::kSelectUsers, {agency_id})) out.push_back(user_from(tx, r));
    return out;
  });
}

std::vector<std::int64_t> Service::agency_ids() {
  return store_.read([&](ReadTx& tx) {
    std::vector<std::int64_t> out;
    for (const auto& r : tx.query(q::kSelectAgencyIds)) out.push_back(r.integer("id"));
    return out;
  });
}

Result<User> Service::user(std::int64_t agency_id, std::int64_t user_id) {
  auto u = store_.read([&](ReadTx& tx) -> std::optional<User> {
    auto row = tx.query_one(q::kSelectUser, {agency_id, user_id});
    if (!row) return std::nullopt;
    return user_from(tx, *row);
  });
  if (!u) return fail(Error::not_found("user"));
  return *u;
}

Result<http::Principal> Service::principal_of(std::int64_t agency_id, const std::string& email) {
  auto u = user_by_email(agency_id, email);
  if (!u) return fail(u.error());
  http::Principal p;
  p.user_id = u->id;
  p.agency_id = agency_id;
  p.email = u->email;
  p.display_name = u->display_name;
  p.roles = u->roles;
  return p;
}

Result<User> Service::user_by_email(std::int64_t agency_id, const std::string& email) {
  auto u = store_.read([&](ReadTx& tx) -> std::optional<User> {
    auto row = tx.query_one(q::kSelectUserByEmail, {agency_id, text::ascii_lower(email)});
    if (!row) return std::nullopt;
    return user_from(tx, *row);
  });
  if (!u) return fail(Error::not_found("user"));
  return *u;
}

Result<void> Service::check_password_rules(const std::string& password, const std::string& email) const {
  if (text::code_points(password) < kMinPasswordLength)
    return fail(Error::invalid_field("password", "error.password_short"));
  if (text::ascii_lower(password) == text::ascii_lower(email))
    return fail(Error::invalid_field("password", "error.password_is_email"));
  return ok();
}

Result<void> Service::check_user_input(std::int64_t agency_id, const UserInput& in) {
  if (!looks_like_email(in.email)) return fail(Error::invalid_field("email", "error.email"));
  if (in.display_name.empty()) return fail(Error::invalid_field("display_name", "error.required"));
  if (in.roles.empty()) return fail(Error::invalid_field("roles", "error.role_required"));
  // The admin manages accounts; holding the corruption channel's key too would let one person
  // both choose its readers and read it.
  if (in.roles.has(Role::admin) && in.roles.has(Role::corruption_officer))
    return fail(Error::invalid_field("roles", "error.admin_not_officer"));
  std::vector<Unit> known = units(agency_id);
  for (std::int64_t id : in.unit_ids) {
    bool found = std::any_of(known.begin(), known.end(), [&](const Unit& u) { return u.id == id; });
    if (!found) return fail(Error::invalid_field("units", "error.unknown_unit"));
  }
  return ok();
}

Result<std::int64_t> Service::create_user(const store::Actor& by, std::int64_t agency_id, const UserInput& in,
                                          const std::string& password) {
  if (auto r = check_user_input(agency_id, in); !r) return fail(r.error());
  // A corruption officer's password wraps their key: only the installer at the console (init
  // --demo) may choose one; an admin invites them (invite_user) to choose their own.
  if (in.roles.has(Role::corruption_officer) && by.user_id)
    return fail(Error::invalid_field("password", "error.officer_enrols"));
  if (auto r = check_password_rules(password, in.email); !r) return fail(r.error());
  return insert_user(by, agency_id, in, crypto::hash_password(password));
}

Result<std::int64_t> Service::insert_user(const store::Actor& by, std::int64_t agency_id, const UserInput& in,
                                          const std::string& hash) {
  if (auto r = check_user_input(agency_id, in); !r) return fail(r.error());
  auto id = store_.write(by, [&](WriteTx& tx) -> Result<std::int64_t> {
    auto rows =
        tx.apply(store::Change::create(agency_id, "user", audit_view(in)), q::kInsertUser,
                 {agency_id, in.email, in.display_name, in.position, hash, std::int64_t{in.active ? 1 : 0}, tx.now()});
    std::int64_t user_id = rows.at(0).integer("id");
    write_roles_and_units(tx, agency_id, user_id, in);
    return user_id;
  });
  if (!id && id.error().kind == ErrorKind::conflict) return fail(Error::invalid_field("email", "error.email_taken"));
  return id;
}

Result<void> Service::update_user(const http::Principal& by, std::int64_t user_id, const UserInput& in) {
  auto before = user(by.agency_id, user_id);  // first: another agency's id is not found, whatever the form says
  if (!before) return fail(before.error());
  if (auto r = check_user_input(by.agency_id, in); !r) return fail(r.error());
  auto result = store_.write(actor_of(by), [&](WriteTx& tx) -> Result<void> {
    bool loses_admin = before->roles.has(Role::admin) && (!in.roles.has(Role::admin) || !in.active);
    if (loses_admin && tx.count(q::kCountActiveAdmins, {by.agency_id, user_id}) == 0) {
      return fail(Error::invalid_field("roles", "error.last_admin"));
    }
    tx.apply(store::Change::update(by.agency_id, "user", user_id, audit_view(*before), audit_view(in)), q::kUpdateUser,
             {in.email, in.display_name, in.position, std::int64_t{in.active ? 1 : 0}, by.agency_id, user_id});
    write_roles_and_units(tx, by.agency_id, user_id, in);
    if (!in.active) tx.also(q::kDeleteUserSessions, {user_id});  // a disabled account is signed out everywhere
    bool loses_sealed =
        before->roles.has(Role::corruption_officer) && (!in.roles.has(Role::corruption_officer) || !in.active);
    if (loses_sealed && hooks_.lost) hooks_.lost(tx, by.agency_id, user_id);
    return ok();
  });
  if (!result && result.error().kind == ErrorKind::conflict)
    return fail(Error::invalid_field("email", "error.email_taken"));
  return result;
}

Result<void> Service::reset_password(const store::Actor& by, std::int64_t agency_id, std::int64_t user_id,
                                     const std::string& password) {
  auto target = user(agency_id, user_id);
  if (!target) return fail(target.error());
  if (target->roles.has(Role::corruption_officer))
    return fail(Error::invalid_field("password", "error.officer_enrols"));
  if (auto r = check_password_rules(password, target->email); !r) return fail(r.error());
  std::string hash = crypto::hash_password(password);
  return store_.write(by, [&](WriteTx& tx) -> Result<void> {
    tx.apply(store::Change{agency_id, "user", std::to_string(user_id), "reset_password", nullptr, nullptr},
             q::kUpdatePassword, {hash, std::int64_t{0}, agency_id, user_id});
    tx.also(q::kDeleteUserSessions, {user_id});
    if (hooks_.reset) hooks_.reset(tx, agency_id, user_id);
    return ok();
  });
}

// ---- Enrolment links -----------------------------------------------------------------------

namespace {
Result<Enrolment> new_enrolment(WriteTx& tx, std::int64_t agency_id, std::int64_t user_id,
                                std::optional<std::int64_t> by) {
  Enrolment e{crypto::random_token(32), tx.now() + kEnrolmentSeconds};
  tx.also(q::kDeleteUserEnrolments, {agency_id, user_id});
  tx.also(q::kInsertEnrolment, {crypto::sha256_hex(e.token), agency_id, user_id,
                                by ? store::Value(*by) : store::Value(nullptr), tx.now(), e.expires_at});
  return e;
}
}  // namespace

Result<std::pair<std::int64_t, Enrolment>> Service::invite_user(const http::Principal& by, const UserInput& in) {
  if (auto r = check_user_input(by.agency_id, in); !r) return fail(r.error());
  auto made = store_.write(actor_of(by), [&](WriteTx& tx) -> Result<std::pair<std::int64_t, Enrolment>> {
    auto rows = tx.apply(store::Change::create(by.agency_id, "user", audit_view(in)), q::kInsertUser,
                         {by.agency_id, in.email, in.display_name, in.position, dummy_hash(),
                          std::int64_t{in.active ? 1 : 0}, tx.now()});
    std::int64_t user_id = rows.at(0).integer("id");
    write_roles_and_units(tx, by.agency_id, user_id, in);
    tx.record(store::Change{by.agency_id, "user", std::to_string(user_id), "enrolment_link", nullptr, nullptr});
    auto e = new_enrolment(tx, by.agency_id, user_id, by.user_id);
    if (!e) return fail(e.error());
    return std::make_pair(user_id, std::move(*e));
  });
  if (!made && made.error().kind == ErrorKind::conflict)
    return fail(Error::invalid_field("email", "error.email_taken"));
  return made;
}

Result<Enrolment> Service::reset_by_link(const http::Principal& by, std::int64_t user_id) {
  auto target = user(by.agency_id, user_id);
  if (!target) return fail(target.error());
  return store_.write(actor_of(by), [&](WriteTx& tx) -> Result<Enrolment> {
    tx.apply(store::Change{by.agency_id, "user", std::to_string(user_id), "enrolment_link", nullptr, nullptr},
             q::kUpdatePassword, {dummy_hash(), std::int64_t{0}, by.agency_id, user_id});
    tx.also(q::kDeleteUserSessions, {user_id});
    if (hooks_.reset) hooks_.reset(tx, by.agency_id, user_id);
    return new_enrolment(tx, by.agency_id, user_id, by.user_id);
  });
}

Result<User> Service::enrolment_user(std::int64_t agency_id, std::string_view token) {
  auto row = store_.read([&](ReadTx& tx) {
    return tx.query_one(q::kSelectEnrolment, {crypto::sha256_hex(token), agency_id});
  });
  if (!row || row->integer("expires_at") <= store_.clock().now()) return fail(Error::not_found("enrolment"));
  auto u = user(agency_id, row->integer("user_id"));
  if (!u || !u->active) return fail(Error::not_found("enrolment"));
  return u;
}

Result<void> Service::enrol(std::int64_t agency_id, std::string_view token, const std::string& password) {
  auto u = enrolment_user(agency_id, token);
  if (!u) return fail(u.error());
  if (auto r = check_password_rules(password, u->email); !r) return fail(r.error());
  std::string hash = crypto::hash_password(password);
  return store_.write(store::Actor{u->id, u->email}, [&](WriteTx& tx) -> Result<void> {
    // Used once: the row goes in the same transaction that sets the password; a second use, or
    // one past its time, finds nothing.
    auto used = tx.apply(store::Change{agency_id, "user", std::to_string(u->id), "enrol", nullptr, nullptr},
                         q::kUseEnrolment, {crypto::sha256_hex(token), agency_id, tx.now()});
    if (used.empty() || used.at(0).integer("user_id") != u->id) return fail(Error::not_found("enrolment"));
    tx.also(q::kUpdatePassword, {hash, std::int64_t{1}, agency_id, u->id});
    tx.also(q::kDeleteUserEnrolments, {agency_id, u->id});
    tx.also(q::kDeleteUserSessions, {u->id});
    return ok();
  });
}

bool Service::password_is_own(const http::Principal& me) {
  auto row = store_.read([&](ReadTx& tx) { return tx.query_one(q::kSelectPasswordOwn, {me.agency_id, me.user_id}); });
  return row && row->integer("password_own") != 0;
}

// A signed-in user's own password, asked again (to change it, to unlock the sealed channel):
// a stolen session may guess it only throttle_.per_account times a window. Only that session's
// holder can reach this, so no outsider locks anyone out with it.
Result<void> Service::verify_own_password(const http::Principal& me, const std::string& password, const char* field) {
  std::string key = limiter_.key_for("own-password", std::to_string(me.user_id));
  if (limiter_.count(key, throttle_.window_seconds) >= throttle_.per_account)
    return fail(Error::make(ErrorKind::too_many_requests, "error.password_throttled", "own password throttled", field));
  auto stored = store_.read([&](ReadTx& tx) {
    return tx.query_one(q::kSelectPasswordHashById, {me.agency_id, me.user_id});
  });
  if (!stored || !crypto::verify_password(stored->text("password_hash"), password)) {
    limiter_.hit(key, throttle_.window_seconds);
    return fail(Error::invalid_field(field, "error.password_wrong"));
  }
  limiter_.reset(key);
  return ok();
}

Result<void> Service::check_own_password(const http::Principal& me, const std::string& password) {
  return verify_own_password(me, password, "password");
}

Result<void> Service::change_own_password(const http::Principal& me, const std::string& current,
                                          const std::string& next) {
  if (auto r = verify_own_password(me, current, "current_password"); !r) return r;
  if (auto r = check_password_rules(next, me.email); !r)
    return fail(Error::invalid_field("new_password", r.error().message_key));
  std::string hash = crypto::hash_password(next);
  return store_.write(actor_of(me), [&](WriteTx& tx) -> Result<void> {
    tx.apply(store::Change{me.agency_id, "user", std::to_string(me.user_id), "change_password", nullptr, nullptr},
             q::kUpdatePassword, {hash, std::int64_t{1}, me.agency_id, me.user_id});
    if (hooks_.changed) {
      if (auto r = hooks_.changed(tx, me, current, next); !r) return fail(r.error());
    }
    tx.also(q::kDeleteUserSessionsExcept, {me.user_id, me.session_id});  // other devices sign in again
    return ok();
  });
}

// ---- Two-step sign-in --------------------------------------------------------------------

bool requires_second_factor(const RoleSet& roles) {
  return roles.has(Role::admin) || roles.has(Role::corruption_officer);
}

namespace {
// Recovery codes: 16 characters of Crockford's base32 (80 bits), shown as four groups of four.
std::string new_recovery_code() { return codes::random(16, 4); }
// What the store keeps of a typed recovery code (core/codes.hpp forgives the typing).
std::string recovery_hash(std::string_view typed) {
  return crypto::sha256_hex("prongsai second factor recovery v1:" + codes::normalise(typed, 16).value_or(""));
}
}  // namespace

Result<SecondFactor> Service::second_factor(const http::Principal& me, std::string_view issuer) {
  SecondFactor out;
  auto found = store_.write(actor_of(me), [&](WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kSelectTotp, {me.agency_id, me.user_id});
    if (!row) return fail(Error::not_found("user"));
    out.enabled = !row->is_null("totp_secret");
    out.recovery_codes_left = tx.count(q::kCountRecoveryCodes, {me.user_id});
    // The secret being set up, made once and kept until a code confirms it: reloading the page
    // shows the same QR code.
    std::string pending = row->text("totp_pending");
    if (pending.size() != totp::kSecretBytes) {
      pending = totp::new_secret();
      tx.apply(store::Change{me.agency_id, "user", std::to_string(me.user_id), "second_factor_setup", nullptr, nullptr},
               q::kSetTotpPending, {store::Blob{pending}, me.agency_id, me.user_id});
    }
    out.secret_base32 = totp::base32(pending);
    out.uri = totp::provisioning_uri(pending, issuer, me.email);
    return ok();
  });
  if (!found) return fail(found.error());
  return out;
}

Result<std::vector<std::string>> Service::confirm_second_factor(const http::Principal& me, std::string_view code) {
  std::string key = limiter_.key_for("second-factor-setup", std::to_string(me.user_id));
  if (limiter_.count(key, throttle_.window_seconds) >= throttle_.per_account)
    return fail(Error::make(ErrorKind::too_many_requests, "error.password_throttled", "setup throttled", "code"));
  std::vector<std::string> codes;
  for (int i = 0; i < 10; ++i) codes.push_back(new_recovery_code());
  auto r = store_.write(actor_of(me), [&](WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kSelectTotp, {me.agency_id, me.user_id});
    if (!row || row->is_null("totp_pending")) return fail(Error::invalid_field("code", "error.second_factor_wrong"));
    auto step = totp::verify(row->text("totp_pending"), code, tx.now(), 0);
    if (!step) return fail(Error::invalid_field("code", "error.second_factor_wrong"));
    tx.apply(store::Change{me.agency_id, "user", std::to_string(me.user_id), "second_factor_on", nullptr, nullptr},
             q::kConfirmTotp, {*step, me.agency_id, me.user_id});
    tx.also(q::kDeleteRecoveryCodes, {me.agency_id, me.user_id});
    for (const auto& c : codes) tx.also(q::kInsertRecoveryCode, {me.agency_id, me.user_id, recovery_hash(c)});
    return ok();
  });
  if (!r) {
    if (r.error().kind == ErrorKind::invalid) limiter_.hit(key, throttle_.window_seconds);
    return fail(r.error());
  }
  limiter_.reset(key);
  return codes;
}

Result<void> Service::remove_second_factor(const http::Principal& by, std::int64_t user_id) {
  auto target = user(by.agency_id, user_id);
  if (!target) return fail(target.error());
  return store_.write(actor_of(by), [&](WriteTx& tx) -> Result<void> {
    tx.apply(store::Change{by.agency_id, "user", std::to_string(user_id), "second_factor_removed", nullptr, nullptr},
             q::kRemoveTotp, {by.agency_id, user_id});
    tx.also(q::kDeleteRecoveryCodes, {by.agency_id, user_id});
    tx.also(q::kDeleteUserSessions, {user_id});
    return ok();
  });
}

Result<std::string> Service::complete_login(std::int64_t agency_id, std::string_view token, std::string_view code) {
  std::string hash = crypto::sha256_hex(token);
  auto row = store_.read([&](ReadTx& tx) {
    return tx.query_one(q::kSelectPendingSession, {hash, agency_id, store_.clock().now()});
  });
  if (!row) return fail(Error::make(ErrorKind::unauthenticated, "error.second_factor_expired", "no pending sign-in"));
  // Only the holder of the password reaches this; five wrong codes end the attempt, and the
  // password is asked again.
  std::string key = limiter_.key_for("second-factor", hash);
  if (limiter_.count(key, throttle_.window_seconds) >= throttle_.per_account) {
    store_.bookkeeping([&](store::BookkeepingTx& tx) { return tx.exec(q::kDeleteSessionByHash, {hash}); });
    return fail(Error::make(ErrorKind::unauthenticated, "error.second_factor_expired", "too many wrong codes"));
  }
  std::int64_t user_id = row->integer("user_id");
  std::string fresh = crypto::random_token(32);
  auto r = store_.write(store::Actor{user_id, row->text("email")}, [&](WriteTx& tx) -> Result<void> {
    if (auto step = totp::verify(row->text("totp_secret"), code, tx.now(), row->integer("totp_step"))) {
      // A code is good once, on every node: the step moves forward in the same transaction.
      auto moved = tx.apply(
          store::Change{agency_id, "user", std::to_string(user_id), "login", nullptr, {{"second_factor", "totp"}}},
          q::kUseTotpStep, {*step, user_id, *step});
      if (moved.empty()) return fail(Error::invalid_field("code", "error.second_factor_wrong"));
    } else {
      auto used = tx.apply(
          store::Change{
              agency_id, "user", std::to_string(user_id), "login", nullptr, {{"second_factor", "recovery_code"}}},
          q::kUseRecoveryCode, {user_id, recovery_hash(code)});
      if (used.empty()) return fail(Error::invalid_field("code", "error.second_factor_wrong"));
    }
    std::int64_t now = tx.now();
    // A new token for the opened session: the one that waited is never a signed-in one.
    auto opened = tx.also(q::kVerifySession,
                          {crypto::sha256_hex(fresh), now + limits_.session_absolute.count(), now, row->integer("id")});
    if (opened.empty()) return fail(Error::make(ErrorKind::unauthenticated, "error.second_factor_expired", "gone"));
    return ok();
  });
  if (!r) {
    if (r.error().kind == ErrorKind::invalid) limiter_.hit(key, throttle_.window_seconds);
    return fail(r.error());
  }
  limiter_.reset(key);
  return fresh;
}

Result<void> Service::require_second_factor(const http::Principal& by) {
  return store_.write(actor_of(by), [&](WriteTx& tx) -> Result<void> {
    tx.apply(
        store::Change{by.agency_id, "agency", std::to_string(by.agency_id), "second_factor_required", nullptr, nullptr},
        q::kSetSecondFactorOptional, {std::int64_t{0}, by.agency_id});
    return ok();
  });
}

bool Service::second_factor_optional(std::int64_t agency_id) {
  auto row = store_.read([&](ReadTx& tx) { return tx.query_one(q::kSelectSecondFactorOptional, {agency_id}); });
  return row && row->integer("second_factor_optional") != 0;
}

// ---- Sessions ---------------------------------------------------------------------------

namespace {
// A device cookie: a random nonce and a MAC of it with the account (the limiter's HMAC, under a
// key only the database holds). It proves nothing but "this browser signed in to this account
// before"; the password is still asked.
std::string device_mac(store::RateLimiter& limiter, std::int64_t agency_id, std::string_view email,
                       std::string_view nonce) {
  return limiter.key_for("device", std::to_string(agency_id) + "\n" + std::string(email) + "\n" + std::string(nonce));
}
}  // namespace

Result<NewSession> Service::login(std::int64_t agency_id, const std::string& raw_email, const std::string& password,
                                  const std::string& address, const std::string& client, std::string_view device) {
  std::string email = text::ascii_lower(text::trim(raw_email));
  std::string account = std::to_string(agency_id) + ":" + email;
  std::optional<std::string> known;  // the device's nonce, when its cookie is this account's
  if (auto dot = device.find('.');
      dot != std::string_view::npos && dot == 43 && device.size() < 200 &&
      crypto::equal(device.substr(dot + 1), device_mac(limiter_, agency_id, email, device.substr(0, dot))))
    known = std::string(device.substr(0, dot));
  // What a wrong password counts against: the known device alone; else the pair of account and
  // client, the client, and the account's tries from unknown devices.
  std::vector<std::pair<std::string, std::int64_t>> counters;  // key, free tries
  if (known) {
    counters.emplace_back(limiter_.key_for("login-device", *known), throttle_.per_account);
  } else {
    counters.emplace_back(limiter_.key_for("login-pair", account + "\n" + address), throttle_.per_account);
    counters.emplace_back(limiter_.key_for("login-address", address), throttle_.per_address);
    counters.emplace_back(limiter_.key_for("login-account", account), throttle_.per_account_unknown);
  }
  std::int64_t wait = 0;
  for (const auto& [key, free] : counters)
    wait = std::max(wait, limiter_.wait(key, throttle_.window_seconds, free, throttle_.first_delay_seconds));
  if (wait > 0) return fail(Error::wait("error.login_throttled", wait, "login throttled"));
  auto row = store_.read([&](ReadTx& tx) { return tx.query_one(q::kSelectPasswordHash, {agency_id, email}); });
  bool verified = crypto::verify_password(row ? row->text("password_hash") : dummy_hash(), password);
  if (!row || !verified || row->integer("active") == 0) {
    bool reached = false;
    for (const auto& [key, free] : counters) reached |= limiter_.hit(key, throttle_.window_seconds) == free;
    if (row && reached) {
      store_.write(store::Actor::system(), [&](WriteTx& tx) -> Result<void> {
        tx.record(store::Change{
            agency_id, "user", row->text("id"), "login_throttled", nullptr, {{"known_device", known.has_value()}}});
        return ok();
      });
    }
    return fail(Error::make(ErrorKind::unauthenticated, "error.login_failed", "login failed"));
  }
  limiter_.reset(counters.front().first);  // the device's, or this client's, slate is clean
  std::int64_t user_id = row->integer("id");
  std::string nonce = known.value_or(crypto::random_token(32));
  NewSession session{crypto::random_token(32), user_id, nonce + "." + device_mac(limiter_, agency_id, email, nonce)};
  // With two-step sign-in the session waits for the code a few minutes and opens nothing.
  session.second_factor = row->integer("has_totp") != 0;
  auto created = store_.write(store::Actor{user_id, email}, [&](WriteTx& tx) -> Result<void> {
    std::int64_t now = tx.now();
    tx.record(store::Change{agency_id, "user", std::to_string(user_id),
                            session.second_factor ? "password_checked" : "login", nullptr, nullptr});
    tx.also(q::kInsertSession, {crypto::sha256_hex(session.token), agency_id, user_id, now, now,
                                now + (session.second_factor ? kSecondFactorSeconds : limits_.session_absolute.count()),
                                client.substr(0, 120), std::int64_t{session.second_factor ? 0 : 1}});
    return ok();
  });
  if (!created) return fail(created.error());
  return session;
}

std::optional<http::Principal> Service::resolve(std::string_view token, std::int64_t agency_id) {
  if (token.size() != 43) return std::nullopt;
  std::string hash = crypto::sha256_hex(token);
  std::int64_t now = store_.clock().now();
  auto found = store_.read([&](ReadTx& tx) -> std::optional<std::pair<http::Principal, std::int64_t>> {
    auto row = tx.query_one(q::kSelectSession, {hash, agency_id});
    if (!row) return std::nullopt;
    bool live = row->integer("active") != 0 && row->integer("expires_at") > now &&
                row->integer("last_seen_at") + limits_.session_idle.count() > now && row->integer("verified") != 0;
    if (!live) return std::nullopt;
    http::Principal p;
    p.session_id = row->integer("id");
    p.user_id = row->integer("user_id");
    p.agency_id = agency_id;
    p.email = row->text("email");
    p.display_name = row->text("display_name");
    for (const auto& role : tx.query(q::kSelectRoles, {p.user_id})) {
      Role r;
      if (http::parse_role(role.text("role"), r)) p.roles.add(r);
    }
    // Roles that require two-step sign-in wait for it: until it is set up, the session holds
    // none (deny by default) and the pages lead to /account/second-factor.
    if (requires_second_factor(p.roles) && row->integer("has_totp") == 0 &&
        row->integer("second_factor_optional") == 0) {
      p.roles = {};
      p.second_factor_missing = true;
    }
    return std::make_pair(p, row->integer("last_seen_at"));
  });
  if (!found) return std::nullopt;
  if (now - found->second >= kTouchEverySeconds) {
    store_.bookkeeping([&](store::BookkeepingTx& tx) {
      return tx.exec(q::kTouchSession, {now, found->first.session_id});
    });
  }
  return found->first;
}

std::int64_t Service::sweep_sessions() {
  std::int64_t now = store_.clock().now(), swept = 0;
  for (std::int64_t agency : agency_ids()) {
    swept += store_.bookkeeping([&](store::BookkeepingTx& tx) {
      return static_cast<std::int64_t>(
          tx.exec(q::kDeleteExpiredSessions, {agency, now, now - limits_.session_idle.count()}).size());
    });
  }
  return swept;
}

void Service::logout(std::string_view token) {
  std::string hash = crypto::sha256_hex(token);
  store_.bookkeeping([&](store::BookkeepingTx& tx) { return tx.exec(q::kDeleteSessionByHash, {hash}); });
}

std::vector<SessionInfo> Service::sessions(const http::Principal& me) {
  return store_.read([&](ReadTx& tx) {
    std::vector<SessionInfo> out;
    for (const auto& r : tx.query(q::kSelectUserSessions, {me.user_id})) {
      out.push_back(SessionInfo{r.integer("id"), r.integer("created_at"), r.integer("last_seen_at"), r.text("client"),
                                r.integer("id") == me.session_id});
    }
    return out;
  });
}

Result<void> Service::revoke_session(const http::Principal& me, std::int64_t session_id) {
  auto rows = store_.bookkeeping([&](store::BookkeepingTx& tx) {
    return tx.exec(q::kDeleteOwnSession, {session_id, me.user_id});
  });
  if (rows.empty()) return fail(Error::not_found("session"));
  return ok();
}

}  // namespace prongsai::accounts
