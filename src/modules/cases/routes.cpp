// The pages of cases. Public: /complaints/new (the general channel, and with
// ?channel=corruption the sealed one), the receipt page, /track (by code, for complaints and
// E-Service requests alike, with the messages, a reply form and a request's PDF slip; also at
// /complaints/track). Codes travel only in POST bodies, never in an address the server sees, so
// they stay out of referrers and logs; every public route is Privacy::anonymous. The slip's QR
// code opens /track#code=…: the fragment stays in the phone, a script there fills in the form.
// Staff: /complaints/inbox, /complaints/cases/{id} with its status and reply forms,
// /complaints/unlock for corruption officers; /requests (a unit's queue of requests, overdue
// first) and /requests/{id}, which adds forwarding to another unit.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "documents/table_report.hpp"
#include "http/errors.hpp"
#include "http/pipeline.hpp"
#include "modules/cases/module.hpp"
#include "modules/cases/receipt.hpp"
#include "web/public_form.hpp"

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

// When something happened, as the case keeps it: a corruption complaint's citizen keeps only
// the day (store::Actor::day_only), so the day is all that is shown of it.
std::string when_shown(const Request& req, std::int64_t at, bool day_only) {
  return day_only ? calendar::format(calendar::local_date(at), req.lang) : calendar::format_time(at, req.lang);
}

// Which officers' pages a set of handlers serves: complaints under /complaints/cases/, or
// E-Service requests under /requests/ (mounted by the module that offers the E-Service).
enum class Desk { complaints, requests };

class Handlers {
 public:
  Handlers(Service& svc, web::Pages& pages, MemoryLimiter& limiter, const Clock& clock, SatisfactionLink satisfaction,
           Desk desk = Desk::complaints)
      : desk_(desk),
        svc_(svc),
        pages_(pages),
        limiter_(limiter),
        guard_(limiter, "complaint-address", kSubmissionsPerHour),
        clock_(clock),
        satisfaction_(std::move(satisfaction)) {}

  // ---- Public ----

  Response new_form(Request& req) { return form_page(req, channel_of(req), std::nullopt, 200); }

  Response submit(Request& req) {
    const http::Form& f = req.form();
    Channel channel = parse_channel(f.value("channel")).value_or(Channel::complaint);
    if (auto refused = guard_.refuse(req)) return form_page(req, channel, *refused, http::status_of(refused->kind));
    Submission s = submission_of(f, channel);
    std::tie(s.content.notify, s.content.line_user) =
        web::notify_chosen(req, svc_.notify(), channel == Channel::corruption);
    auto receipt = svc_.submit(req.agency_id, s, store::Actor::citizen());
    if (!receipt) return form_page(req, channel, receipt.error(), http::status_of(receipt.error().kind));
    guard_.taken(req);
    return pages_.page(req, "complaints/receipt",
                       {{"title", std::string(pages_.t(req, "complaints.receipt_title"))},
                        {"code", receipt->code},
                        {"corruption", channel == Channel::corruption}});
  }

  Response track_form(Request& req) {
    return pages_.page(req, "complaints/track", {{"title", t(req, "complaints.track_title")}});
  }

  Response track(Request& req) {
    if (over(req, "track-address", kLookupsPerHour)) return pages_.error(req, too_many_lookups());
    return tracked(req, req.form().value("code"), std::nullopt, false);
  }

  // A request's slip (A4 PDF): what was asked, when it is due, the code, and a QR code that
  // opens the tracking page with the code filled in.
  Response citizen_pdf(Request& req) {
    if (over(req, "track-address", kLookupsPerHour)) return pages_.error(req, too_many_lookups());
    std::string code = req.form().value("code");
    auto c = svc_.track(req.agency_id, code);
    if (!c || c->channel != Channel::request) return not_found_code(req);
    documents::TableReport r;
    r.lang = req.lang == Lang::en ? "en" : "th";
    r.portrait = true;
    auto found = svc_.accounts().agency(req.agency_id);
    std::string agency = found ? found->name_th : "";
    r.author = agency;
    r.title = t(req, "requests.slip_title") + " " + std::to_string(c->id);
    r.heading = {t(req, "requests.slip_title"), agency};
    r.cover = {c->content.subject, t(req, "complaints.number") + " " + std::to_string(c->id) + " · " +
                                       t(req, "complaints.sent_on") + " " +
                                       calendar::format_time(c->created_at, req.lang)};
    if (auto due = calendar::parse_iso(c->due_day))
      r.cover.push_back(t(req, "requests.due") + " " + calendar::format(*due, req.lang, calendar::Style::long_form));
    r.cover.push_back(t(req, "complaints.your_code") + " " + code_shown(code));
    r.qr = http::public_origin(req) + "/track#code=" + code_shown(code);
    r.intro = t(req, "requests.slip_intro");
    r.columns = {{t(req, "requests.item"), 1}, {t(req, "requests.answer"), 2.4}};
    auto row = [&](std::string label, std::string value) {
      if (!value.empty()) r.rows.push_back({{std::move(label)}, {std::move(value)}});
    };
    row(t(req, "complaints.status"), status_label(req, c->status));
    row(t(req, "requests.unit"), accounts::unit_name(svc_.accounts().units(req.agency_id), c->unit_id));
    for (const auto& a : answers_of(req, *c)) row(a.at("label").get<std::string>(), a.at("text").get<std::string>());
    row(t(req, "complaints.name"), c->content.name);
    row(t(req, "complaints.phone"), c->content.phone);
    row(t(req, "complaints.email"), c->content.email);
    Response res =
        Response::file(documents::render_pdf(r), "application/pdf", "request-" + std::to_string(c->id) + ".pdf");
    res.header("Cache-Control", "no-store");
    return res;
  }

  Response citizen_reply(Request& req) {
    const http::Form& f = req.form();
    std::string code = f.value("code");
    if (over(req, "reply-address", kRepliesPerHour))
      return tracked(req, code, Error::make(ErrorKind::too_many_requests, "error.too_many_replies"), false);
    auto r = svc_.citizen_reply(req.agency_id, code, f.value("body"), uploads_of(f));
    if (!r) return tracked(req, code, r.error(), false);
    return tracked(req, code, std::nullopt, true);
  }

  // A file of the case, for the holder of its code (in the body, never in the address).
  Response citizen_file(Request& req) {
    if (over(req, "track-address", kLookupsPerHour)) return pages_.error(req, too_many_lookups());
    const http::Form& f = req.form();
    auto id = text::parse_id(f.value("file"));
    auto found = id ? svc_.citizen_file(req.agency_id, f.value("code"), *id)
                    : Result<std::pair<files::Ref, std::string>>(fail(Error::not_found()));
    if (!found) return pages_.error(req, Error::not_found());
    return case_file(found->first, std::move(found->second));
  }

  // ---- Officers ----

  Response officer_file(Request& req) {
    auto id = req.id_param("id");
    auto fid = req.id_param("file");
    if (!id || !fid) return pages_.error(req, Error::not_found());
    auto found = svc_.officer_file(*req.principal, *id, *fid, session_token(req));
    if (!found) return pages_.error(req, found.error());
    return case_file(found->first, std::move(found->second));
  }

  // A case's file, decrypted when sealed: kept by no browser cache or proxy (a shared office
  // computer's cache would hold a corruption complaint's evidence in clear for a day).
  static Response case_file(const files::Ref& ref, std::string data) {
    return files::download(ref, std::move(data), files::Caching::none);
  }

  Response inbox(Request& req) { return inbox_page(req, std::nullopt, 200); }

  Response inbox_page(Request& req, const std::optional<Error>& custodian_error, int status) {
    Channel channel = channel_of(req);
    if (!req.query_param("channel") && !req.principal->roles.has(Role::complaint_officer) &&
        !req.principal->roles.has(Role::admin))
      channel = Channel::corruption;  // a corruption officer's inbox is the sealed one
    bool corruption = channel == Channel::corruption;
    auto list = svc_.inbox(*req.principal, channel);
    std::int64_t awaiting = corruption ? svc_.awaiting_confirmation(*req.principal) : 0;
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
                      {"created", when_shown(req, s.created_at, corruption)},
                      {"updated", when_shown(req, s.updated_at, corruption)},
                      {"waiting", s.citizen_waiting}});
    }
    return pages_.page(
        req, "complaints/inbox",
        {{"title", std::string(pages_.t(req, corruption ? "complaints.inbox_corruption" : "complaints.inbox_general"))},
         {"rows", rows},
         {"empty", rows.empty()},
         {"corruption", corruption},
         {"unlocked", corruption && svc_.unlocked(*req.principal, session_token(req))},
         {"awaiting", std::to_string(awaiting)},
         {"has_awaiting", awaiting > 0},
         {"unconfirmed", corruption && svc_.unconfirmed(*req.principal)},
         {"may_general", req.principal->roles.has(Role::complaint_officer) || req.principal->roles.has(Role::admin)},
         {"may_corruption", req.principal->roles.has(Role::corruption_officer)},
         {"is_admin", req.principal->roles.has(Role::admin)},
         {"retention_days", std::to_string(svc_.retention_days(req.agency_id))},
         {"retention_saved", req.query_param("retention").has_value()},
         {"intake", intake_view(req)},
         {"custodian_card", custodian_card(req, custodian_error)}},
        status);
  }

  // For the admin: the agency's outside custodian, and the form that names it.
  json custodian_card(Request& req, const std::optional<Error>& error) {
    if (!req.principal->roles.has(Role::admin)) return nullptr;
    json card = {{"saved", req.query_param("custodian").value_or("")}};
    if (auto c = svc_.custodian(req.agency_id)) card["current"] = custodian_json(req, *c);
    if (error) {
      card["error"] = pages_.error_json(req, *error);
      card["name"] = req.form().value("name");
      card["public_key"] = req.form().value("public_key");
    }
    return card;
  }

  json custodian_json(Request& req, const Custodian& c) {
    json j = {{"name", c.name},
              {"fingerprint", c.fingerprint},
              {"public_key", c.public_key},
              {"registered_by", c.registered_by_name},
              {"registered_at", calendar::format_time(c.registered_at, req.lang)},
              {"confirmed", c.confirmed_at.has_value()},
              {"copies", std::to_string(c.copies)},
              {"missing", std::to_string(c.missing)},
              {"has_missing", c.missing > 0}};
    if (c.confirmed_at) {
      j["confirmed_at"] = calendar::format_time(*c.confirmed_at, req.lang);
      j["confirmed_by"] = c.confirmed_by_name;
    }
    return j;
  }

  Response register_custodian(Request& req) {
    const http::Form& f = req.form();
    auto r = svc_.register_custodian(*req.principal, f.value("name"), f.value("public_key"));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return inbox_page(req, r.error(), 422);
    }
    return Response::redirect("/complaints/inbox?custodian=registered#custodian-heading");
  }

  // The admin from the inbox, an officer from the keys page.
  Response remove_custodian(Request& req) {
    bool admin = req.principal->roles.has(Role::admin);
    if (req.form().value("sure") != "1") {
      Error e = Error::invalid_field("sure", "error.custodian_remove_unsure");
      return admin ? inbox_page(req, e, 422) : keys_page(req, e, 422);
    }
    if (auto r = svc_.remove_custodian(*req.principal); !r) return pages_.error(req, r.error());
    if (admin) return Response::redirect("/complaints/inbox?custodian=removed#custodian-heading");
    return Response::redirect("/complaints/keys?custodian=removed#custodian-heading");
  }

  Response seal_to_custodian(Request& req) {
    auto r = svc_.seal_to_custodian(*req.principal, session_token(req));
    if (!r) return keys_refused(req, r.error());
    return Response::redirect("/complaints/keys?sealed=" + std::to_string(*r) + "#custodian-heading");
  }

  // The request file, to send the custodian: kept by no cache (it names the officer).
  Response custodian_request(Request& req) {
    auto r = svc_.custodian_request(*req.principal);
    if (!r) return keys_refused(req, r.error());
    Response res = Response::file(std::move(r->first), "application/json; charset=utf-8",
                                  "custodian-request-" + calendar::iso(calendar::local_date(clock_.now())) + ".json");
    res.header("Cache-Control", "no-store");
    return res;
  }

  Response custodian_answer(Request& req) {
    const http::UploadedFile* upload = req.form().file("answer");
    if (!upload || upload->data.empty()) return keys_page(req, Error::invalid_field("answer", "error.required"), 422);
    auto r = svc_.import_custodian_answer(*req.principal, upload->data, session_token(req));
    if (!r) return keys_refused(req, r.error());
    return Response::redirect("/complaints/keys?gained=" + std::to_string(*r) + "#custodian-heading");
  }

  // For the admin: what citizens attached today against the day's ceiling.
  json intake_view(Request& req) {
    if (!req.principal->roles.has(Role::admin)) return nullptr;
    Service::Intake in = svc_.attachment_intake(req.agency_id);
    return {{"today_mb", text::fixed(static_cast<double>(in.bytes) / (1 << 20), 1)},
            {"ceiling_mb", std::to_string(in.ceiling_mb)},
            {"reached", in.reached},
            {"min", std::to_string(Service::kMinAttachmentMbPerDay)},
            {"max", std::to_string(Service::kMaxAttachmentMbPerDay)},
            {"saved", req.query_param("ceiling").has_value()}};
  }

  Response attachment_ceiling(Request& req) {
    auto mb = text::parse_id(req.form().value("attachment_mb"));
    auto r = mb ? svc_.set_attachment_ceiling(*req.principal, *mb)
                : Result<void>(fail(Error::invalid_field("attachment_mb", "error.attachment_ceiling_range")));
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/complaints/inbox?ceiling=1");
  }

  Response retention(Request& req) {
    auto days = text::parse_id(req.form().value("retention_days"));
    auto r = days && *days <= 100000
                 ? svc_.set_retention_days(*req.principal, static_cast<int>(*days))
                 : Result<void>(fail(Error::invalid_field("retention_days", "error.retention_range")));
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/complaints/inbox?retention=1");
  }

  Response case_page(Request& req) { return officer_case(req, std::nullopt, 200); }

  // The requests of the caller's units (everyone's for the admin and executives), overdue first.
  Response queue(Request& req) {
    auto list = svc_.queue(*req.principal);
    if (!list) return pages_.error(req, list.error());
    calendar::Date today = calendar::local_date(clock_.now());
    std::vector<accounts::Unit> units = svc_.accounts().units(req.agency_id);
    // The admin opens any request, staff their units' ones; an executive reads the queue only.
    bool admin = req.principal->roles.has(Role::admin);
    std::vector<std::int64_t> mine = svc_.unit_ids(*req.principal);
    auto may_open = [&](const Summary& s) {
      return admin || (s.unit_id && std::find(mine.begin(), mine.end(), *s.unit_id) != mine.end());
    };
    json open_rows = json::array(), closed_rows = json::array();
    std::int64_t overdue = 0;
    for (const Summary& s : *list) {
      Timeliness when = timeliness(s.due_day, today, s.closed_at);
      overdue += when == Timeliness::overdue;
      json row = {{"href", may_open(s) ? "/requests/" + std::to_string(s.id) : ""},
                  {"number", std::to_string(s.id)},
                  {"service", s.subject},
                  {"unit", accounts::unit_name(units, s.unit_id)},
                  {"status", std::string(to_string(s.status))},
                  {"status_label", status_label(req, s.status)},
                  {"via", t(req, "complaints.via." + std::string(to_string(s.via)))},
                  {"received", calendar::format_time(s.created_at, req.lang)},
                  {"due", due_shown(req, s.due_day)},
                  {"when", std::string(to_string(when))},
                  {"when_label", t(req, "requests.when." + std::string(to_string(when)))},
                  {"overdue", when == Timeliness::overdue},
                  {"waiting", s.citizen_waiting}};
      (s.closed_at ? closed_rows : open_rows).push_back(std::move(row));
    }
    // Overdue first, then by the day they are due (the query's order).
    std::stable_partition(open_rows.begin(), open_rows.end(),
                          [](const json& r) { return r.at("overdue").get<bool>(); });
    return pages_.page(req, "requests/queue",
                       {{"title", t(req, "requests.queue_title")},
                        {"open", open_rows},
                        {"closed", closed_rows},
                        {"has_open", !open_rows.empty()},
                        {"has_closed", !closed_rows.empty()},
                        {"open_count", std::to_string(open_rows.size())},
                        {"overdue_count", std::to_string(overdue)},
                        {"has_overdue", overdue > 0},
                        {"may_enter", admin || !mine.empty()},
                        {"forwarded", req.query_param("forwarded").value_or("")}});
  }

  Response forward(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    auto unit = text::parse_id(f.value("unit"));
    auto r = unit ? svc_.forward(*req.principal, *id, *unit, f.value("note"))
                  : Result<void>(fail(Error::invalid_field("unit", "error.choice")));
    if (!r) return officer_failed(req, r.error());
    // Another unit's now: the sender may no longer open it.
    return Response::redirect("/requests?forwarded=" + std::to_string(*id));
  }

  // A complaint taken by phone, letter or at the counter.
  Response enter_form(Request& req) { return enter_page(req, entry_channel(req), std::nullopt, 200); }

  Response enter(Request& req) {
    const http::Form& f = req.form();
    Channel channel = parse_channel(f.value("channel")).value_or(Channel::complaint);
    auto via = parse_via(f.value("via"));
    if (!via) return enter_page(req, channel, Error::invalid_field("via", "error.choice"), 422);
    Submission s = submission_of(f, channel);
    s.content.notify = f.value("notify") == "mail" ? "mail" : "";  // staff enter no LINE user
    s.via = *via;
    auto receipt = svc_.enter(*req.principal, s);
    if (!receipt) {
      if (receipt.error().kind == ErrorKind::forbidden || receipt.error().kind == ErrorKind::locked)
        return pages_.error(req, receipt.error());
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
    const http::Form& f = req.form();
    auto to = parse_status(f.value("status"));
    if (!to) return officer_case(req, Error::invalid_field("status", "error.choice"), 422);
    auto r = svc_.move(*req.principal, *id, *to, f.value("note"), session_token(req));
    if (!r) return officer_failed(req, r.error());
    return Response::redirect(case_base() + std::to_string(*id) + "?moved=1");
  }

  Response reply(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto r =
        svc_.officer_reply(*req.principal, *id, req.form().value("body"), session_token(req), uploads_of(req.form()));
    if (!r) return officer_failed(req, r.error());
    return Response::redirect(case_base() + std::to_string(*id) + "?replied=1");
  }

  // Who holds the channel's key, who confirmed whom, and the colleagues waiting: every officer
  // sees it; a confirmed holder with an unlocked key confirms from here.
  Response keys(Request& req) { return keys_page(req, std::nullopt, 200); }

  Response confirm_holder(Request& req) {
    auto id = req.id_param("user");
    if (!id) return pages_.error(req, Error::not_found());
    auto r = svc_.confirm_holder(*req.principal, *id, session_token(req));
    if (!r) return keys_refused(req, r.error());
    return Response::redirect("/complaints/keys?confirmed=" + std::to_string(*r));
  }

  Response unlock_form(Request& req) {
    return unlock_page(req, "/complaints/inbox?channel=corruption", std::nullopt, 200);
  }

  Response unlock(Request& req) {
    const http::Form& f = req.form();
    std::string next = f.value("next");
    if (!http::is_local_redirect(next) || !next.starts_with("/complaints/")) next = "/complaints/inbox";
    auto r = svc_.unlock(*req.principal, f.value("password"), session_token(req), f.value("recovery_code"));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return unlock_page(req, next, r.error(), 422);
    }
    if (*r) return recovery_page(req, **r, next);
    return Response::redirect(next);
  }

  // The recovery code lost with the password: a new key, waiting for confirmation again.
  Response start_over(Request& req) {
    auto r = svc_.start_over(*req.principal, req.form().value("password"), session_token(req));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return unlock_page(req, "/complaints/keys", r.error(), 422);
    }
    if (*r) return recovery_page(req, **r, "/complaints/keys");
    return Response::redirect("/complaints/keys");
  }

  Response new_recovery_code(Request& req) {
    auto r = svc_.new_recovery_code(*req.principal, session_token(req));
    if (!r) {
      if (r.error().kind == ErrorKind::locked) return unlock_page(req, "/complaints/keys", std::nullopt, 200);
      return pages_.error(req, r.error());
    }
    return recovery_page(req, *r, "/complaints/keys");
  }

 private:
  // Following a case by its code: a person looks a few times an hour and replies a few times; a
  // program trying codes, or filling the disk through one code, needs far more. Counted per
  // client (an IPv6 /64) in this node's memory only, like the submissions.
  static constexpr std::int64_t kLookupsPerHour = 60;
  static constexpr std::int64_t kRepliesPerHour = 10;
  bool over(const Request& req, std::string_view kind, std::int64_t per_hour) {
    return limiter_.hit(limiter_.key_for(kind, req.client()), kHour) > per_hour;
  }
  static Error too_many_lookups() { return Error::make(ErrorKind::too_many_requests, "error.too_many_lookups"); }

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
                 anonymous ? "" : f.value("email"),
                 {}};
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
  std::string t(const Request& req, const std::string& key) const { return std::string(pages_.t(req, key)); }
  // Where this desk's case pages live.
  std::string case_base() const { return desk_ == Desk::requests ? "/requests/" : "/complaints/cases/"; }
  static std::string code_shown(std::string_view code) {
    auto canonical = normalise_receipt(code);
    return canonical ? group_receipt(*canonical) : std::string();
  }
  std::string due_shown(const Request& req, std::string_view due_day) const {
    auto d = calendar::parse_iso(due_day);
    return d ? calendar::format(*d, req.lang) : "";
  }
  // A request's answers in the page's language: [{label, text}].
  static json answers_of(const Request& req, const Case& c) {
    json out = json::array();
    auto stored = json::parse(c.content.answers.empty() ? "[]" : c.content.answers, nullptr, false);
    if (!stored.is_array()) return out;
    for (const json& a : stored) {
      std::string label = a.value("label_th", "");
      if (req.lang == Lang::en && !a.value("label_en", "").empty()) label = a.value("label_en", "");
      out.push_back({{"label", label}, {"text", a.value("text", "")}});
    }
    return out;
  }
  Response not_found_code(Request& req) {
    // Unknown, mistyped, another agency's: one answer, which says nothing about what exists.
    json data = {{"title", t(req, "complaints.track_title")},
                 {"error", {{"message", t(req, "complaints.code_not_found")}}}};
    return pages_.page(req, "complaints/track", std::move(data), 404);
  }

  // What the complaint forms (public and staff) show: the channel's fields, refilled after an error.
  json form_json(Request& req, Channel channel, bool anonymous_by_default) {
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
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
            {"notify", web::notify_choices(req, svc_.notify(), corruption)},
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
    // Who else holds a way to the keys, said to the person about to trust the channel.
    if (channel == Channel::corruption)
      if (auto name = svc_.confirmed_custodian(req.agency_id))
        data["custodian_note"] = text::fill(t(req, "complaints.custodian_note"), "name", *name);
    return pages_.form(req, "complaints/new", std::move(data), error, status);
  }

  Response enter_page(Request& req, Channel channel, const std::optional<Error>& error, int status) {
    json data = form_json(req, channel, false);
    data["title"] = std::string(pages_.t(req, "complaints.enter_title"));
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
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
    return pages_.form(req, "complaints/enter", std::move(data), error, status);
  }

  Response tracked(Request& req, const std::string& code, const std::optional<Error>& error, bool sent) {
    auto c = svc_.track(req.agency_id, code);
    if (!c) return not_found_code(req);
    json data = case_json(req, *c, false);
    data["title"] = std::string(pages_.t(req, "complaints.track_title"));
    if (c->channel == Channel::request && is_closed(c->status) && satisfaction_) {
      if (auto link = satisfaction_(req.agency_id)) data["satisfaction"] = *link;
    }
    data["code"] = code;
    data["sent"] = sent;
    return pages_.form(req, "complaints/tracked", std::move(data), error, error ? http::status_of(error->kind) : 200);
  }

  json case_json(const Request& req, const Case& c, bool officer) const {
    bool request = c.channel == Channel::request;
    bool sealed = c.channel == Channel::corruption;
    std::vector<accounts::Unit> units;  // who holds a request, and where it was forwarded
    if (request) units = svc_.accounts().units(req.agency_id);
    json events = json::array();
    for (const Event& e : c.events) {
      events.push_back({{"status", std::string(to_string(e.status))},
                        {"label", status_label(req, e.status)},
                        {"unit", accounts::unit_name(units, e.unit_id)},
                        {"note", e.note},
                        {"at", when_shown(req, e.at, sealed && e.status == Status::received)}});
    }
    json messages = json::array();
    for (const Message& m : c.messages) {
      messages.push_back(
          {{"from_citizen", m.from_citizen},
           {"who", std::string(pages_.t(req, m.from_citizen ? (officer ? "complaints.citizen" : "complaints.you")
                                                            : "complaints.officer"))},
           {"body", m.body},
           {"at", when_shown(req, m.at, sealed && m.from_citizen)}});
    }
    json attached = json::array();
    std::string base = request ? "/requests/" : "/complaints/cases/";
    for (const Attachment& a : c.files) {
      attached.push_back(
          {{"id", std::to_string(a.id)},
           {"href", base + std::to_string(c.id) + "/files/" + std::to_string(a.id)},
           {"name", a.name},
           {"size", files::size_label(a.size)},
           {"who", std::string(pages_.t(req, a.from_citizen ? (officer ? "complaints.citizen" : "complaints.you")
                                                            : "complaints.officer"))},
           {"at", when_shown(req, a.at, sealed && a.from_citizen)}});
    }
    json answers = answers_of(req, c);
    Timeliness when = timeliness(c.due_day, calendar::local_date(clock_.now()), c.closed_at);
    return {{"number", std::to_string(c.id)},
            {"request", request},
            {"answers", answers},
            {"has_answers", !answers.empty()},
            {"unit", accounts::unit_name(units, c.unit_id)},
            {"due", due_shown(req, c.due_day)},
            {"when", std::string(to_string(when))},
            {"when_label", t(req, "requests.when." + std::string(to_string(when)))},
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
            {"has_details", !c.content.details.empty()},
            {"accused", c.content.accused},
            {"name", c.content.name},
            {"phone", c.content.phone},
            {"email", c.content.email},
            {"anonymous", c.content.anonymous()},
            {"created", when_shown(req, c.created_at, sealed)},
            {"events", events},
            {"messages", messages},
            {"has_messages", !messages.empty()}};
  }

  Response officer_failed(Request& req, const Error& e) {
    if (e.kind == ErrorKind::invalid || e.kind == ErrorKind::conflict)
      return officer_case(req, e, http::status_of(e.kind));
    if (e.kind == ErrorKind::locked) return officer_case(req, std::nullopt, 200);
    return pages_.error(req, e);
  }

  // An action on the keys page refused: a locked key leads to the unlock form, a holder or
  // custodian that is not there to the error page, anything else back to the page, said.
  Response keys_refused(Request& req, const Error& e) {
    if (e.kind == ErrorKind::locked) return unlock_page(req, "/complaints/keys", std::nullopt, 200);
    if (e.kind == ErrorKind::not_found) return pages_.error(req, e);
    return keys_page(req, e, http::status_of(e.kind));
  }

  Response keys_page(Request& req, const std::optional<Error>& error, int status) {
    auto k = svc_.key_holders(*req.principal);
    if (!k) return pages_.error(req, k.error());
    bool me_confirmed = false;
    for (const auto& h : k->holders)
      if (h.user_id == req.principal->user_id && h.confirmed_at) me_confirmed = true;
    json holders = json::array(), waiting = json::array(), grants = json::array();
    for (const auto& h : k->holders) {
      json row = {{"id", std::to_string(h.user_id)},
                  {"name", h.name},
                  {"email", h.email},
                  {"position", h.position},
                  {"me", h.user_id == req.principal->user_id},
                  {"made", calendar::format_time(h.created_at, req.lang)}};
      if (h.confirmed_at) {
        row["confirmed"] = calendar::format_time(*h.confirmed_at, req.lang);
        row["first"] = h.confirmed_by == h.user_id;
        row["by"] = h.confirmed_by_name;
        holders.push_back(std::move(row));
      } else if (h.officer) {
        row["may_confirm"] = me_confirmed && h.user_id != req.principal->user_id;
        waiting.push_back(std::move(row));
      }
    }
    for (const auto& g : k->grants) {
      grants.push_back({{"to", g.to_name},
                        {"by", g.by_name},
                        {"first", g.user_id == g.granted_by},
                        {"custodian", g.via_custodian},
                        {"at", calendar::format_time(g.at, req.lang)},
                        {"cases", std::to_string(g.cases)}});
    }
    json data = {{"title", t(req, "keys.title")},
                 {"holders", holders},
                 {"waiting", waiting},
                 {"has_waiting", !waiting.empty()},
                 {"grants", grants},
                 {"me_confirmed", me_confirmed},
                 {"has_recovery", svc_.has_recovery(*req.principal)},
                 {"unlocked", svc_.unlocked(*req.principal, session_token(req))},
                 {"my_fingerprint", svc_.key_fingerprint(*req.principal)}};
    if (auto c = svc_.custodian(req.agency_id)) {
      data["custodian"] = custodian_json(req, *c);
      std::int64_t holds = c->confirmed_at && me_confirmed ? svc_.custodian_holds_for(*req.principal) : 0;
      data["custodian"]["holds"] = std::to_string(holds);
      data["custodian"]["may_ask"] = holds > 0;
      data["custodian"]["may_confirm"] = !c->confirmed_at && me_confirmed;
      data["custodian"]["may_seal"] = c->confirmed_at && me_confirmed && c->missing > 0;
    }
    if (auto n = req.query_param("confirmed")) data["confirmed"] = *n;
    if (auto n = req.query_param("sealed")) data["sealed"] = *n;
    if (auto n = req.query_param("gained")) data["gained"] = *n;
    data["custodian_removed"] = req.query_param("custodian") == "removed";
    return pages_.form(req, "complaints/keys", std::move(data), error, status);
  }

  // A recovery code, shown once: kept by no cache.
  Response recovery_page(Request& req, const std::string& code, const std::string& next) {
    // In groups that each stay on one line: a phone breaks the code only between them.
    json groups = json::array();
    for (std::size_t at = 0; at < code.size(); at += 6) groups.push_back(code.substr(at, 6));
    Response res = pages_.page(req, "complaints/recovery",
                               {{"title", t(req, "recovery.title")}, {"groups", groups}, {"next", next}}, 200);
    res.header("Cache-Control", "no-store");
    return res;
  }

  Response unlock_page(Request& req, const std::string& next, const std::optional<Error>& error, int status) {
    json data = {{"title", std::string(pages_.t(req, "complaints.unlock_title"))},
                 {"next", next},
                 {"first_time", !svc_.has_key(*req.principal)},
                 {"recovering", svc_.needs_recovery(*req.principal)}};
    return pages_.form(req, "complaints/unlock", std::move(data), error, status);
  }

  Response officer_case(Request& req, const std::optional<Error>& error, int status) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto c = svc_.open(*req.principal, *id, session_token(req));
    if (!c) {
      if (c.error().kind == ErrorKind::locked)
        return unlock_page(req, "/complaints/cases/" + std::to_string(*id), std::nullopt, 200);
      return pages_.error(req, c.error());
    }
    bool request = c->channel == Channel::request;
    // One case, one address: a request opened under /complaints/cases/ goes to its own.
    if (request != case_base().starts_with("/requests/"))
      return Response::redirect((request ? "/requests/" : "/complaints/cases/") + std::to_string(*id));
    json data = case_json(req, *c, true);
    data["title"] = t(req, request ? "requests.case_title" : "complaints.case_title") + " " + std::to_string(c->id);
    data["action"] = case_base() + std::to_string(c->id);
    data["inbox"] = request ? "/requests" : "/complaints/inbox?channel=" + std::string(to_string(c->channel));
    json moves = json::array();
    for (Status s :
         {Status::reviewing, Status::info_requested, Status::forwarded, Status::resolved, Status::rejected}) {
      if (request && s == Status::forwarded) continue;  // the forward form names the unit
      if (may_move(c->status, s))
        moves.push_back({{"value", std::string(to_string(s))}, {"label", status_label(req, s)}});
    }
    if (request && may_move(c->status, Status::forwarded)) {
      json units = json::array();
      for (const auto& u : svc_.accounts().units(req.agency_id))
        if (u.active && u.id != c->unit_id.value_or(0))
          units.push_back({{"id", std::to_string(u.id)}, {"name", u.name_th}});
      data["forward_units"] = units;
      data["may_forward"] = !units.empty();
    }
    data["moves"] = moves;
    data["can_move"] = !moves.empty();
    data["moved"] = req.query_param("moved").has_value();
    data["replied"] = req.query_param("replied").has_value();
    return pages_.form(req, "complaints/case", std::move(data), error, status);
  }

  Desk desk_;
  Service& svc_;
  web::Pages& pages_;
  MemoryLimiter& limiter_;
  web::PublicFormGuard guard_;
  const Clock& clock_;
  SatisfactionLink satisfaction_;
};

// Forms that may carry attachments: a few files of kMaxAttachmentBytes, and the text.
constexpr std::size_t kWithFiles = kMaxAttachments * kMaxAttachmentBytes + (1 << 20);

}  // namespace

void mount(http::Router& router, web::Pages& pages, Service& svc, MemoryLimiter& limiter, const Clock& clock,
           SatisfactionLink satisfaction) {
  auto h = std::make_shared<Handlers>(svc, pages, limiter, clock, std::move(satisfaction));
  using http::BodyRule;
  // A file to read and, when sealed, decrypt (up to kMaxAttachmentBytes) is worked on the pool.
  auto pub = [&](Method m, const char* pattern, Response (Handlers::*fn)(Request&), BodyRule body,
                 http::Work work = http::Work::io_thread) {
    router.add(Route(m, pattern, Access::anyone(), http::member(h, fn)).takes(body).on(work)).with(Privacy::anonymous);
  };
  pub(Method::get, "/complaints/new", &Handlers::new_form, BodyRule::none());
  pub(Method::post, "/complaints/new", &Handlers::submit, BodyRule::upload(kWithFiles, BodyRule::kTextFormBytes));
  pub(Method::get, "/complaints/track", &Handlers::track_form, BodyRule::none());
  pub(Method::post, "/complaints/track", &Handlers::track, BodyRule::small_form());
  pub(Method::post, "/complaints/track/reply", &Handlers::citizen_reply,
      BodyRule::upload(kWithFiles, BodyRule::kTextFormBytes));
  pub(Method::post, "/complaints/track/file", &Handlers::citizen_file, BodyRule::small_form(), http::Work::worker_pool);
  // The one tracking page for complaints and requests (the complaint paths above stay valid).
  pub(Method::get, "/track", &Handlers::track_form, BodyRule::none());
  pub(Method::post, "/track", &Handlers::track, BodyRule::small_form());
  pub(Method::post, "/track/reply", &Handlers::citizen_reply, BodyRule::upload(kWithFiles, BodyRule::kTextFormBytes));
  pub(Method::post, "/track/file", &Handlers::citizen_file, BodyRule::small_form(), http::Work::worker_pool);
  router
      .add(Route(Method::post, "/track/pdf", Access::anyone(), http::member(h, &Handlers::citizen_pdf))
               .on(http::Work::worker_pool)  // shaping and drawing a page: off the I/O threads
               .takes(BodyRule::small_form()))
      .with(Privacy::anonymous);

  Access officers = Access::roles({Role::admin, Role::complaint_officer, Role::corruption_officer});
  router.add(
      Route(Method::get, "/complaints/cases/{id}/files/{file}", officers, http::member(h, &Handlers::officer_file))
          .on(http::Work::worker_pool));  // up to 10 MB to read and, when sealed, decrypt
  router.add(Route(Method::get, "/complaints/inbox", officers, http::member(h, &Handlers::inbox)));
  router.add(Route(Method::get, "/complaints/cases/new", officers, http::member(h, &Handlers::enter_form)));
  router.add(Route(Method::post, "/complaints/cases/new", officers, http::member(h, &Handlers::enter))
                 .takes(http::BodyRule::upload(kWithFiles)));
  router.add(Route(Method::get, "/complaints/cases/{id}", officers, http::member(h, &Handlers::case_page))
                 .on(http::Work::worker_pool));  // a sealed case: its key opened, its text decrypted
  router.add(Route(Method::post, "/complaints/cases/{id}/status", officers, http::member(h, &Handlers::move)));
  router.add(Route(Method::post, "/complaints/cases/{id}/reply", officers, http::member(h, &Handlers::reply))
                 .takes(http::BodyRule::upload(kWithFiles)));
  router.add(Route(Method::post, "/complaints/retention", Access::roles({Role::admin}),
                   http::member(h, &Handlers::retention)));
  router.add(Route(Method::post, "/complaints/attachment-ceiling", Access::roles({Role::admin}),
                   http::member(h, &Handlers::attachment_ceiling)));
  router.add(Route(Method::get, "/complaints/keys", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::keys)));
  router.add(Route(Method::post, "/complaints/keys/{user}/confirm", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::confirm_holder))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/complaints/keys/recovery", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::new_recovery_code))
                 .takes(http::BodyRule::small_form()));
  // The outside custodian: named by the admin, confirmed and used by the officers.
  router.add(Route(Method::post, "/complaints/custodian", Access::roles({Role::admin}),
                   http::member(h, &Handlers::register_custodian))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/complaints/custodian/remove", Access::roles({Role::admin, Role::corruption_officer}),
                   http::member(h, &Handlers::remove_custodian))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/complaints/keys/custodian", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::seal_to_custodian))
                 .takes(http::BodyRule::small_form())
                 .on(http::Work::worker_pool));  // every case key the holder has, opened and sealed again
  router.add(Route(Method::post, "/complaints/keys/custodian/request", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::custodian_request))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/complaints/keys/custodian/answer", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::custodian_answer))
                 .takes(http::BodyRule::upload(Service::kMaxAnswerBytes + (64 << 10), 4096))
                 .on(http::Work::worker_pool));
  router.add(Route(Method::post, "/complaints/unlock/start-over", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::start_over))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/complaints/unlock", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::unlock_form)));
  router.add(Route(Method::post, "/complaints/unlock", Access::roles({Role::corruption_officer}),
                   http::member(h, &Handlers::unlock)));
  pages.add_menu({"menu.complaints", "/complaints/inbox", officers, "public"});
}

void mount_request_desk(http::Router& router, web::Pages& pages, Service& svc, MemoryLimiter& limiter,
                        const Clock& clock) {
  auto h = std::make_shared<Handlers>(svc, pages, limiter, clock, SatisfactionLink{}, Desk::requests);
  // Requests: any staff account may ask; the service answers for the units the caller is in.
  Access staff = Access::signed_in();
  router.add(Route(Method::get, "/requests", staff, http::member(h, &Handlers::queue)));
  router.add(Route(Method::get, "/requests/{id}", staff, http::member(h, &Handlers::case_page)));
  router.add(Route(Method::post, "/requests/{id}/status", staff, http::member(h, &Handlers::move)));
  router.add(Route(Method::post, "/requests/{id}/forward", staff, http::member(h, &Handlers::forward)));
  router.add(Route(Method::post, "/requests/{id}/reply", staff, http::member(h, &Handlers::reply))
                 .takes(http::BodyRule::upload(kWithFiles)));
  router.add(Route(Method::get, "/requests/{id}/files/{file}", staff, http::member(h, &Handlers::officer_file))
                 .on(http::Work::worker_pool));
  pages.add_menu({"menu.requests", "/requests", staff, "public"});
}

}  // namespace prongsai::cases
