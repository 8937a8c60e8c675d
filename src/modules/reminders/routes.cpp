// The deadline calendar: /calendar?year= (what the signed-in user may see, by month, overdue
// marked in words and colour), the user's iCal feeds (/calendar/feeds: make one, see the
// address once, revoke), the admin's targets for complaints and questions, and the feeds
// themselves (/ical/{secret}.ics: no session; Privacy::anonymous, so the secret is not logged).
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/errors.hpp"
#include "modules/reminders/ical.hpp"
#include "modules/reminders/module.hpp"
#include "web/years.hpp"

namespace prongsai::reminders {
namespace {

using http::Access;
using http::Method;
using http::Privacy;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

class Handlers {
 public:
  Handlers(const Deps& deps, web::Pages& pages)
      : calendar_(deps.calendar),
        feeds_(deps.feeds),
        mailer_(deps.mailer),
        outbox_(deps.outbox),
        mail_configured_(deps.mail_configured),
        pages_(pages) {}

  Response page(Request& req) { return calendar_page(req, std::nullopt, 200); }

  Response save_settings(Request& req) {
    auto r = calendar_.set_settings(*req.principal, req.form().value("complaint_days"),
                                    req.form().value("question_days"), req.form().value("days_before"));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return calendar_page(req, r.error(), 422);
    }
    return Response::redirect("/calendar?settings=1");
  }

  Response feeds(Request& req) { return feeds_page(req, "", std::nullopt, 200); }

  Response create_feed(Request& req) {
    const http::Form& f = req.form();
    auto secret = feeds_.create(*req.principal, f.value("scope"), f.value("unit"), f.value("label"));
    if (!secret) {
      if (secret.error().kind == ErrorKind::forbidden) return feeds_page(req, "", secret.error(), 403);
      if (secret.error().kind != ErrorKind::invalid) return pages_.error(req, secret.error());
      return feeds_page(req, "", secret.error(), 422);
    }
    // Shown on this page only: the address is never in a redirect, a log or the database.
    return feeds_page(req, http::public_origin(req) + "/ical/" + *secret + ".ics", std::nullopt, 200);
  }

  Response revoke_feed(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto r = feeds_.revoke(*req.principal, *id);
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/calendar/feeds?revoked=1");
  }

  Response ical(Request& req) {
    std::string secret = req.param("secret");
    if (secret.ends_with(".ics")) secret.resize(secret.size() - 4);
    auto feed = feeds_.resolve(req.agency_id, secret);
    if (!feed) return pages_.error(req, Error::not_found());
    calendar::Date today = calendar::local_date(calendar_.clock().now());
    std::vector<Deadline> all = calendar_.build_ahead(req.agency_id, today, Lang::th, feed->second);
    FeedInfo info;
    info.origin = http::public_origin(req);
    info.host = info.origin.substr(info.origin.find("://") + 3);
    info.now = calendar_.clock().now();
    info.name = "Prongsai · " + feed_name(req, feed->first);
    Response res;
    res.body = to_ical(all, info);
    res.header("Content-Type", "text/calendar; charset=utf-8");
    res.header("Cache-Control", "private, no-cache");
    return res;
  }

  Response mail_choices(Request& req) {
    Preferences p = mailer_.preferences(req.agency_id, req.principal->user_id);
    std::map<std::string, bool> reach = mailer_.reach_of(req.agency_id, req.principal->user_id);
    return pages_.page(req, "reminders/mail",
                       {{"title", std::string(pages_.t(req, "mail.choices_title"))},
                        {"before", p.before},
                        {"on_day", p.on_day},
                        {"overdue", p.overdue},
                        {"digest", p.digest},
                        {"arrivals", p.arrivals},
                        {"by_mail", p.by_mail},
                        {"by_line", p.by_line},
                        {"line_ready", reach.contains("line")},
                        {"line_linked", reach.contains("line") && reach["line"]},
                        {"days_before", std::to_string(calendar_.settings(req.agency_id).days_before)},
                        {"executive", req.principal->roles.has(Role::executive)},
                        {"email", req.principal->email},
                        {"configured", mail_configured_},
                        {"saved", req.query_param("saved").has_value()}});
  }

  Response save_mail_choices(Request& req) {
    const http::Form& f = req.form();
    Preferences p{f.value("before") == "1", f.value("on_day") == "1",   f.value("overdue") == "1",
                  f.value("digest") == "1", f.value("arrivals") == "1", f.value("by_mail") == "1",
                  f.value("by_line") == "1"};
    auto r = mailer_.set_preferences(*req.principal, p);
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/calendar/mail?saved=1");
  }

  // The admin's log of what was sent: every message, its state and its last error.
  Response mail_log(Request& req) {
    json rows = json::array();
    for (const OutboxEntry& e : outbox_.recent(req.agency_id)) {
      std::string state = e.sent_at ? "sent" : e.given_up_at ? "given_up" : e.attempts ? "retrying" : "queued";
      // A citizen's message: whom it went to is theirs (and, sent, gone from the row).
      bool citizen = e.kind == "citizen";
      rows.push_back({{"made", calendar::format_time(e.created_at, req.lang)},
                      {"kind", std::string(pages_.t(req, "mail.kind." + e.kind))},
                      {"channel", std::string(pages_.t(req, "notify.channel." + e.channel))},
                      {"to", citizen ? std::string(pages_.t(req, "notify.citizen")) : e.to},
                      {"subject", e.subject},
                      {"state", state},
                      {"css", state == "sent"       ? "done"
                              : state == "given_up" ? "overdue"
                              : state == "retrying" ? "due_today"
                                                    : "upcoming"},
                      {"state_label", std::string(pages_.t(req, "mail.state." + state))},
                      {"when", e.sent_at       ? calendar::format_time(*e.sent_at, req.lang)
                               : e.given_up_at ? calendar::format_time(*e.given_up_at, req.lang)
                                               : calendar::format_time(e.next_attempt_at, req.lang)},
                      {"attempts", std::to_string(e.attempts)},
                      {"error", e.last_error}});
    }
    return pages_.page(req, "reminders/mail_log",
                       {{"title", std::string(pages_.t(req, "mail.log_title"))},
                        {"rows", rows},
                        {"empty", rows.empty()},
                        {"configured", mail_configured_}});
  }

 private:
  std::string feed_name(const Request& req, const Feed& f) {
    if (!f.label.empty()) return f.label;
    std::string name(pages_.t(req, "calendar.scope." + std::string(to_string(f.scope))));
    if (f.unit_id) name += " " + accounts::unit_name(calendar_.accounts().units(req.agency_id), f.unit_id);
    return name;
  }

  std::vector<std::int64_t> my_units(const Request& req) {
    auto me = calendar_.accounts().user(req.agency_id, req.principal->user_id);
    return me ? me->unit_ids : std::vector<std::int64_t>{};
  }

  Response calendar_page(Request& req, const std::optional<Error>& error, int status) {
    calendar::Date today = calendar::local_date(calendar_.clock().now());
    auto year = web::year_asked(req, today);
    if (!year) return pages_.error(req, Error::not_found());
    calendar::FiscalYear fy(*year);
    std::vector<Deadline> all =
        calendar_.build(req.agency_id, fy, today, req.lang, scope_of(*req.principal, my_units(req)));
    json months = json::array();
    json overdue = json::array();
    for (const Deadline& d : all) {
      json row = {{"day", calendar::format(d.due, req.lang)},
                  {"title", d.title},
                  {"href", d.href},
                  {"state", std::string(to_string(d.state))},
                  {"state_label", std::string(pages_.t(req, "calendar.state." + std::string(to_string(d.state))))},
                  {"source", std::string(pages_.t(req, "calendar.source." + d.source))}};
      if (d.state == State::overdue) overdue.push_back(row);
      std::string month =
          calendar::month_name(static_cast<unsigned>(d.due.month()), req.lang) + " " +
          std::to_string(req.lang == Lang::th ? static_cast<int>(d.due.year()) + calendar::kBuddhistEraOffset
                                              : static_cast<int>(d.due.year()));
      if (months.empty() || months.back()["month"] != month)
        months.push_back({{"month", month}, {"id", "m-" + calendar::iso(d.due).substr(0, 7)}, {"rows", json::array()}});
      months.back()["rows"].push_back(std::move(row));
    }
    json years = web::year_links("/calendar", today, *year);
    Settings targets = calendar_.settings(req.agency_id);
    json data = {{"title", std::string(pages_.t(req, "calendar.title")) + " " + std::to_string(*year)},
                 {"years", years},
                 {"months", months},
                 {"empty", all.empty()},
                 {"overdue", overdue},
                 {"has_overdue", !overdue.empty()},
                 {"overdue_count", std::to_string(overdue.size())},
                 {"is_admin", req.principal->roles.has(Role::admin)},
                 {"complaint_days", std::to_string(targets.complaint_days)},
                 {"question_days", std::to_string(targets.question_days)},
                 {"days_before", std::to_string(targets.days_before)},
                 {"settings_saved", req.query_param("settings").has_value()}};
    if (error) {
      data["settings_error"] = {{"message", std::string(pages_.t(req, error->message_key))}, {"field", error->field}};
      data["complaint_days"] = req.form().value("complaint_days");
      data["question_days"] = req.form().value("question_days");
      data["days_before"] = req.form().value("days_before");
      data["invalid_" + error->field] = true;
    }
    return pages_.page(req, "reminders/calendar", std::move(data), status);
  }

  Response feeds_page(Request& req, const std::string& new_address, const std::optional<Error>& error, int status) {
    std::vector<accounts::Unit> units = calendar_.accounts().units(req.agency_id);
    json rows = json::array();
    for (const Feed& f : feeds_.mine(*req.principal))
      rows.push_back({{"name", feed_name(req, f)},
                      {"scope", std::string(pages_.t(req, "calendar.scope." + std::string(to_string(f.scope))))},
                      {"made", calendar::format(calendar::local_date(f.created_at), req.lang)},
                      {"revoke_action", "/calendar/feeds/" + std::to_string(f.id) + "/revoke"}});
    const http::Principal& me = *req.principal;
    bool everything = me.roles.has(Role::admin) || me.roles.has(Role::executive);
    std::vector<std::int64_t> mine = my_units(req);
    json unit_options = json::array();
    for (const accounts::Unit& u : units)
      if (u.active && (me.roles.has(Role::admin) || std::find(mine.begin(), mine.end(), u.id) != mine.end()))
        unit_options.push_back({{"id", std::to_string(u.id)}, {"name", u.name_th}});
    json data = {{"title", std::string(pages_.t(req, "calendar.feeds_title"))},
                 {"feeds", rows},
                 {"has_feeds", !rows.empty()},
                 {"new_address", new_address},
                 {"agency_allowed", everything},
                 {"units", unit_options},
                 {"has_units", !unit_options.empty()},
                 {"revoked", req.query_param("revoked").has_value()}};
    return pages_.form(req, "reminders/feeds", std::move(data), error, status);
  }

  Calendar& calendar_;
  Feeds& feeds_;
  Mailer& mailer_;
  Outbox& outbox_;
  bool mail_configured_;
  web::Pages& pages_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, const Deps& deps) {
  auto h = std::make_shared<Handlers>(deps, pages);
  router.add(Route(Method::get, "/calendar", Access::signed_in(), http::member(h, &Handlers::page)));
  router.add(
      Route(Method::post, "/calendar/settings", Access::roles({Role::admin}), http::member(h, &Handlers::save_settings))
          .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/calendar/feeds", Access::signed_in(), http::member(h, &Handlers::feeds)));
  router.add(Route(Method::post, "/calendar/feeds", Access::signed_in(), http::member(h, &Handlers::create_feed))
                 .takes(http::BodyRule::small_form()));
  router.add(
      Route(Method::post, "/calendar/feeds/{id}/revoke", Access::signed_in(), http::member(h, &Handlers::revoke_feed))
          .takes(http::BodyRule::small_form()));
  // A calendar application has no session: the secret is the access, and is not logged.
  router.add(Route(Method::get, "/ical/{secret}", Access::anyone(), http::member(h, &Handlers::ical)))
      .with(Privacy::anonymous);
  router.add(Route(Method::get, "/calendar/mail", Access::signed_in(), http::member(h, &Handlers::mail_choices)));
  router.add(Route(Method::post, "/calendar/mail", Access::signed_in(), http::member(h, &Handlers::save_mail_choices))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/admin/mail", Access::roles({Role::admin}), http::member(h, &Handlers::mail_log)));
  pages.add_menu({"menu.calendar", "/calendar", Access::signed_in(), "follow"});
}

}  // namespace prongsai::reminders
