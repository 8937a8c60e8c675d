// Accounts' routes: login and logout, the user's own account, and the admin pages for the
// agency, its units and users. Each route names its access rule.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "documents/qr.hpp"
#include "http/errors.hpp"
#include "http/pipeline.hpp"
#include "modules/accounts/module.hpp"

namespace prongsai::accounts {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

const Access kAdmin = Access::roles({Role::admin});

json role_choices(const Request& req, const web::Pages& pages, http::RoleSet selected) {
  json out = json::array();
  for (Role r : http::kAllRoles) {
    std::string id(http::to_string(r));
    out.push_back({{"value", id}, {"label", std::string(pages.t(req, "role." + id))}, {"checked", selected.has(r)}});
  }
  return out;
}

json unit_choices(const std::vector<Unit>& units, const std::vector<std::int64_t>& selected) {
  json out = json::array();
  for (const Unit& u : units) {
    if (!u.active) continue;
    bool checked = std::find(selected.begin(), selected.end(), u.id) != selected.end();
    out.push_back({{"value", std::to_string(u.id)}, {"label", u.name_th}, {"checked", checked}});
  }
  return out;
}

// The form's fields as a UserInput; unknown role names are dropped (the service then asks for one).
UserInput user_input(const http::Form& f) {
  UserInput in;
  in.email = text::ascii_lower(f.value("email"));
  in.display_name = f.value("display_name");
  in.position = f.value("position");
  in.active = f.value("active") == "1";
  for (const std::string& r : f.all("roles")) {
    Role role;
    if (http::parse_role(r, role)) in.roles.add(role);
  }
  for (const std::string& u : f.all("units")) {
    try {
      in.unit_ids.push_back(std::stoll(u));
    } catch (const std::exception&) {
      in.unit_ids.push_back(-1);  // refused by the service as an unknown unit
    }
  }
  return in;
}

constexpr long kDeviceSeconds = 400L * 24 * 3600;

class Handlers {
 public:
  Handlers(Service& svc, web::Pages& pages, http::CookieOptions cookies)
      : svc_(svc), pages_(pages), cookies_(cookies) {}

  Response login_form(Request& req) {
    if (req.principal) return Response::redirect("/staff");
    return login_page(req, {}, {}, 200);
  }

  Response login(Request& req) {
    const http::Form& f = req.form();
    auto session = svc_.login(req.agency_id, f.value("email"), f.value("password"), req.client(),
                              std::string(req.header("user-agent")), req.cookie(kDeviceCookie).value_or(""));
    if (!session) {
      Response res = login_page(req, f.value("email"), session.error(), http::status_of(session.error().kind));
      if (session.error().retry_after > 0) res.header("Retry-After", std::to_string(session.error().retry_after));
      return res;
    }
    if (auto old = req.cookie(http::kSessionCookie)) svc_.logout(*old);  // rotate: the old token dies
    std::string next = f.value("next");
    if (!http::is_local_redirect(next)) next = "/staff";
    if (session->second_factor) {
      // The anonymous cookie stays: the code form's CSRF token is bound to it.
      Response res = code_page(req, next, {}, 200);
      res.header("Set-Cookie", http::set_cookie(kPendingCookie, session->token,
                                                {cookies_.secure, http::SameSite::strict, kSecondFactorSeconds}));
      res.header("Set-Cookie", http::set_cookie(kDeviceCookie, session->device,
                                                {cookies_.secure, http::SameSite::strict, kDeviceSeconds}));
      return res;
    }
    // Roles that require two-step sign-in, not set up yet: straight to setting it up.
    auto u = svc_.user(req.agency_id, session->user_id);
    if (u && requires_second_factor(u->roles) && !svc_.second_factor_optional(req.agency_id))
      next = "/account/second-factor";
    Response res = Response::redirect(next);
    res.header("Set-Cookie",
               http::set_cookie(http::kSessionCookie, session->token, {cookies_.secure, http::SameSite::lax, -1}));
    res.header("Set-Cookie", http::set_cookie(http::kAnonCookie, "", {cookies_.secure, http::SameSite::lax, 0}));
    // This browser signed in to this account: wrong passwords sent from elsewhere do not stop it.
    res.header("Set-Cookie", http::set_cookie(kDeviceCookie, session->device,
                                              {cookies_.secure, http::SameSite::strict, kDeviceSeconds}));
    return res;
  }

  // The second step: the code from the app (or a recovery code) for the session that waits.
  Response login_code(Request& req) {
    const http::Form& f = req.form();
    std::string next = f.value("next");
    if (!http::is_local_redirect(next)) next = "/staff";
    auto token = svc_.complete_login(req.agency_id, req.cookie(kPendingCookie).value_or(""), f.value("code"));
    if (!token) {
      if (token.error().kind == ErrorKind::invalid) return code_page(req, next, token.error(), 422);
      Response res = login_page(req, {}, token.error(), http::status_of(token.error().kind));
      res.header("Set-Cookie", http::set_cookie(kPendingCookie, "", {cookies_.secure, http::SameSite::strict, 0}));
      return res;
    }
    if (auto old = req.cookie(http::kSessionCookie)) svc_.logout(*old);
    Response res = Response::redirect(next);
    res.header("Set-Cookie",
               http::set_cookie(http::kSessionCookie, *token, {cookies_.secure, http::SameSite::lax, -1}));
    res.header("Set-Cookie", http::set_cookie(kPendingCookie, "", {cookies_.secure, http::SameSite::strict, 0}));
    res.header("Set-Cookie", http::set_cookie(http::kAnonCookie, "", {cookies_.secure, http::SameSite::lax, 0}));
    return res;
  }

  Response second_factor(Request& req) { return second_factor_page(req, {}, 200); }

  Response confirm_second_factor(Request& req) {
    auto codes = svc_.confirm_second_factor(*req.principal, req.form().value("code"));
    if (!codes) return second_factor_page(req, codes.error(), http::status_of(codes.error().kind));
    Response res =
        pages_.page(req, "accounts/second_factor_codes",
                    {{"title", std::string(pages_.t(req, "second_factor.codes_title"))}, {"codes", *codes}}, 200);
    res.header("Cache-Control", "no-store");
    return res;
  }

  Response remove_second_factor(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto r = svc_.remove_second_factor(*req.principal, *id);
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/admin/users/" + std::to_string(*id) + "?saved=1");
  }

  Response require_second_factor(Request& req) {
    auto r = svc_.require_second_factor(*req.principal);
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/admin/agency?saved=1");
  }

  Response logout(Request& req) {
    if (auto token = req.cookie(http::kSessionCookie)) svc_.logout(*token);
    Response res = Response::redirect("/?signed_out=1");
    res.header("Set-Cookie", http::set_cookie(http::kSessionCookie, "", {cookies_.secure, http::SameSite::lax, 0}));
    return res;
  }

  Response account(Request& req) { return account_page(req, {}, req.query_param("saved").has_value(), 200); }

  Response change_password(Request& req) {
    const http::Form& f = req.form();
    if (f.value("new_password") != f.value("confirm_password")) {
      return account_page(req, Error::invalid_field("confirm_password", "error.password_mismatch"), false, 422);
    }
    auto r = svc_.change_own_password(*req.principal, f.value("current_password"), f.value("new_password"));
    if (!r) return account_page(req, r.error(), false, http::status_of(r.error().kind));
    return Response::redirect("/account?saved=1");
  }

  Response revoke_session(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    if (auto r = svc_.revoke_session(*req.principal, *id); !r) return pages_.error(req, r.error());
    return Response::redirect(*id == req.principal->session_id ? "/login" : "/account");
  }

  Response users(Request& req) {
    json list = json::array();
    auto units = svc_.units(req.agency_id);
    for (const User& u : svc_.users(req.agency_id)) {
      json roles = json::array();
      for (Role r : u.roles.list())
        roles.push_back(std::string(pages_.t(req, "role." + std::string(http::to_string(r)))));
      json unit_names = json::array();
      for (std::int64_t id : u.unit_ids) {
        for (const Unit& unit : units) {
          if (unit.id == id) unit_names.push_back(unit.name_th);
        }
      }
      list.push_back({{"id", std::to_string(u.id)},
                      {"email", u.email},
                      {"name", u.display_name},
                      {"position", u.position},
                      {"active", u.active},
                      {"roles", roles},
                      {"units", unit_names}});
    }
    return pages_.page(req, "accounts/users", {{"title", std::string(pages_.t(req, "users.title"))}, {"users", list}});
  }

  Response new_user(Request& req) {
    return user_form(req, std::nullopt, UserInput{{}, {}, {}, {Role::staff}, {}, true}, {}, 200);
  }

  Response create_user(Request& req) {
    const http::Form& f = req.form();
    UserInput in = user_input(f);
    // A link by default (and always for a corruption officer): the admin never knows the password.
    if (f.value("password_by") != "admin" || in.roles.has(Role::corruption_officer)) {
      auto made = svc_.invite_user(*req.principal, in);
      if (!made) return user_form(req, std::nullopt, in, made.error(), http::status_of(made.error().kind));
      return link_page(req, made->first, in.display_name, made->second);
    }
    if (f.value("password") != f.value("confirm_password")) {
      return user_form(req, std::nullopt, in, Error::invalid_field("confirm_password", "error.password_mismatch"), 422);
    }
    auto id = svc_.create_user(actor_of(*req.principal), req.agency_id, in, f.value("password"));
    if (!id) return user_form(req, std::nullopt, in, id.error(), http::status_of(id.error().kind));
    return Response::redirect("/admin/users/" + std::to_string(*id) + "?saved=1");
  }

  Response edit_user(Request& req) {
    auto id = req.id_param("id");
    auto u = id ? svc_.user(req.agency_id, *id) : Result<User>(fail(Error::not_found()));
    if (!u) return pages_.error(req, u.error());
    return user_form(req, u->id, UserInput{u->email, u->display_name, u->position, u->roles, u->unit_ids, u->active},
                     {}, 200);
  }

  Response update_user(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    UserInput in = user_input(req.form());
    auto r = svc_.update_user(*req.principal, *id, in);
    if (!r) {
      if (r.error().kind == ErrorKind::not_found) return pages_.error(req, r.error());
      return user_form(req, *id, in, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/admin/users/" + std::to_string(*id) + "?saved=1");
  }

  Response reset_password(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    auto r = svc_.reset_password(actor_of(*req.principal), req.agency_id, *id, f.value("password"));
    if (!r) {
      if (r.error().kind == ErrorKind::not_found) return pages_.error(req, r.error());
      auto u = svc_.user(req.agency_id, *id);
      return user_form(req, *id, UserInput{u->email, u->display_name, u->position, u->roles, u->unit_ids, u->active},
                       r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/admin/users/" + std::to_string(*id) + "?saved=1");
  }

  // A new link for a user: their password stops working now (an officer's key waits for their
  // recovery code), and they set one through the link.
  Response send_link(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto u = svc_.user(req.agency_id, *id);
    if (!u) return pages_.error(req, u.error());
    auto link = svc_.reset_by_link(*req.principal, *id);
    if (!link) return pages_.error(req, link.error());
    return link_page(req, *id, u->display_name, *link);
  }

  Response enrol_form(Request& req) { return enrol_page(req, {}, 200); }

  Response enrol(Request& req) {
    const http::Form& f = req.form();
    std::string token(req.param("token"));
    if (f.value("password") != f.value("confirm_password"))
      return enrol_page(req, Error::invalid_field("confirm_password", "error.password_mismatch"), 422);
    auto r = svc_.enrol(req.agency_id, token, f.value("password"));
    if (!r) {
      if (r.error().kind == ErrorKind::not_found) return enrol_page(req, {}, 404);
      return enrol_page(req, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/login?enrolled=1");
  }

  Response units(Request& req) { return units_page(req, {}, 200); }

  Response create_unit(Request& req) {
    const http::Form& f = req.form();
    auto r = svc_.create_unit(*req.principal, f.value("name_th"), f.value("name_en"));
    if (!r) return units_page(req, r.error(), http::status_of(r.error().kind));
    return Response::redirect("/admin/units?saved=1");
  }

  Response update_unit(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    auto r = svc_.update_unit(*req.principal, *id, f.value("name_th"), f.value("name_en"), f.value("active") == "1");
    if (!r) {
      if (r.error().kind == ErrorKind::not_found) return pages_.error(req, r.error());
      return units_page(req, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/admin/units?saved=1");
  }

  Response agency(Request& req) { return agency_page(req, {}, 200); }

  Response update_agency(Request& req) {
    const http::Form& f = req.form();
    auto r = svc_.update_agency(*req.principal, f.value("name_th"), f.value("name_en"));
    if (!r) return agency_page(req, r.error(), http::status_of(r.error().kind));
    return Response::redirect("/admin/agency?saved=1");
  }

 private:
  Response login_page(Request& req, const std::string& email, const std::optional<Error>& error, int status) {
    json data = {{"title", std::string(pages_.t(req, "login.title"))},
                 {"enrolled", req.query_param("enrolled").has_value()},
                 {"email", email},
                 {"next", req.query_param("next").value_or(req.form().value("next"))}};
    return pages_.form(req, "accounts/login", std::move(data), error, status);
  }

  Response account_page(Request& req, const std::optional<Error>& error, bool saved, int status) {
    json sessions = json::array();
    for (const SessionInfo& s : svc_.sessions(*req.principal)) {
      sessions.push_back({{"id", std::to_string(s.id)},
                          {"created", calendar::format_time(s.created_at, req.lang)},
                          {"last_seen", calendar::format_time(s.last_seen_at, req.lang)},
                          {"client", s.client},
                          {"current", s.current}});
    }
    json data = {{"title", std::string(pages_.t(req, "account.title"))},
                 {"name", req.principal->display_name},
                 {"email", req.principal->email},
                 {"sessions", sessions},
                 {"saved", saved}};
    return pages_.form(req, "accounts/account", std::move(data), error, status);
  }

  Response user_form(Request& req, std::optional<std::int64_t> id, const UserInput& in,
                     const std::optional<Error>& error, int status) {
    json data = {{"title", std::string(pages_.t(req, id ? "users.edit" : "users.new"))},
                 {"is_new", !id.has_value()},
                 {"action", id ? "/admin/users/" + std::to_string(*id) : "/admin/users"},
                 {"id", id ? std::to_string(*id) : ""},
                 {"email", in.email},
                 {"display_name", in.display_name},
                 {"position", in.position},
                 {"active", in.active},
                 {"officer", in.roles.has(Role::corruption_officer)},
                 {"roles", role_choices(req, pages_, in.roles)},
                 {"units", unit_choices(svc_.units(req.agency_id), in.unit_ids)},
                 {"saved", req.query_param("saved").has_value()}};
    return pages_.form(req, "accounts/user_form", std::move(data), error, status);
  }

  Response code_page(Request& req, const std::string& next, const std::optional<Error>& error, int status) {
    json data = {{"title", std::string(pages_.t(req, "second_factor.login_title"))}, {"next", next}};
    return pages_.form(req, "accounts/login_code", std::move(data), error, status);
  }

  Response second_factor_page(Request& req, const std::optional<Error>& error, int status) {
    auto a = svc_.agency(req.agency_id);
    std::string issuer = "Prongsai " + (a ? a->name_th : std::string());
    auto state = svc_.second_factor(*req.principal, issuer);
    if (!state) return pages_.error(req, state.error());
    json data = {{"title", std::string(pages_.t(req, "second_factor.title"))},
                 {"enabled", state->enabled},
                 {"required", req.principal->second_factor_missing},
                 {"codes_left", std::to_string(state->recovery_codes_left)},
                 {"secret", state->secret_base32}};
    if (auto qr = documents::qr_encode(state->uri))
      data["qr"] = documents::qr_svg(*qr, pages_.t(req, "second_factor.qr_label"));
    return pages_.form(req, "accounts/second_factor", std::move(data), error, status);
  }

  // The link, shown once to the admin who made it, to pass on by hand (LINE, paper, in person).
  Response link_page(Request& req, std::int64_t user_id, const std::string& name, const Enrolment& e) {
    json data = {{"title", std::string(pages_.t(req, "enrol.link_title"))},
                 {"name", name},
                 {"user_id", std::to_string(user_id)},
                 {"link", http::public_origin(req) + "/enrol/" + e.token},
                 {"expires", calendar::format_time(e.expires_at, req.lang)}};
    return pages_.page(req, "accounts/enrolment_link", std::move(data), 200);
  }

  // The page of a link: whose account, and the password form. One answer for a link unknown,
  // used or expired (404), saying what to do.
  Response enrol_page(Request& req, const std::optional<Error>& error, int status) {
    auto u = svc_.enrolment_user(req.agency_id, req.param("token"));
    if (!u) {
      return pages_.page(req, "accounts/enrol",
                         {{"title", std::string(pages_.t(req, "enrol.title"))}, {"invalid", true}}, 404);
    }
    json data = {{"title", std::string(pages_.t(req, "enrol.title"))},
                 {"name", u->display_name},
                 {"email", u->email},
                 {"officer", u->roles.has(Role::corruption_officer)},
                 {"action", "/enrol/" + std::string(req.param("token"))}};
    return pages_.form(req, "accounts/enrol", std::move(data), error, status);
  }

  Response units_page(Request& req, const std::optional<Error>& error, int status) {
    json list = json::array();
    for (const Unit& u : svc_.units(req.agency_id)) {
      list.push_back(
          {{"id", std::to_string(u.id)}, {"name_th", u.name_th}, {"name_en", u.name_en}, {"active", u.active}});
    }
    json data = {{"title", std::string(pages_.t(req, "units.title"))},
                 {"units", list},
                 {"saved", req.query_param("saved").has_value()}};
    return pages_.form(req, "accounts/units", std::move(data), error, status);
  }

  Response agency_page(Request& req, const std::optional<Error>& error, int status) {
    auto a = svc_.agency(req.agency_id);
    if (!a) return pages_.error(req, a.error());
    json data = {{"title", std::string(pages_.t(req, "agency.title"))},
                 {"second_factor_optional", svc_.second_factor_optional(req.agency_id)},
                 {"name_th", a->name_th},
                 {"name_en", a->name_en},
                 {"saved", req.query_param("saved").has_value()}};
    return pages_.form(req, "accounts/agency", std::move(data), error, status);
  }

  Service& svc_;
  web::Pages& pages_;
  http::CookieOptions cookies_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Service& svc, http::CookieOptions cookies) {
  auto h = std::make_shared<Handlers>(svc, pages, cookies);

  router.add(Route(Method::get, "/login", Access::anyone(), http::member(h, &Handlers::login_form)));
  router.add(Route(Method::post, "/login", Access::anyone(), http::member(h, &Handlers::login))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/login/code", Access::anyone(), http::member(h, &Handlers::login_code))
                 .takes(http::BodyRule::small_form()));
  router.add(
      Route(Method::get, "/account/second-factor", Access::signed_in(), http::member(h, &Handlers::second_factor))
          .on(http::Work::worker_pool));  // may write the secret being set up
  router.add(Route(Method::post, "/account/second-factor", Access::signed_in(),
                   http::member(h, &Handlers::confirm_second_factor))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/logout", Access::signed_in(), http::member(h, &Handlers::logout))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/account", Access::signed_in(), http::member(h, &Handlers::account)));
  router.add(Route(Method::post, "/account/password", Access::signed_in(), http::member(h, &Handlers::change_password))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/account/sessions/{id}/revoke", Access::signed_in(),
                   http::member(h, &Handlers::revoke_session))
                 .takes(http::BodyRule::small_form()));

  // A one-time link is its own credential: anyone holding it may set the password.
  router.add(Route(Method::get, "/enrol/{token}", Access::anyone(), http::member(h, &Handlers::enrol_form)));
  router.add(Route(Method::post, "/enrol/{token}", Access::anyone(), http::member(h, &Handlers::enrol))
                 .takes(http::BodyRule::small_form()));

  router.add(Route(Method::get, "/admin/agency", kAdmin, http::member(h, &Handlers::agency)));
  router.add(Route(Method::post, "/admin/agency", kAdmin, http::member(h, &Handlers::update_agency))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/admin/units", kAdmin, http::member(h, &Handlers::units)));
  router.add(Route(Method::post, "/admin/units", kAdmin, http::member(h, &Handlers::create_unit))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/admin/units/{id}", kAdmin, http::member(h, &Handlers::update_unit))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/admin/users", kAdmin, http::member(h, &Handlers::users)));
  router.add(Route(Method::get, "/admin/users/new", kAdmin, http::member(h, &Handlers::new_user)));
  router.add(Route(Method::post, "/admin/users", kAdmin, http::member(h, &Handlers::create_user))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/admin/users/{id}", kAdmin, http::member(h, &Handlers::edit_user)));
  router.add(Route(Method::post, "/admin/users/{id}", kAdmin, http::member(h, &Handlers::update_user))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/admin/users/{id}/password", kAdmin, http::member(h, &Handlers::reset_password))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/admin/users/{id}/link", kAdmin, http::member(h, &Handlers::send_link))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/admin/users/{id}/second-factor/remove", kAdmin,
                   http::member(h, &Handlers::remove_second_factor))
                 .takes(http::BodyRule::small_form()));
  router.add(
      Route(Method::post, "/admin/agency/second-factor", kAdmin, http::member(h, &Handlers::require_second_factor))
          .takes(http::BodyRule::small_form()));

  pages.add_menu({"menu.account", "/account", Access::signed_in(), "account"});
  pages.add_menu({"menu.users", "/admin/users", kAdmin, "settings"});
  pages.add_menu({"menu.units", "/admin/units", kAdmin, "settings"});
  pages.add_menu({"menu.agency", "/admin/agency", kAdmin, "settings"});
}

}  // namespace prongsai::accounts
