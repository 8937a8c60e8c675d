// LINE's routes: the webhook LINE calls (/line/webhook: its signature is its authentication),
// the start links the chat gives citizens (/line/start/{token}), the admin's setup
// (/admin/line) and a staff member's link (/account/line).
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/strings.hpp"
#include "http/errors.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/line/module.hpp"

namespace prongsai::line {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Route;
using nlohmann::json;

// The start link's cookie: the token, for a day; a form reads it to offer LINE.
constexpr std::string_view kStartCookie = "prongsai_line";

class Handlers {
 public:
  Handlers(web::Host& host, Service& line, accounts::Service& accounts, web::Pages& pages)
      : host_(host), line_(line), accounts_(accounts), pages_(pages) {}

  Response webhook(Request& req) {
    auto agency = accounts_.agency(req.agency_id);
    std::string origin = http::public_origin(req);
    auto replies = line_.take_webhook(req.agency_id, req.body_bytes(), req.header("x-line-signature"), origin,
                                      agency ? agency->name_th : "", offers());
    if (!replies) {
      int status = http::status_of(replies.error().kind);
      return Response::json(json{{"message", replies.error().detail}}.dump(), status);
    }
    // Answered at once: a reply token lasts a minute. One that fails is logged; the citizen
    // writes again.
    for (const Reply& r : *replies)
      if (auto sent = line_.reply(req.agency_id, r.token, r.text); !sent)
        spdlog::warn("line reply for agency {} failed: {}", req.agency_id, sent.error().detail);
    return Response::json("{}");
  }

  // The start link: its cookie, then the form. An expired or unknown link still leads to the
  // form, which then does not offer LINE.
  Response start(Request& req) {
    std::string to = req.query_param("to").value_or("/");
    bool offered = false;
    for (const Offer& o : offers()) offered = offered || o.path == to;
    Response res = Response::redirect(offered ? to : "/", 303);
    std::string token = req.param("token");
    if (line_.start_user(req.agency_id, token))
      res.header("Set-Cookie",
                 http::set_cookie(kStartCookie, token, {req.host_cookies, http::SameSite::lax, kStartSeconds}));
    res.header("Cache-Control", "no-store");
    return res;
  }

  Response admin(Request& req) { return admin_page(req, std::nullopt, 200); }

  Response save(Request& req) {
    auto r = line_.set_channel(*req.principal, req.form().value("secret"), req.form().value("token"));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return admin_page(req, r.error(), 422);
    }
    return Response::redirect("/admin/line?saved=1");
  }

  Response remove(Request& req) {
    if (auto r = line_.remove_channel(*req.principal); !r) return pages_.error(req, r.error());
    return Response::redirect("/admin/line?removed=1");
  }

  Response account(Request& req) { return account_page(req, ""); }

  Response code(Request& req) {
    auto code = line_.new_link_code(*req.principal);
    if (!code) return pages_.error(req, code.error());
    return account_page(req, *code);
  }

  Response unlink(Request& req) {
    if (auto r = line_.unlink(*req.principal); !r) return pages_.error(req, r.error());
    return Response::redirect("/account/line?unlinked=1");
  }

 private:
  // The public forms the chat offers (web::PublicLink::chat), in the modules' order.
  std::vector<Offer> offers() const {
    std::vector<Offer> out;
    for (const web::Module* m : host_.modules())
      for (const web::PublicLink& l : m->public_links)
        if (l.chat && l.href.find_first_of("?&#") == std::string::npos)
          out.push_back({std::string(Strings::instance().get(Lang::th, l.label_key)), l.href});
    return out;
  }

  Response admin_page(Request& req, const std::optional<Error>& error, int status) {
    ChannelState s = line_.state(req.agency_id);
    return pages_.form(req, "line/admin",
                       {{"title", std::string(pages_.t(req, "line.admin_title"))},
                        {"set", s.set},
                        {"updated", s.set ? calendar::format_time(s.updated_at, req.lang) : ""},
                        {"linked", std::to_string(s.linked_staff)},
                        {"webhook", http::public_origin(req) + "/line/webhook"},
                        {"saved", req.query_param("saved").has_value()},
                        {"removed", req.query_param("removed").has_value()}},
                       error, status);
  }

  Response account_page(Request& req, const std::string& code) {
    auto linked = line_.linked_at(req.agency_id, req.principal->user_id);
    return pages_.page(req, "line/account",
                       {{"title", std::string(pages_.t(req, "line.account_title"))},
                        {"ready", line_.ready(req.agency_id)},
                        {"linked", linked.has_value()},
                        {"linked_at", linked ? calendar::format_time(*linked, req.lang) : ""},
                        {"code", code},
                        {"has_code", !code.empty()},
                        {"minutes", std::to_string(kLinkCodeSeconds / 60)},
                        {"unlinked", req.query_param("unlinked").has_value()}});
  }

  web::Host& host_;
  Service& line_;
  accounts::Service& accounts_;
  web::Pages& pages_;
};

}  // namespace

std::optional<std::string> start_token(const http::Request& req) { return req.cookie(kStartCookie); }

void mount(web::Host& host) {
  auto h = std::make_shared<Handlers>(host, host.get<Service>(), host.get<accounts::Service>(), host.pages());
  http::Router& router = host.router();
  router.add(Route(Method::post, "/line/webhook", Access::anyone(), http::member(h, &Handlers::webhook))
                 .takes(http::BodyRule::json(1 << 20))
                 .webhook());
  // The token stands for a LINE user: the access log does not keep the path.
  router.add(Route(Method::get, "/line/start/{token}", Access::anyone(), http::member(h, &Handlers::start))
                 .with(http::Privacy::anonymous));
  const Access admin = Access::roles({http::Role::admin});
  router.add(Route(Method::get, "/admin/line", admin, http::member(h, &Handlers::admin)));
  router.add(
      Route(Method::post, "/admin/line", admin, http::member(h, &Handlers::save)).takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/admin/line/remove", admin, http::member(h, &Handlers::remove))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/account/line", Access::signed_in(), http::member(h, &Handlers::account)));
  router.add(Route(Method::post, "/account/line/code", Access::signed_in(), http::member(h, &Handlers::code))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/account/line/unlink", Access::signed_in(), http::member(h, &Handlers::unlink))
                 .takes(http::BodyRule::small_form()));
}

}  // namespace prongsai::line
