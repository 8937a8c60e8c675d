// The complaint pages. Public: /complaints/new (the general channel, and with
// ?channel=corruption the sealed one), the receipt page, /complaints/track (by code, with the
// messages and a reply form). Codes travel only in POST bodies, never in an address, so they
// stay out of histories, referrers and logs; every public route is Privacy::anonymous.
// Staff: /complaints/inbox, /complaints/cases/{id} with its status and reply forms, and
// /complaints/unlock for corruption officers.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/errors.hpp"
#include "http/pipeline.hpp"
#include "modules/cases/module.hpp"

namespace prongsai::cases {
namespace {

using http::Access;
using http::Method;
using http::Privacy;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

constexpr std::int64_t kHour = 3600;

std::string session_token(const Request& req) { return req.cookie(http::kSessionCookie).value_or(""); }

class Handlers {
 public:
  Handlers(Service& svc, web::Pages& pages, store::RateLimiter& limiter)
      : svc_(svc), pages_(pages), limiter_(limiter) {}

  // ---- Public ----

  Response new_form(Request& req) { return form_page(req, channel_of(req), std::nullopt, 200); }

  Response submit(Request& req) {
    const http::Form& f = *req.form();
    Channel channel = parse_channel(f.value("channel")).value_or(Channel::complaint);
    // A field people do not see: only robots fill it in.
    if (!f.value("website").empty())
      return form_page(req, channel, Error::make(ErrorKind::invalid, "error.bad_form"), 422);
    std::string key = limiter_.key_for("complaint-address", req.remote_address);
    if (limiter_.count(key, kHour) >= kSubmissionsPerHour)
      return form_page(req, channel, Error::make(ErrorKind::too_many_requests, "error.too_many_submissions"), 429);
    auto receipt = svc_.submit(req.agency_id, submission_of(f, channel), store::Actor::citizen());
    if (!receipt) return form_page(req, channel, receipt.error(), http::status_of(receipt.error().kind));
    limiter_.hit(key, kHour);
    return pages_.page(req, "complaints/receipt",
                       {{"title", std::string(pages_.t(req, "complaints.receipt_title"))},
                        {"code", receipt->code},
                        {"corruption", channel == Channel::corruption}});
  }

  Response track_form(Request& req) {
    return pages_.page(req, "complaints/track", {{"title", std::string(pages_.t(req, "complaints.track_title"))}});
  }

  Response track(Request& req) { return tracked(req, req.form()->value("code"), std::nullopt, false); }

  Response citizen_reply(Request& req) {
    const http::Form& f = *req.form();
    std::string code = f.value("code");
    auto r = svc_.citizen_reply(req.agency_id, code, f.value("body"), uploads_of(f));
    if (!r) return tracked(req, code, r.error(), false);
    return tracked(req, code, std::nullopt, true);
  }

  // A file of the case, for the holder of its code (in the body, never in the address).
  Response citizen_file(Request& req) {
    const http::Form& f = *req.form();
    auto id = text::parse_id(f.value("file"));
    auto found = id ? svc_.citizen_file(req.agency_id, f.value("code"), *id)
                    : Result<std::pair<files::Ref, std::string>>(fail(Error::not_found()));
    if (!found) return pages_.error(req, Error::not_found());
    Response res = files::download(found->first, std::move(found->second));
    return res;
  }

  // ---- Officers ----

  Response officer_file(Request& req) {
    auto id = req.id_param("id");
    auto fid = req.id_param("file");
    if (!id || !fid) return pages_.error(req, Error::not_found());
    auto found = svc_.officer_file(*req.principal, *id, *fid, session_token(req));
    if (!found) return pages_.error(req, found.error());
    return files::download(found->first, std::move(found->second));
  }

  Response inbox(Request& req) {
    Channel channel = channel_of(req);
    if (!req.query_param("channel") && !req.principal->roles.has(Role::complaint_officer) &&
        !req.principal->roles.has(Role::admin))
      channel = Channel::corruption;  // a corruption officer's inbox is the sealed one
    auto list = svc_.inbox(*req.principal, channel);
    if (!list) return pages_.error(req, list.error());
    json rows = json::array();
    for (const Summary& s : *list) {
      rows.push_back({{"href", "/complaints/cases/" + std::to_string(s.id)},
                      {"number", std::to_string(s.id)},
                      {"subject", s.subject},
                      {"topic", s.topic.empty() ? "" : std::string(pages_.t(req, "complaints.topic." + s.topic))},
                      {"status", std::string(to_string(s.status))},
                      {"status_label", status_label(req, s.status)},
                      {"via", std::string(pages_.t(req, "complaints.via." + std::string(to_string(s.via))))},
                      {"created", calendar::format_time(s.created_at, req.lang)},
                      {"updated", calendar::format_time(s.updated_at, req.lang)},
                      {"waiting", s.citizen_waiting}});
    }
    bool corruption = channel == Channel::corruption;
    return pages_.page(
        req, "complaints/inbox",
        {{"title", std::string(pages_.t(req, corruption ? "complaints.inbox_corruption" : "complaints.inbox_general"))},
         {"rows", rows},
         {"empty", rows.empty()},
         {"corruption", corruption},
         {"unlocked", corruption && svc_.unlocked(*req.principal, session_token(req))},
         {"may_general", req.principal->roles.has(Role::complaint_officer) || req.principal->roles.has(Role::admin)},
         {"may_corruption", req.principal->roles.has(Role::corruption_officer)},
         {"is_admin", req.principal->roles.has(Role::admin)},
         {"retention_days", std::to_string(svc_.retention_days(req.agency_id))},
         {"retention_saved", req.query_param("retention").has_value()}});
  }

  Response retention(Request& req) {
    auto days = text::parse_id(req.form()->value("retention_days"));
    auto r = days && *days <= 100000
                 ? svc_.set_retention_days(*req.principal, static_cast<int>(*days))
                 : Result<void>(fail(Error::invalid_field("retention_days", "error.retention_range")));
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/complaints/inbox?retention=1");
  }

  Response case_page(Request& req) { return officer_case(req, std::nullopt, 200); }

  // A complaint taken by phone, letter or at the counter.
  Response enter_form(Request& req) { return enter_page(req, entry_channel(req), std::nullopt, 200); }

  Response enter(Request& req) {
    const http::Form& f = *req.form();
    Channel channel = parse_channel(f.value("channel")).value_or(Channel::complaint);
    auto via = parse_via(f.value("via"));
    if (!via) return enter_page(req, channel, Error::invalid_field("via", "error.choice"), 422);
    Submission s = submission_of(f, channel);
    s.via = *via;
    auto receipt = svc_.enter(*req.principal, s);
    if (!receipt) {
      if (receipt.error().kind == ErrorKind::forbidden) return pages_.error(req, receipt.error());
      return enter_page(req, channel, receipt.error(), http::status_of(receipt.error().kind));
    }
    return pages_.page(req, "complaints/receipt",
                       {{"title", std::string(pages_.t(req, "complaints.entered_title"))},
                        {"code", receipt->code},
                        {"staff", true},
                        {"case_href", "/complaints/cases/" + std::to_string(receipt->case_id)},
                        {"corruption", channel == Channel::corruption}});
  }

  Response move(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    const http::Form& f = *req.form();
    auto to = parse_status(f.value("status"));
    if (!to) return officer_case(req, Error::invalid_field("status", "error.choice"), 422);
    auto r = svc_.move(*req.principal, *id, *to, f.value("note"), session_token(req));
    if (!r) return officer_failed(req, r.error());
    return Response::redirect("/complaints/cases/" + std::to_string(*id) + "?moved=1");
  }

  Response reply(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto r =
        svc_.officer_reply(*req.principal, *id, req.form()->value("body"), session_token(req), uploads_of(*req.form()));
    if (!r) return officer_failed(req, r.error());
    return Response::redirect("/complaints/cases/" + std::to_string(*id) + "?replied=1");
  }

  Response unlock_form(Request& req) {
    return unlock_page(req, "/complaints/inbox?channel=corruption", std::nullopt, 200);
  }

  Response unlock(Request& req) {
    const http::Form& f = *req.form();
    std::string next = f.value("next");
    if (!http::is_local_redirect(next) || !next.starts_with("/complaints/")) next = "/complaints/inbox";
    auto r = svc_.unlock(*req.principal, f.value("password"), session_token(req));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return unlock_page(req, next, r.error(), 422);
    }
    return Response::redirect(next);
  }

 private:
  static Submission submission_of(const http::Form& f, Channel channel) {
    Submission s;
    s.channel = channel;
    s.topic = f.value("topic");
    bool anonymous = f.value("anonymous") == "1";
    s.content = {f.value("subject"),
                 f.value("details"),
                 f.value("accused"),
                 anonymous ? "" : f.value("name"),
                 anonymous ? "" : f.value("phone"),
                 anonymous ? "" : f.value("email")};
    s.attachments = uploads_of(f);
    return s;
  }
  static std::vector<files::Upload> uploads_of(const http::Form& f) {
    std::vector<files::Upload> out;
    for (const http::UploadedFile& u : f.files()) {
      if (u.field == "attachments") out.push_back({u.filename, u.data});
    }
    return out;
  }
  // The channel an officer enters into: the one asked for if theirs, else the one they have.
  static Channel entry_channel(const Request& req) {
    bool general = req.principal->roles.has(Role::complaint_officer) || req.principal->roles.has(Role::admin);
    bool sealed = req.principal->roles.has(Role::corruption_officer);
    Channel asked = channel_of(req);
    if (asked == Channel::corruption && sealed) return asked;
    return general ? Channel::complaint : Channel::corruption;
  }

  static Channel channel_of(const Request& req) {
    return parse_channel(req.query_param("channel").value_or("")).value_or(Channel::complaint);
  }
  std::string status_label(const Request& req, Status s) const {
    return std::string(pages_.t(req, "complaints.status." + std::string(to_string(s))));
  }

  // What the complaint forms (public and staff) show: the channel's fields, refilled after an error.
  json form_json(Request& req, Channel channel, bool anonymous_by_default) {
    const http::Form* f = req.method == Method::post && req.form() ? &*req.form() : nullptr;
    auto v = [&](const char* k) { return f ? f->value(k) : std::string(); };
    bool corruption = channel == Channel::corruption;
    json topics = json::array();
    for (const char* t : {"complaint", "suggestion", "praise"}) {
      topics.push_back({{"value", t},
                        {"label", std::string(pages_.t(req, std::string("complaints.topic.") + t))},
                        {"checked", v("topic").empty() ? std::string(t) == "complaint" : v("topic") == t}});
    }
    return {{"corruption", corruption},
            {"channel", std::string(to_string(channel))},
            {"open", !corruption || svc_.corruption_channel_open(req.agency_id)},
            {"topics", topics},
            {"anonymous", f ? v("anonymous") == "1" : anonymous_by_default},
            {"f",
             {{"subject", v("subject")},
              {"details", v("details")},
              {"accused", v("accused")},
              {"name", v("name")},
              {"phone", v("phone")},
              {"email", v("email")}}}};
  }

  Response form_page(Request& req, Channel channel, const std::optional<Error>& error, int status) {
    json data = form_json(req, channel, channel == Channel::corruption);
    data["title"] = std::string(
        pages_.t(req, channel == Channel::corruption ? "complaints.corruption_title" : "complaints.general_title"));
    if (error) data["error"] = pages_.error_json(req, *error);
    return pages_.page(req, "complaints/new", std::move(data), status);
  }

  Response enter_page(Request& req, Channel channel, const std::optional<Error>& error, int status) {
    json data = form_json(req, channel, false);
    data["title"] = std::string(pages_.t(req, "complaints.enter_title"));
    const http::Form* f = req.method == Method::post && req.form() ? &*req.form() : nullptr;
    std::string via = f ? f->value("via") : "phone";
    json vias = json::array();
    for (Via v : {Via::phone, Via::letter, Via::walk_in}) {
      std::string name(to_string(v));
      vias.push_back({{"value", name},
                      {"label", std::string(pages_.t(req, "complaints.via." + name))},
                      {"selected", name == via}});
    }
    data["vias"] = vias;
    data["may_general"] = req.principal->roles.has(Role::complaint_officer) || req.principal->roles.has(Role::admin);
    data["may_corruption"] = req.principal->roles.has(Role::corruption_officer);
    if (error) data["error"] = pages_.error_json(req, *error);
    return pages_.page(req, "complaints/enter", std::move(data), status);
  }

  Response tracked(Request& req, const std::string& code, const std::optional<Error>& error, bool sent) {
    auto c = svc_.track(req.agency_id, code);
    if (!c) {
      // Unknown, mistyped, another agency's: one answer, which says nothing about what exists.
      json data = {{"title", std::string(pages_.t(req, "complaints.track_title"))},
                   {"error", {{"message", std::string(pages_.t(req, "complaints.code_not_found"))}}}};
      return pages_.page(req, "complaints/track", std::move(data), 404);
    }
    json data = case_json(req, *c, false);
    data["title"] = std::string(pages_.t(req, "complaints.track_title"));
    data["code"] = code;
    data["sent"] = sent;
    if (error) data["error"] = pages_.error_json(req, *error);
    return pages_.page(req, "complaints/tracked", std::move(data), error ? http::status_of(error->kind) : 200);
  }

  json case_json(const Request& req, const Case& c, bool officer) const {
    json events = json::array();
    for (const Event& e : c.events) {
      events.push_back({{"status", std::string(to_string(e.status))},
                        {"label", status_label(req, e.status)},
                        {"note", e.note},
                        {"at", calendar::format_time(e.at, req.lang)}});
    }
    json messages = json::array();
    for (const Message& m : c.messages) {
      messages.push_back(
          {{"from_citizen", m.from_citizen},
           {"who", std::string(pages_.t(req, m.from_citizen ? (officer ? "complaints.citizen" : "complaints.you")
                                                            : "complaints.officer"))},
           {"body", m.body},
           {"at", calendar::format_time(m.at, req.lang)}});
    }
    json attached = json::array();
    for (const Attachment& a : c.files) {
      attached.push_back(
          {{"id", std::to_string(a.id)},
           {"href", "/complaints/cases/" + std::to_string(c.id) + "/files/" + std::to_string(a.id)},
           {"name", a.name},
           {"size", std::to_string((a.size + 1023) / 1024) + " KB"},
           {"who", std::string(pages_.t(req, a.from_citizen ? (officer ? "complaints.citizen" : "complaints.you")
                                                            : "complaints.officer"))},
           {"at", calendar::format_time(a.at, req.lang)}});
    }
    return {{"number", std::to_string(c.id)},
            {"files", attached},
            {"has_files", !attached.empty()},
            {"corruption", c.channel == Channel::corruption},
            {"status", std::string(to_string(c.status))},
            {"status_label", status_label(req, c.status)},
            {"closed", is_closed(c.status)},
            {"topic", c.topic.empty() ? "" : std::string(pages_.t(req, "complaints.topic." + c.topic))},
            {"via", std::string(pages_.t(req, "complaints.via." + std::string(to_string(c.via))))},
            {"subject", c.content.subject},
            {"details", c.content.details},
            {"accused", c.content.accused},
            {"name", c.content.name},
            {"phone", c.content.phone},
            {"email", c.content.email},
            {"anonymous", c.content.anonymous()},
            {"created", calendar::format_time(c.created_at, req.lang)},
            {"events", events},
            {"messages", messages},
            {"has_messages", !messages.empty()}};
  }

  Response officer_failed(Request& req, const Error& e) {
    if (e.kind == ErrorKind::invalid || e.kind == ErrorKind::conflict)
      return officer_case(req, e, http::status_of(e.kind));
    if (e.message_key == "error.sealed_locked") return officer_case(req, std::nullopt, 200);
    return pages_.error(req, e);
  }

  Response unlock_page(Request& req, const std::string& next, const std::optional<Error>& error, int status) {
    json data = {{"title", std::string(pages_.t(req, "complaints.unlock_title"))},
                 {"next", next},
                 {"first_time", !svc_.has_key(*req.principal)}};
    if (error) data["error"] = pages_.error_json(req, *error);
    return pages_.page(req, "complaints/unlock", std::move(data), status);
  }

  Response officer_case(Request& req, const std::optional<Error>& error, int status) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    std::string here = "/complaints/cases/" + std::to_string(*id);
    auto c = svc_.open(*req.principal, *id, session_token(req));
    if (!c) {
      if (c.error().message_key == "error.sealed_locked") return unlock_page(req, here, std::nullopt, 200);
      return pages_.error(req, c.error());
    }
    json data = case_json(req, *c, true);
    data["title"] = std::string(pages_.t(req, "complaints.case_title")) + " " + std::to_string(c->id);
    data["action"] = here;
    data["inbox"] = "/complaints/inbox?channel=" + std::string(to_string(c->channel));
    json moves = json::array();
    for (Status s : {Status::reviewing, Status::forwarded, Status::resolved, Status::rejected}) {
      if (may_move(c->status, s))
        moves.push_back({{"value", std::string(to_string(s))}, {"label", status_label(req, s)}});
    }
    data["moves"] = moves;
    data["can_move"] = !moves.empty();
    data["moved"] = req.query_param("moved").has_value();
    data["replied"] = req.query_param("replied").has_value();
    if (error) data["error"] = pages_.error_json(req, *error);
    return pages_.page(req, "complaints/case", std::move(data), status);
  }

  Service& svc_;
  web::Pages& pages_;
  store::RateLimiter& limiter_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Service& svc, store::RateLimiter& limiter) {
  auto h = std::make_shared<Handlers>(svc, pages, limiter);
  // Forms that may carry attachments: a few files of kMaxAttachmentBytes, and the text.
  constexpr std::size_t kWithFiles = kMaxAttachments * kMaxAttachmentBytes + (1 << 20);
  auto pub = [&](Method m, const char* pattern, Response (Handlers::*fn)(Request&)) {
    router.add(Route(m, pattern, Access::anyone(), http::member(h, fn)).max_body(kWithFiles)).with(Privacy::anonymous);
  };
  pub(Method::get, "/complaints/new", &Handlers::new_form);
  pub(Method::post, "/complaints/new", &Handlers::submit);
  pub(Method::get, "/complaints/track", &Handlers::track_form);
  pub(Method::post, "/complaints/track", &Handlers::track);
  pub(Method::post, "/complaints/track/reply", &Handlers::citizen_reply);
  pub(Method::post, "/complaints/track/file", &Handlers::citizen_file);

  Access officers = Access::roles({Role::admin, Role::complaint_officer, Role::corruption_officer});
  router.add(
      Route(Method::get, "/complaints/cases/{id}/files/{file}", officers, http::member(h, &Handlers::officer_file))
          .on(http::Work::worker_pool));  // up to 10 MB to read and, when sealed, decrypt
  router.add(Route(Method::get, "/complaints/inbox", officers, http::member(h, &Handlers::inbox)));
  router.add(Route(Method::get, "/complaints/cases/new", officers, http::member(h, &Handlers::enter_form)));
  router.add(
      Route(Method::post, "/complaints/cases/new", officers, http::member(h, &Handlers::enter)).max_body(kWithFiles));
  router.add(Route(Method::get, "/complaints/cases/{id}", officers, http::member(h, &Handlers::case_page))
                 .on(http::Work::worker_pool));  // opening a sealed case may share its key: a write
  router.add(Route(Method::post, "/complaints/cases/{id}/status", officers, http::member(h, &Handlers::move)));
  router.add(Route(Method::post, "/complaints/cases/{id}/reply", officers, http::member(h, &Handlers::reply))
                 .max_body(kWithFiles));
  router.add(Route(Method::post, "/complaints/retention", Access::roles({Role::admin}),
                   http::member(h, &Handlers::retention)));
  router.add(Route(Method::get, "/complaints/unlock", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::unlock_form)));
  router.add(Route(Method::post, "/complaints/unlock", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::unlock)));
  pages.add_menu({"menu.complaints", "/complaints/inbox", officers});
}

}  // namespace prongsai::cases
