// Login, throttling, sessions (idle expiry, rotation, revocation) and the rules on users.
#include "modules/accounts/accounts.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/totp.hpp"
#include "testing/testing.hpp"

namespace prongsai::accounts {
namespace {

struct AccountsTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  Service& svc() { return f->app->get<accounts::Service>(); }
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(AccountsTest, LoginStartsASessionThatResolvesToThePrincipal) {
  auto s = svc().login(f->agency_id, "Admin@Example.org", f->password, "10.0.0.1", "test browser");
  ASSERT_TRUE(s);
  auto p = svc().resolve(s->token, f->agency_id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->email, "admin@example.org");
  EXPECT_TRUE(p->roles.has(http::Role::admin));
  EXPECT_FALSE(svc().resolve(s->token, f->agency_id + 1));  // not valid for another agency
  svc().logout(s->token);
  EXPECT_FALSE(svc().resolve(s->token, f->agency_id));
}

TEST_F(AccountsTest, TheSessionTokenIsNotStored) {
  auto s = svc().login(f->agency_id, "admin@example.org", f->password, "10.0.0.1", "");
  ASSERT_TRUE(s);
  auto stored = f->app->store().read([](store::ReadTx& tx) { return tx.query("SELECT token_hash FROM sessions"); });
  for (const auto& r : stored) EXPECT_NE(r.text("token_hash"), s->token);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownUserFailAlike) {
  auto wrong = svc().login(f->agency_id, "admin@example.org", "wrong password!", "10.0.0.1", "");
  auto unknown = svc().login(f->agency_id, "nobody@example.org", "wrong password!", "10.0.0.1", "");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().message_key, unknown.error().message_key);
  EXPECT_EQ(wrong.error().kind, ErrorKind::unauthenticated);
}

// Wrong passwords never lock: after five, each try waits for the last one, twice as long each
// time (30 s, 1 min, 2 min, ...), and the page says how long.
TEST_F(AccountsTest, RepeatedFailuresMakeTheClientThatMadeThemWaitLongerEachTime) {
  for (int i = 0; i < 5; ++i)
    EXPECT_FALSE(svc().login(f->agency_id, "staff@example.org", "wrong password!", "10.0.0.2", ""));
  auto stopped = svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.2", "");
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().kind, ErrorKind::too_many_requests);
  EXPECT_EQ(stopped.error().retry_after, 30);
  EXPECT_TRUE(svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.3", "")) << "another client";
  f->clock->advance(30);
  EXPECT_EQ(svc().login(f->agency_id, "staff@example.org", "wrong again", "10.0.0.2", "").error().kind,
            ErrorKind::unauthenticated)
      << "tried, after the wait";
  EXPECT_EQ(svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.2", "").error().retry_after, 60);
  f->clock->advance(59);
  EXPECT_EQ(svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.2", "").error().retry_after, 1)
      << "a refused try does not add to the wait";
  f->clock->advance(1);
  EXPECT_FALSE(svc().login(f->agency_id, "staff@example.org", "wrong again", "10.0.0.2", ""));
  EXPECT_EQ(svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.2", "").error().retry_after, 120);
  f->clock->advance(120);
  EXPECT_TRUE(svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.2", ""))
      << "the right password, once the wait is over";
  EXPECT_TRUE(svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.2", "")) << "a clean slate";
}

// An outsider trying an account from many addresses stops only browsers the account has not
// signed in from; the owner's own browser (its device cookie) still gets in, and a cookie is
// worth nothing for another account or when forged.
TEST_F(AccountsTest, NoOutsiderKeepsTheOwnerOut) {
  auto first = svc().login(f->agency_id, "admin@example.org", f->password, "10.0.0.1", "");
  ASSERT_TRUE(first);
  const std::string device = first->device;
  ASSERT_EQ(device.size(), 43u + 1 + 47);  // nonce "." "device:" + 40 hex
  for (int i = 0; i < 60; ++i)
    svc().login(f->agency_id, "admin@example.org", "wrong password!", "192.0.2." + std::to_string(i), "");
  auto unknown = svc().login(f->agency_id, "admin@example.org", f->password, "198.51.100.1", "");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().kind, ErrorKind::too_many_requests) << "an unseen browser waits";
  auto owner = svc().login(f->agency_id, "admin@example.org", f->password, "10.0.0.1", "", device);
  ASSERT_TRUE(owner) << "the owner's browser, even from the attacker's own address range";
  EXPECT_EQ(owner->device, device);
  auto from_attacker = svc().login(f->agency_id, "admin@example.org", f->password, "192.0.2.7", "", device);
  EXPECT_TRUE(from_attacker) << "the device, not the address, is what is known";

  EXPECT_FALSE(svc().login(f->agency_id, "admin@example.org", f->password, "198.51.100.1", "",
                           device.substr(0, 44) + std::string(47, 'a')))
      << "a forged cookie is an unknown device";
  auto staff = svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.9", "", device);
  ASSERT_TRUE(staff);
  EXPECT_NE(staff->device, device) << "another account's device cookie is not this one's";
  // A known device guessing is stopped after its own five.
  for (int i = 0; i < 5; ++i) svc().login(f->agency_id, "admin@example.org", "wrong password!", "10.0.0.1", "", device);
  EXPECT_EQ(svc().login(f->agency_id, "admin@example.org", f->password, "10.0.0.1", "", device).error().kind,
            ErrorKind::too_many_requests);
}

// Asked again for one's own password (to change it, to unlock the sealed channel): a stolen
// session guesses five times a window, then not even the right password is tried.
TEST_F(AccountsTest, GuessingOnesOwnPasswordIsThrottled) {
  auto s = svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.1", "");
  auto me = *svc().resolve(s->token, f->agency_id);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(svc().check_own_password(me, "guess " + std::to_string(i)).error().message_key, "error.password_wrong");
  auto refused = svc().change_own_password(me, f->password, "a new long passphrase 2570");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::too_many_requests);
  EXPECT_EQ(svc().check_own_password(me, f->password).error().kind, ErrorKind::too_many_requests);
  f->clock->advance(15 * 60 + 1);
  EXPECT_TRUE(svc().check_own_password(me, f->password));
  // Another user is not held back by it.
  auto other = svc().login(f->agency_id, "admin@example.org", f->password, "10.0.0.1", "");
  EXPECT_TRUE(svc().check_own_password(*svc().resolve(other->token, f->agency_id), f->password));
}

TEST_F(AccountsTest, OneAddressIsThrottledAcrossAccounts) {
  for (int i = 0; i < 20; ++i)
    svc().login(f->agency_id, "user" + std::to_string(i) + "@example.org", "wrong password!", "10.9.9.9", "");
  auto r = svc().login(f->agency_id, "admin@example.org", f->password, "10.9.9.9", "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::too_many_requests);
  EXPECT_TRUE(svc().login(f->agency_id, "admin@example.org", f->password, "10.1.1.1", ""));
}

TEST_F(AccountsTest, SessionsExpireWhenIdle) {
  auto s = svc().login(f->agency_id, "admin@example.org", f->password, "10.0.0.1", "");
  ASSERT_TRUE(s);
  f->clock->advance(3600);
  EXPECT_TRUE(svc().resolve(s->token, f->agency_id));  // touched: idle time starts again
  f->clock->advance(2 * 3600 + 1);
  EXPECT_FALSE(svc().resolve(s->token, f->agency_id));
}

TEST_F(AccountsTest, UsersSeeAndRevokeOnlyTheirOwnSessions) {
  auto a = svc().login(f->agency_id, "admin@example.org", f->password, "10.0.0.1", "browser A");
  auto b = svc().login(f->agency_id, "admin@example.org", f->password, "10.0.0.1", "browser B");
  auto other = svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.1", "");
  auto me = *svc().resolve(a->token, f->agency_id);
  auto mine = svc().sessions(me);
  ASSERT_EQ(mine.size(), 2u);
  auto them = *svc().resolve(other->token, f->agency_id);
  EXPECT_FALSE(svc().revoke_session(me, them.session_id));
  auto b_id = svc().resolve(b->token, f->agency_id)->session_id;
  EXPECT_TRUE(svc().revoke_session(me, b_id));
  EXPECT_FALSE(svc().resolve(b->token, f->agency_id));
  EXPECT_TRUE(svc().resolve(a->token, f->agency_id));
}

TEST_F(AccountsTest, DisablingAUserEndsTheirSessions) {
  auto s = svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.1", "");
  auto admin = f->principal("admin@example.org");
  auto staff = *svc().user_by_email(f->agency_id, "staff@example.org");
  ASSERT_TRUE(
      svc().update_user(admin, staff.id, {staff.email, staff.display_name, "", staff.roles, staff.unit_ids, false}));
  EXPECT_FALSE(svc().resolve(s->token, f->agency_id));
  EXPECT_FALSE(svc().login(f->agency_id, "staff@example.org", f->password, "10.0.0.1", ""));
}

TEST_F(AccountsTest, TheLastAdminCannotBeRemoved) {
  auto admin = f->principal("admin@example.org");
  auto r = svc().update_user(admin, admin.user_id, {"admin@example.org", "ผู้ดูแล", "", {http::Role::staff}, {}, true});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.last_admin");
}

TEST_F(AccountsTest, UserInputIsValidated) {
  auto admin = f->principal("admin@example.org");
  auto create = [&](UserInput in, std::string pw) {
    return svc().create_user(accounts::actor_of(admin), f->agency_id, in, pw);
  };
  EXPECT_EQ(create({"not-an-email", "ก", "", {http::Role::staff}, {}, true}, "long enough pw").error().field, "email");
  EXPECT_EQ(create({"a@example.org", "", "", {http::Role::staff}, {}, true}, "long enough pw").error().field,
            "display_name");
  EXPECT_EQ(create({"a@example.org", "ก", "", {}, {}, true}, "long enough pw").error().field, "roles");
  EXPECT_EQ(create({"a@example.org", "ก", "", {http::Role::staff}, {999}, true}, "long enough pw").error().field,
            "units");
  EXPECT_EQ(create({"a@example.org", "ก", "", {http::Role::staff}, {}, true}, "short").error().field, "password");
  EXPECT_EQ(create({"staff@example.org", "ก", "", {http::Role::staff}, {}, true}, "long enough pw").error().message_key,
            "error.email_taken");
  EXPECT_TRUE(create({"new@example.org", "ใหม่", "", {http::Role::staff}, {}, true}, "long enough pw"));
}

TEST_F(AccountsTest, ChangesAreAudited) {
  auto admin = f->principal("admin@example.org");
  auto before = f->app->store().read(
      [](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'unit'"); });
  ASSERT_TRUE(svc().create_unit(admin, "กองสาธารณสุข", "Public health"));
  auto after = f->app->store().read(
      [](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'unit'"); });
  EXPECT_EQ(after, before + 1);
  auto hashes = f->app->store().read(
      [](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%argon2%'"); });
  EXPECT_EQ(hashes, 0);  // no password hash ever reaches the log
}

TEST_F(AccountsTest, AHostedAgencyAnswersAtItsHostWithItsOwnAdminAndMovesHostAtOnce) {
  // Asked before the agency exists, the host is the default agency's (and is cached so).
  EXPECT_EQ(svc().agency_for_host("www.banmai.go.th"), f->agency_id);
  accounts::Setup setup{"เทศบาลตำบลบ้านใหม่", "Admin@BanMai.go.th"};
  auto added = svc().add_hosted_agency(setup, "WWW.BanMai.go.th");
  ASSERT_TRUE(added) << added.error().detail;
  EXPECT_EQ(svc().agency_for_host("www.banmai.go.th"), added->agency_id);  // the cache did not keep the old answer
  EXPECT_EQ(svc().agency_for_host("www.example.org"), f->agency_id);
  auto agency = svc().agency(added->agency_id);
  ASSERT_TRUE(agency);
  EXPECT_EQ(agency->host, "www.banmai.go.th");
  EXPECT_FALSE(agency->is_default);
  EXPECT_EQ(svc().agency_by_slug(agency->slug)->id, added->agency_id);
  EXPECT_EQ(svc().agencies().size(), 2u);
  // Its admin signs in there, and only there.
  EXPECT_TRUE(svc().login(added->agency_id, "admin@banmai.go.th", added->password, "10.0.0.1", ""));
  EXPECT_FALSE(svc().login(f->agency_id, "admin@banmai.go.th", added->password, "10.0.0.2", ""));

  // Refused, and nothing made: a host taken, a host that is not a host name, a bad e-mail.
  auto count = [&] { return svc().agencies().size(); };
  EXPECT_EQ(svc().add_hosted_agency(setup, "www.banmai.go.th").error().message_key, "error.host_taken");
  EXPECT_EQ(svc().add_hosted_agency(setup, "ban mai.go.th").error().message_key, "error.host_name");
  EXPECT_EQ(svc().add_hosted_agency(setup, "xn--.go.th/").error().message_key, "error.host_name");
  EXPECT_EQ(svc().add_hosted_agency(accounts::Setup{"อบต.หนึ่ง", "not-an-email"}, "one.go.th").error().message_key,
            "error.email");
  EXPECT_EQ(count(), 2u);

  // Moved: the new host answers at once, the old one falls back to the default agency.
  ASSERT_TRUE(svc().set_agency_host(store::Actor::cli(), added->agency_id, "banmai.go.th"));
  EXPECT_EQ(svc().agency_for_host("banmai.go.th"), added->agency_id);
  EXPECT_EQ(svc().agency_for_host("www.banmai.go.th"), f->agency_id);
  EXPECT_EQ(svc().set_agency_host(store::Actor::cli(), f->agency_id, "x.go.th").error().message_key,
            "error.default_agency_host");
  auto moves = f->app->store().read([](store::ReadTx& tx) {
    return tx.count(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'agency' AND action = 'update' AND after_json "
        "LIKE '%banmai.go.th%'");
  });
  EXPECT_EQ(moves, 1);
}

TEST(HostNames, AreLowerCaseLettersDigitsDashesAndDots) {
  EXPECT_TRUE(valid_host_name("www.namom.go.th"));
  EXPECT_TRUE(valid_host_name("127.0.0.1"));
  EXPECT_TRUE(valid_host_name("localhost"));
  EXPECT_FALSE(valid_host_name(""));
  EXPECT_FALSE(valid_host_name("WWW.namom.go.th"));  // lower-cased before it is checked
  EXPECT_FALSE(valid_host_name(".namom.go.th"));
  EXPECT_FALSE(valid_host_name("namom..go.th"));
  EXPECT_FALSE(valid_host_name("namom.go.th:8080"));
  EXPECT_FALSE(valid_host_name("นาหม่อม.go.th"));
}

// A link lets the holder choose a password nobody else knows: once, within seven days, the
// newest link only; the admin's own choice of password is marked as not the holder's.
TEST_F(AccountsTest, AnEnrolmentLinkSetsTheHoldersOwnPasswordOnce) {
  http::Principal admin = f->principal("admin@example.org");
  UserInput in{"new.clerk@example.org", "เสมียนใหม่", "", {http::Role::staff}, {}, true};
  auto made = svc().invite_user(admin, in);
  ASSERT_TRUE(made);
  EXPECT_EQ(svc().enrolment_user(f->agency_id, made->second.token)->email, "new.clerk@example.org");
  EXPECT_FALSE(svc().enrolment_user(f->agency_id + 1, made->second.token)) << "another agency's link is unknown";
  EXPECT_FALSE(svc().enrolment_user(f->agency_id, "not-a-token"));
  auto stored = f->app->store().read([](store::ReadTx& tx) { return tx.query("SELECT token_hash FROM enrolments"); });
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_NE(stored[0].text("token_hash"), made->second.token) << "only the token's hash is kept";

  // A newer link replaces it; the password rules hold; a link works once.
  auto again = svc().reset_by_link(admin, made->first);
  ASSERT_TRUE(again);
  EXPECT_FALSE(svc().enrol(f->agency_id, made->second.token, "a-good-passphrase-1"));
  EXPECT_EQ(svc().enrol(f->agency_id, again->token, "short").error().message_key, "error.password_short");
  ASSERT_TRUE(svc().enrol(f->agency_id, again->token, "a-good-passphrase-1"));
  EXPECT_FALSE(svc().enrol(f->agency_id, again->token, "another-passphrase-2"));
  auto s = svc().login(f->agency_id, "new.clerk@example.org", "a-good-passphrase-1", "10.0.0.1", "");
  ASSERT_TRUE(s);
  http::Principal clerk = *svc().resolve(s->token, f->agency_id);
  EXPECT_TRUE(svc().password_is_own(clerk));

  // A link past its seven days opens nothing; a reset by link ends the sessions at once.
  auto late = svc().reset_by_link(admin, clerk.user_id);
  ASSERT_TRUE(late);
  EXPECT_FALSE(svc().resolve(s->token, f->agency_id)) << "signed out everywhere";
  EXPECT_FALSE(svc().login(f->agency_id, "new.clerk@example.org", "a-good-passphrase-1", "10.0.0.1", ""))
      << "the old password stops working";
  f->clock->advance(kEnrolmentSeconds + 1);
  EXPECT_FALSE(svc().enrolment_user(f->agency_id, late->token));
  EXPECT_FALSE(svc().enrol(f->agency_id, late->token, "a-late-passphrase-3"));

  // A password the admin chose is not the holder's; their own change makes it theirs.
  ASSERT_TRUE(svc().reset_password(actor_of(admin), f->agency_id, clerk.user_id, "admin-chose-this-4"));
  auto s2 = svc().login(f->agency_id, "new.clerk@example.org", "admin-chose-this-4", "10.0.0.2", "");
  ASSERT_TRUE(s2);
  clerk = *svc().resolve(s2->token, f->agency_id);
  EXPECT_FALSE(svc().password_is_own(clerk));
  ASSERT_TRUE(svc().change_own_password(clerk, "admin-chose-this-4", "my-own-passphrase-5"));
  EXPECT_TRUE(svc().password_is_own(clerk));
}

// Two-step sign-in: the password opens nothing until the app's code (each good once) or a
// recovery code (each good once); roles that require it wait for it to be set up.
TEST_F(AccountsTest, TwoStepSignInWantsTheAppsCodeAndRolesThatRequireItWaitForIt) {
  // A hosted agency is a real one: its admin must set it up before anything opens.
  auto hosted = svc().add_hosted_agency({"เทศบาลตำบลจริง", "admin@real.example"}, "real.example");
  ASSERT_TRUE(hosted);
  auto s = svc().login(hosted->agency_id, "admin@real.example", hosted->password, "10.0.0.1", "");
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->second_factor) << "not set up yet: the password alone signs in";
  auto me = svc().resolve(s->token, hosted->agency_id);
  ASSERT_TRUE(me);
  EXPECT_TRUE(me->second_factor_missing);
  EXPECT_TRUE(me->roles.empty()) << "the admin role waits";

  auto state = svc().second_factor(*me, "Prongsai");
  ASSERT_TRUE(state);
  EXPECT_FALSE(state->enabled);
  EXPECT_EQ(svc().second_factor(*me, "Prongsai")->secret_base32, state->secret_base32) << "the same until confirmed";
  auto secret = f->app->store().read([&](store::ReadTx& tx) {
    return tx.query_one("SELECT totp_pending FROM users WHERE id = ?", {me->user_id})->text("totp_pending");
  });
  EXPECT_EQ(totp::base32(secret), state->secret_base32);
  auto now = [&] { return f->clock->now(); };
  EXPECT_EQ(svc().confirm_second_factor(*me, "000000").error().message_key, "error.second_factor_wrong");
  auto codes = svc().confirm_second_factor(*me, totp::code_at(secret, totp::step_of(now())));
  ASSERT_TRUE(codes);
  ASSERT_EQ(codes->size(), 10u);
  me = svc().resolve(s->token, hosted->agency_id);
  EXPECT_TRUE(me->roles.has(http::Role::admin)) << "set up: the role opens";

  // Now the password is half: the session waits, and resolves to nobody.
  auto half = svc().login(hosted->agency_id, "admin@real.example", hosted->password, "10.0.0.1", "");
  ASSERT_TRUE(half);
  EXPECT_TRUE(half->second_factor);
  EXPECT_FALSE(svc().resolve(half->token, hosted->agency_id));
  std::string used = totp::code_at(secret, totp::step_of(now()));
  EXPECT_EQ(svc().complete_login(hosted->agency_id, half->token, used).error().message_key, "error.second_factor_wrong")
      << "the code that confirmed the setup is spent";
  f->clock->advance(totp::kStepSeconds);
  std::string next = totp::code_at(secret, totp::step_of(now()));
  auto opened = svc().complete_login(hosted->agency_id, half->token, next);
  ASSERT_TRUE(opened);
  EXPECT_NE(*opened, half->token) << "the opened session has a new token";
  EXPECT_FALSE(svc().resolve(half->token, hosted->agency_id));
  EXPECT_TRUE(svc().resolve(*opened, hosted->agency_id)->roles.has(http::Role::admin));

  // The same code again, on another attempt: refused. A recovery code works once.
  auto again = svc().login(hosted->agency_id, "admin@real.example", hosted->password, "10.0.0.1", "");
  EXPECT_FALSE(svc().complete_login(hosted->agency_id, again->token, next));
  std::string typed = codes->at(3);
  std::transform(typed.begin(), typed.end(), typed.begin(), [](unsigned char c) { return std::tolower(c); });
  ASSERT_TRUE(svc().complete_login(hosted->agency_id, again->token, typed));
  auto third = svc().login(hosted->agency_id, "admin@real.example", hosted->password, "10.0.0.1", "");
  EXPECT_FALSE(svc().complete_login(hosted->agency_id, third->token, codes->at(3)));

  // Five wrong codes end the attempt; so does waiting past five minutes.
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(svc().complete_login(hosted->agency_id, third->token, "123456"));
  f->clock->advance(totp::kStepSeconds);
  EXPECT_EQ(svc()
                .complete_login(hosted->agency_id, third->token, totp::code_at(secret, totp::step_of(now())))
                .error()
                .message_key,
            "error.second_factor_expired");
  auto late = svc().login(hosted->agency_id, "admin@real.example", hosted->password, "10.0.0.2", "");
  f->clock->advance(kSecondFactorSeconds + 1);
  EXPECT_EQ(svc()
                .complete_login(hosted->agency_id, late->token, totp::code_at(secret, totp::step_of(now())))
                .error()
                .message_key,
            "error.second_factor_expired");

  // Phone and codes lost: an admin takes it off, and the user signs in with the password again.
  auto other = svc().create_user(store::Actor::cli(), hosted->agency_id,
                                 {"admin2@real.example", "ผู้ดูแลคนที่สอง", "", {http::Role::admin}, {}, true},
                                 "second-admin-pass-1");
  ASSERT_TRUE(other);
  auto admin2 = *svc().principal_of(hosted->agency_id, "admin2@real.example");
  ASSERT_TRUE(svc().remove_second_factor(admin2, me->user_id));
  EXPECT_FALSE(svc().resolve(*opened, hosted->agency_id)) << "its sessions end";
  auto plain = svc().login(hosted->agency_id, "admin@real.example", hosted->password, "10.0.0.3", "");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->second_factor);
  EXPECT_TRUE(svc().resolve(plain->token, hosted->agency_id)->second_factor_missing);

  // The demo agency requires nothing until its admin says so.
  EXPECT_TRUE(svc().second_factor_optional(f->agency_id));
  auto demo = svc().login(f->agency_id, "admin@example.org", f->password, "10.0.0.1", "");
  EXPECT_TRUE(svc().resolve(demo->token, f->agency_id)->roles.has(http::Role::admin));
  ASSERT_TRUE(svc().require_second_factor(f->principal("admin@example.org")));
  EXPECT_TRUE(svc().resolve(demo->token, f->agency_id)->second_factor_missing);
}

}  // namespace
}  // namespace prongsai::accounts
