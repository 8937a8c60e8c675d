// Questions and answers. Public: /qa (the published answers, response times; cached), /qa/{id}
// (one published answer; cached), /qa/ask,
// /qa/track (the asker's code, POST only). Answerers (complaint officers, admins) and
// executives: /qa/manage, a question's page with its answer, decline and approve forms,
// /qa/manage/new (a question taken by phone, letter or at the counter), /qa/summary (six-monthly).
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/errors.hpp"
#include "modules/qa/module.hpp"
#include "web/public_form.hpp"

namespace prongsai::qa {
namespace {

using http::Access;
using http::Method;
using http::Privacy;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

constexpr std::int64_t kPageSize = 20;
constexpr std::int64_t kAsksPerHour = 10;

std::string duration(std::int64_t seconds, Lang lang) {
  bool th = lang == Lang::th;
  std::int64_t minutes = (seconds + 59) / 60;
  if (minutes < 60) return std::to_string(std::max<std::int64_t>(minutes, 1)) + (th ? " นาที" : " min");
  std::int64_t hours = minutes / 60;
  if (hours < 48)
    return std::to_string(hours) + (th ? " ชั่วโมง" : " h") +
           (minutes % 60 ? " " + std::to_string(minutes % 60) + (th ? " นาที" : " min") : "");
  std::int64_t days = hours / 24;
  return std::to_string(days) + (th ? " วัน" : " days") +
         (hours % 24 ? " " + std::to_string(hours % 24) + (th ? " ชั่วโมง" : " h") : "");
}

class QaHandlers {
 public:
  QaHandlers(Questions& qa, web::Pages& pages, MemoryLimiter& limiter, const Clock& clock)
      : qa_(qa), pages_(pages), guard_(limiter, "question-address", kAsksPerHour), clock_(clock) {}

  // ---- Public ----

  Response index(Request& req) { return public_page(req); }

  // One published answer at a stable address (search results and shares link here). Cached:
  // no form.
  Response public_question(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto q = qa_.published_question(req.agency_id, *id);
    if (!q) return pages_.error(req, q.error());
    json data = question_json(req, *q, false);
    data["title"] = std::string(pages_.t(req, "qa.question_title")) + " " + std::to_string(q->id);
    data["published"] =
        q->published_at ? calendar::format(calendar::local_date(*q->published_at), req.lang, calendar::Style::long_form)
                        : "";
    // A shared answer shows the question, and the answer's first words.
    data["preview"] = {{"description", text::truncate(q->question, 120) + " — " + text::truncate(q->answer, 160)},
                       {"type", "article"}};
    return pages_.page(req, "qa/qa_public", std::move(data));
  }
  Response ask_form(Request& req) { return ask_page(req, std::nullopt, 200); }

  Response ask(Request& req) {
    const http::Form& f = req.form();
    if (auto refused = guard_.refuse(req)) return ask_page(req, *refused, http::status_of(refused->kind));
    auto [channel, line_user] = web::notify_chosen(req, qa_.notify(), false);
    web::Recipient notify{channel, channel == "mail" ? f.value("email") : line_user};
    auto code = qa_.ask(req.agency_id, f.value("asker"), f.value("question"), notify);
    if (!code) return ask_page(req, code.error(), http::status_of(code.error().kind));
    guard_.taken(req);
    return pages_.page(req, "qa/qa_received",
                       {{"title", std::string(pages_.t(req, "qa.received_title"))}, {"code", *code}});
  }

  Response track_form(Request& req) {
    return pages_.page(req, "qa/qa_track", {{"title", std::string(pages_.t(req, "qa.track_title"))}});
  }

  Response track(Request& req) {
    auto q = qa_.track(req.agency_id, req.form().value("code"));
    if (!q) {
      return pages_.page(req, "qa/qa_track",
                         {{"title", std::string(pages_.t(req, "qa.track_title"))},
                          {"error", {{"message", std::string(pages_.t(req, "qa.code_not_found"))}}}},
                         404);
    }
    json data = question_json(req, *q, false);
    data["title"] = std::string(pages_.t(req, "qa.track_title"));
    data["found"] = true;
    return pages_.page(req, "qa/qa_track", std::move(data));
  }

  // ---- Answerers and executives ----

  Response manage(Request& req) {
    auto list = qa_.inbox(*req.principal);
    if (!list) return pages_.error(req, list.error());
    json rows = json::array();
    for (const Question& q : *list) rows.push_back(question_json(req, q, true));
    bool approval = qa_.approval_required(req.agency_id);
    return pages_.page(req, "qa/qa_manage",
                       {{"title", std::string(pages_.t(req, "qa.manage_title"))},
                        {"rows", rows},
                        {"empty", rows.empty()},
                        {"approval", approval},
                        {"is_admin", req.principal->roles.has(Role::admin)},
                        {"may_answer", may_answer(*req.principal)},
                        {"saved", req.query_param("saved").has_value()}});
  }

  Response settings(Request& req) {
    auto r = qa_.set_approval(*req.principal, req.form().value("approval") == "1");
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/qa/manage?saved=1");
  }

  Response question(Request& req) { return question_page(req, std::nullopt, 200); }

  Response answer(Request& req) {
    return act(req, [&](std::int64_t id) {
      const http::Form& f = req.form();
      return qa_.answer(*req.principal, id, f.value("answer"), f.value("confirm_personal_data") == "1", req.lang,
                        f.has("question_public") ? std::optional(f.value("question_public")) : std::nullopt);
    });
  }
  Response decline(Request& req) {
    return act(req, [&](std::int64_t id) { return qa_.decline(*req.principal, id, req.form().value("reason")); });
  }
  Response approve(Request& req) {
    return act(req, [&](std::int64_t id) { return qa_.approve(*req.principal, id); });
  }

  Response enter_form(Request& req) { return enter_page(req, std::nullopt, 200); }

  Response enter(Request& req) {
    const http::Form& f = req.form();
    auto code = qa_.enter(*req.principal, f.value("via"), f.value("asker"), f.value("question"));
    if (!code) {
      if (code.error().kind != ErrorKind::invalid) return pages_.error(req, code.error());
      return enter_page(req, code.error(), 422);
    }
    return pages_.page(req, "qa/qa_received",
                       {{"title", std::string(pages_.t(req, "qa.entered_title"))}, {"code", *code}, {"staff", true}});
  }

  Response summary(Request& req) {
    calendar::Date today = calendar::local_date(clock_.now());
    calendar::FiscalYear current = calendar::FiscalYear::of(today);
    // By default the half-year that ended last: in April, October–March; in October, April–September.
    int default_half = calendar::FiscalYear::month_index(static_cast<unsigned>(today.month())) > 6 ? 1 : 2;
    calendar::FiscalYear default_year = default_half == 2 ? current.previous() : current;
    auto year = text::parse_id(req.query_param("year").value_or(std::to_string(default_year.be())));
    auto half = text::parse_id(req.query_param("half").value_or(std::to_string(default_half)));
    if (!year || *year < 2500 || *year > 2700 || !half || *half < 1 || *half > 2)
      return pages_.error(req, Error::not_found());
    calendar::FiscalYear fy(static_cast<int>(*year));
    auto s = qa_.summary(*req.principal, fy.half(static_cast<int>(*half)));
    if (!s) return pages_.error(req, s.error());
    json vias = json::array();
    for (const auto& [via, n] : s->by_via) {
      vias.push_back({{"label", std::string(pages_.t(req, "complaints.via." + via))}, {"count", std::to_string(n)}});
    }
    json waiting = json::array();
    for (const Question& q : s->still_waiting) waiting.push_back(question_json(req, q, true));
    auto other = [&](int y, int h) { return "/qa/summary?year=" + std::to_string(y) + "&half=" + std::to_string(h); };
    int y = fy.be(), h = static_cast<int>(*half);
    return pages_.page(req, "qa/qa_summary",
                       {{"title", std::string(pages_.t(req, "qa.summary_title"))},
                        {"heading", std::string(pages_.t(req, h == 1 ? "qa.half1" : "qa.half2")) + " " +
                                        std::string(pages_.t(req, "qa.fiscal_year")) + " " + std::to_string(y)},
                        {"period", calendar::format_period(s->period, req.lang)},
                        {"asked", std::to_string(s->asked)},
                        {"answered", std::to_string(s->answered)},
                        {"published", std::to_string(s->published)},
                        {"declined", std::to_string(s->declined)},
                        {"waiting_count", std::to_string(s->waiting)},
                        {"median", s->times.median ? duration(*s->times.median, req.lang) : "–"},
                        {"p90", s->times.p90 ? duration(*s->times.p90, req.lang) : "–"},
                        {"vias", vias},
                        {"waiting", waiting},
                        {"has_waiting", !waiting.empty()},
                        {"prev", h == 1 ? other(y - 1, 2) : other(y, 1)},
                        {"next", h == 1 ? other(y, 2) : other(y + 1, 1)}});
  }

 private:
  template <class F>
  Response act(Request& req, F&& fn) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto r = fn(*id);
    if (!r) {
      if (r.error().kind == ErrorKind::invalid || r.error().kind == ErrorKind::conflict)
        return question_page(req, r.error(), http::status_of(r.error().kind));
      return pages_.error(req, r.error());
    }
    return Response::redirect("/qa/manage/" + std::to_string(*id) + "?saved=1");
  }

  json question_json(const Request& req, const Question& q, bool staff) const {
    std::string status(to_string(q.status));
    json j = {{"href", "/qa/manage/" + std::to_string(q.id)},
              {"number", std::to_string(q.id)},
              {"question", q.question},
              {"excerpt", text::truncate(q.question, 120)},
              {"asker", q.asker},
              {"status", status},
              {"status_label", std::string(pages_.t(req, "qa.status." + status))},
              {"asked", calendar::format_time(q.asked_at, req.lang)},
              {"via", std::string(pages_.t(req, "complaints.via." + q.via))},
              // The asker sees an answer waiting for approval only once it is public.
              {"answer", staff || q.status == QuestionStatus::published ? q.answer : ""},
              {"answered", q.answered_at ? calendar::format_time(*q.answered_at, req.lang) : ""},
              {"took", q.answered_at ? duration(*q.answered_at - q.asked_at, req.lang) : ""},
              {"waited", q.answered_at ? "" : duration(clock_.now() - q.asked_at, req.lang)}};
    if (staff || q.status == QuestionStatus::declined) j["declined_reason"] = q.declined_reason;
    return j;
  }

  Response ask_page(Request& req, const std::optional<Error>& error, int status) {
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
    json data = {{"title", std::string(pages_.t(req, "qa.ask_heading"))},
                 {"f",
                  {{"asker", f ? f->value("asker") : ""},
                   {"question", f ? f->value("question") : ""},
                   {"email", f ? f->value("email") : ""}}},
                 {"notify", web::notify_choices(req, qa_.notify(), false)}};
    return pages_.form(req, "qa/qa_ask", std::move(data), error, status);
  }

  // Cached for everyone: no form here (a form's CSRF token is the visitor's own).
  Response public_page(Request& req) {
    std::int64_t page = text::parse_id(req.query_param("page").value_or("1")).value_or(0);
    std::int64_t total = qa_.published_count(req.agency_id);
    std::int64_t pages = std::max<std::int64_t>((total + kPageSize - 1) / kPageSize, 1);
    if (page < 1 || page > pages) return pages_.error(req, Error::not_found("page"));
    json items = json::array();
    for (const Question& q : qa_.published(req.agency_id, kPageSize, (page - 1) * kPageSize)) {
      json j = question_json(req, q, false);
      j["published"] =
          q.published_at ? calendar::format(calendar::local_date(*q.published_at), req.lang, calendar::Style::long_form)
                         : "";
      items.push_back(std::move(j));
    }
    calendar::FiscalYear fy = calendar::FiscalYear::of(calendar::local_date(clock_.now()));
    ResponseTimes t = qa_.public_times(req.agency_id, fy.period());
    json data = {{"title", std::string(pages_.t(req, "qa.title"))},
                 {"items", items},
                 {"empty", items.empty()},
                 {"year", std::to_string(fy.be())},
                 {"answered", std::to_string(t.count)},
                 {"has_times", t.median.has_value()},
                 {"median", t.median ? duration(*t.median, req.lang) : ""},
                 {"p90", t.p90 ? duration(*t.p90, req.lang) : ""},
                 {"page", std::to_string(page)},
                 {"pages", std::to_string(pages)},
                 {"prev", page > 1 ? "/qa?page=" + std::to_string(page - 1) : ""},
                 {"next", page < pages ? "/qa?page=" + std::to_string(page + 1) : ""}};
    return pages_.page(req, "qa/qa", std::move(data));
  }

  Response question_page(Request& req, const std::optional<Error>& error, int status) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto q = qa_.get(*req.principal, *id);
    if (!q) return pages_.error(req, q.error());
    json data = question_json(req, *q, true);
    data["title"] = std::string(pages_.t(req, "qa.question_title")) + " " + std::to_string(q->id);
    data["may_answer"] = may_answer(*req.principal) && q->status != QuestionStatus::declined;
    data["may_decline"] = may_answer(*req.principal) && q->status == QuestionStatus::waiting;
    data["may_approve"] = req.principal->roles.has(Role::executive) && q->status == QuestionStatus::answered;
    data["approval"] = qa_.approval_required(req.agency_id);
    data["saved"] = req.query_param("saved").has_value();
    if (req.method == Method::post && req.form().has("answer")) data["answer"] = req.form().value("answer");
    // The question as it will be published: the asker's words, or as the answerer last typed them.
    data["question_public"] = req.method == Method::post && req.form().has("question_public")
                                  ? req.form().value("question_public")
                                  : q->question;
    return pages_.form(req, "qa/qa_question", std::move(data), error, status);
  }

  Response enter_page(Request& req, const std::optional<Error>& error, int status) {
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
    std::string via = f ? f->value("via") : "phone";
    json vias = json::array();
    for (const char* v : {"phone", "letter", "walk_in"}) {
      vias.push_back({{"value", v},
                      {"label", std::string(pages_.t(req, std::string("complaints.via.") + v))},
                      {"selected", via == v}});
    }
    json data = {{"title", std::string(pages_.t(req, "qa.enter_title"))},
                 {"vias", vias},
                 {"f", {{"asker", f ? f->value("asker") : ""}, {"question", f ? f->value("question") : ""}}}};
    return pages_.form(req, "qa/qa_enter", std::move(data), error, status);
  }

  Questions& qa_;
  web::Pages& pages_;
  web::PublicFormGuard guard_;
  const Clock& clock_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Questions& qa, MemoryLimiter& limiter, const Clock& clock) {
  auto h = std::make_shared<QaHandlers>(qa, pages, limiter, clock);
  router.add(Route(Method::get, "/qa", Access::anyone(), http::member(h, &QaHandlers::index))).cached();
  router.add(Route(Method::get, "/qa/{id}", Access::anyone(), http::member(h, &QaHandlers::public_question))).cached();
  router.add(Route(Method::get, "/qa/ask", Access::anyone(), http::member(h, &QaHandlers::ask_form)))
      .with(Privacy::anonymous);
  router
      .add(Route(Method::post, "/qa/ask", Access::anyone(), http::member(h, &QaHandlers::ask))
               .takes(http::BodyRule::form(http::BodyRule::kTextFormBytes)))
      .with(Privacy::anonymous);
  router.add(Route(Method::get, "/qa/track", Access::anyone(), http::member(h, &QaHandlers::track_form)))
      .with(Privacy::anonymous);
  router
      .add(Route(Method::post, "/qa/track", Access::anyone(), http::member(h, &QaHandlers::track))
               .takes(http::BodyRule::small_form()))
      .with(Privacy::anonymous);
  const Access readers = Access::roles({Role::admin, Role::complaint_officer, Role::executive});
  const Access answerers = Access::roles({Role::admin, Role::complaint_officer});
  router.add(Route(Method::get, "/qa/manage", readers, http::member(h, &QaHandlers::manage)));
  router.add(
      Route(Method::post, "/qa/manage/settings", Access::roles({Role::admin}), http::member(h, &QaHandlers::settings))
          .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/qa/manage/new", answerers, http::member(h, &QaHandlers::enter_form)));
  router.add(Route(Method::post, "/qa/manage/new", answerers, http::member(h, &QaHandlers::enter)));
  router.add(Route(Method::get, "/qa/manage/{id}", readers, http::member(h, &QaHandlers::question)));
  router.add(Route(Method::post, "/qa/manage/{id}/answer", answerers, http::member(h, &QaHandlers::answer)));
  router.add(Route(Method::post, "/qa/manage/{id}/decline", answerers, http::member(h, &QaHandlers::decline)));
  router.add(Route(Method::post, "/qa/manage/{id}/approve", Access::roles({Role::executive}),
                   http::member(h, &QaHandlers::approve))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/qa/summary", readers, http::member(h, &QaHandlers::summary)));
  pages.add_menu({"menu.qa", "/qa/manage", readers, "public"});
}

}  // namespace prongsai::qa
