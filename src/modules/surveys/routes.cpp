// Surveys. Admin: /admin/surveys (the list and a new survey), /admin/surveys/{id} (its days,
// target, questions, the public link with its QR code as SVG on the page and PNG to print,
// the answers so far against the target). Public: /s/{token}, the questionnaire (no account,
// no JavaScript needed, Privacy::anonymous: the access log keeps the route pattern only).
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "documents/csv.hpp"
#include "documents/qr.hpp"
#include "documents/table_report.hpp"
#include "http/cookies.hpp"
#include "http/errors.hpp"
#include "modules/surveys/module.hpp"

namespace prongsai::surveys {
namespace {

using http::Access;
using http::Method;
using http::Privacy;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

// The device guard: a cookie that says this browser answered this survey, and nothing else.
std::string answered_cookie(const Survey& s) { return "answered_" + s.token; }

class Handlers {
 public:
  Handlers(Service& svc, disclosure::Service& disclosure, web::Pages& pages, const Clock& clock,
           http::CookieOptions cookies, MemoryLimiter& limiter, RecordedResultOf recorded)
      : svc_(svc),
        disclosure_(disclosure),
        pages_(pages),
        clock_(clock),
        cookies_(cookies),
        limiter_(limiter),
        recorded_(std::move(recorded)) {}

  // The year's ITA estimate and, below it, every year the binary has a framework for.
  Response estimate(Request& req) {
    std::vector<int> years = frameworks_years();
    auto year = framework_year_asked(req, years);
    if (!year) return pages_.error(req, Error::not_found());
    if (std::find(years.begin(), years.end(), *year) == years.end())
      return pages_.error(req, Error::no_framework(*year));
    auto one = [](std::optional<double> v) { return v ? text::fixed(*v, 2) : std::string("–"); };
    json trend = json::array();
    json current;
    std::vector<BarGroup> trend_bars;  // oldest year first
    double pass_mark = 85;
    for (int y : years) {
      auto e = estimate_of(req, y);
      if (!e) return pages_.error(req, e.error());
      json parts = json::array();
      std::vector<std::pair<std::string, double>> bars;
      for (const ToolPart& p : e->parts) {
        parts.push_back({{"code", p.code},
                         {"name", p.name_th},
                         {"weight", one(p.weight * 100)},
                         {"score", one(p.score)},
                         {"missing", !p.score},
                         {"weighted", one(p.score ? std::optional(*p.score * p.weight) : std::nullopt)},
                         {"source", p.source},
                         {"responses", std::to_string(p.responses)},
                         {"below", p.score && *p.score < e->pass_mark}});
        if (p.score) bars.emplace_back(p.code, *p.score);
      }
      json row = {{"year", std::to_string(y)},
                  {"href", "/surveys/estimate?year=" + std::to_string(y)},
                  {"parts", parts},
                  {"total", one(e->total)},
                  {"has_total", e->total.has_value()},
                  {"grade", req.lang == Lang::en ? e->grade_en : e->grade},
                  {"by_level", e->by_level},
                  {"framework_version", web::version_label(req.lang, e->framework_version)},
                  {"held_back", held_back_text(*e, req.lang)},
                  {"provisional", e->provisional ? e->provisional_note : ""},
                  {"passes", e->passes},
                  {"pass_mark", one(e->pass_mark)},
                  {"chart", bars.empty() ? "" : bars_svg(bars, e->pass_mark)}};
      // The real result recorded from ITAS, beside the estimate: its total, level and tools.
      if (auto real = recorded_(req.agency_id, y)) {
        json tools = json::array();
        for (const ToolPart& p : e->parts)
          if (auto it = real->tools.find(p.code); it != real->tools.end())
            tools.push_back({{"code", p.code}, {"score", one(it->second)}});
        row["has_real"] = true;
        row["real_total"] = one(real->total);
        row["real_level"] = real->total ? real->level : "";
        row["real_final"] = real->final;
        row["real_tools"] = tools;
      }
      if (y == *year) current = row;
      trend.push_back(std::move(row));
      if (e->total) bars.emplace_back(std::string(pages_.t(req, "surveys.total_short")), *e->total);
      if (!bars.empty()) trend_bars.insert(trend_bars.begin(), BarGroup{std::to_string(y), bars});
      pass_mark = e->pass_mark;
    }
    return pages_.page(req, "surveys/estimate",
                       {{"title", std::string(pages_.t(req, "surveys.estimate_title")) + " " + std::to_string(*year)},
                        {"current", current},
                        {"trend", trend},
                        {"trend_chart", trend_bars.empty() ? "" : grouped_bars_svg(trend_bars, pass_mark)}});
  }

  Response list(Request& req) { return list_page(req, std::nullopt, 200); }

  Response create(Request& req) {
    auto id = svc_.create(*req.principal, input_of(req.form()));
    if (!id) {
      if (id.error().kind != ErrorKind::invalid) return pages_.error(req, id.error());
      return list_page(req, id.error(), 422);
    }
    return Response::redirect("/admin/surveys/" + std::to_string(*id) + "?created=1");
  }

  Response edit(Request& req) {
    auto s = survey_of(req);
    if (!s) return pages_.error(req, s.error());
    return edit_page(req, *s, std::nullopt, 200);
  }

  Response save(Request& req) {
    auto s = survey_of(req);
    if (!s) return pages_.error(req, s.error());
    auto r = svc_.update(*req.principal, s->id, input_of(req.form()));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return edit_page(req, *s, r.error(), 422);
    }
    return Response::redirect("/admin/surveys/" + std::to_string(s->id) + "?saved=1");
  }

  // The answers, anonymised: a row per response in no order of arrival, no day, no id; a column
  // per line with its code and text, the scale's value in each cell.
  Response export_responses(Request& req) {
    auto s = survey_of(req);
    if (!s) return pages_.error(req, s.error());
    std::string format = req.param("format");
    if (format != "csv" && format != "xlsx") return pages_.error(req, Error::not_found());
    auto lines = svc_.lines(*s);
    auto rows = svc_.responses(*req.principal, s->id);
    if (!lines) return pages_.error(req, lines.error());
    if (!rows) return pages_.error(req, rows.error());
    Response res;
    std::string name = "survey-" + std::to_string(s->id) + "-responses." + format;
    if (format == "csv") {
      std::vector<documents::CsvRow> table(1);
      for (const Line& l : *lines) table[0].emplace_back(l.key + " " + l.text_th);
      for (const auto& r : *rows) {
        documents::CsvRow& row = table.emplace_back();
        for (const Line& l : *lines) {
          auto v = r.find(l.key);
          row.push_back(v == r.end() ? documents::CsvCell() : documents::CsvCell(std::int64_t{v->second}));
        }
      }
      res.body = documents::render_csv(table);
      res.header("Content-Type", "text/csv; charset=utf-8");
    } else {
      documents::TableReport t;
      t.title = s->title;
      t.heading = {s->title};
      t.cover = {std::string(pages_.t(req, "surveys.export_note"))};
      for (const Line& l : *lines) t.columns.push_back({l.key + " " + l.text_th, 1});
      for (const auto& r : *rows) {
        std::vector<documents::Cell> row;
        for (const Line& l : *lines) {
          auto v = r.find(l.key);
          row.push_back({v == r.end() ? std::string() : std::to_string(v->second)});
        }
        t.rows.push_back(std::move(row));
      }
      res.body = documents::render_xlsx(t);
      res.header("Content-Type", std::string(documents::content_type(documents::Format::xlsx)));
    }
    res.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return res;
  }

  Response qr_png(Request& req) {
    auto s = survey_of(req);
    if (!s) return pages_.error(req, s.error());
    auto code = documents::qr_encode(link_of(req, *s));
    if (!code) return pages_.error(req, Error::not_found());
    return Response::file(documents::qr_png(*code, 12), "image/png", "survey-" + std::to_string(s->id) + "-qr.png");
  }

  // ---- The loop into next year's plan ----

  // The year's satisfaction results for the public (and the OIT's satisfaction item): each
  // survey with enough answers, its total, grade and each question's score.
  Response satisfaction(Request& req) {
    std::optional<int> year = current_year();
    if (auto raw = req.query_param("year")) {
      auto y = text::parse_id(*raw);
      year = y && *y > 2400 && *y < 2800 ? std::optional(static_cast<int>(*y)) : std::nullopt;
    }
    if (!year) return pages_.error(req, Error::not_found("year"));
    json surveys = json::array();
    for (const auto& [s, sc] : svc_.satisfaction_results(req.agency_id, *year)) {
      json items = json::array();
      for (const ItemScore& i : sc.items)
        items.push_back(
            {{"code", i.code}, {"text", i.text_th}, {"score", text::fixed(i.score, 2)}, {"below", i.below}});
      surveys.push_back({{"id", std::to_string(s.id)},
                         {"title", s.title},
                         {"from", calendar::format(s.opens_on, req.lang, calendar::Style::long_form)},
                         {"to", calendar::format(s.closes_on, req.lang, calendar::Style::long_form)},
                         {"responses", std::to_string(sc.responses)},
                         {"total", text::fixed(*sc.total, 2)},
                         {"grade", sc.grade},
                         {"passes", sc.passes},
                         {"pass_mark", text::fixed(sc.pass_mark, 2)},
                         {"items", items},
                         {"chart", scores_svg(sc, true)}});
    }
    const std::string y = std::to_string(*year);
    return pages_.page(
        req, "surveys/satisfaction",
        {{"title", text::fill(std::string(pages_.t(req, "surveys.satisfaction_title")), "year", y)},
         {"surveys", surveys},
         {"empty", surveys.empty()},
         {"hint",
          text::fill(std::string(pages_.t(req, "surveys.satisfaction_hint")), "min", std::to_string(kMinPublished))},
         {"prev", "/surveys/satisfaction?year=" + std::to_string(*year - 1)},
         {"prev_year", std::to_string(*year - 1)},
         {"next", *year < current_year() ? "/surveys/satisfaction?year=" + std::to_string(*year + 1) : ""},
         {"next_year", std::to_string(*year + 1)}});
  }

  Response proposals(Request& req) {
    auto year = framework_year_asked(req, frameworks_years());
    if (!year) return pages_.error(req, Error::not_found());
    return proposals_page(req, *year, std::nullopt, {}, 200);
  }

  Response set_target(Request& req) {
    std::string year = req.form().value("year");
    auto r = svc_.set_target(*req.principal, req.form().value("target"));
    if (!r) {
      auto y = text::parse_id(year);
      if (r.error().kind != ErrorKind::invalid || !y) return pages_.error(req, r.error());
      return proposals_page(req, static_cast<int>(*y), r.error(), "", 422);
    }
    auto y = text::parse_id(year);
    return Response::redirect(y ? "/surveys/proposals?year=" + std::to_string(*y) + "&target=1"
                                : std::string("/surveys/proposals?target=1"));
  }

  Response drop(Request& req) {
    auto year = req.id_param("year");
    if (!year || *year > 9999) return pages_.error(req, Error::not_found());
    std::string code = req.param("code");
    auto r = svc_.drop(*req.principal, static_cast<int>(*year), code, req.form().value("reason"));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return proposals_page(req, static_cast<int>(*year), r.error(), code, 422);
    }
    return Response::redirect("/surveys/proposals?year=" + std::to_string(*year) + "#proposal-" +
                              text::ascii_upper(code));
  }

  Response restore(Request& req) {
    auto year = req.id_param("year");
    if (!year || *year > 9999) return pages_.error(req, Error::not_found());
    std::string code = req.param("code");
    auto r = svc_.restore(*req.principal, static_cast<int>(*year), code);
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/surveys/proposals?year=" + std::to_string(*year) + "#proposal-" +
                              text::ascii_upper(code));
  }

  // Codes to print now: the page is the only place they are ever shown.
  Response issue_codes(Request& req) {
    auto s = survey_of(req);
    if (!s) return pages_.error(req, s.error());
    auto count = text::parse_id(req.form().value("count"));
    auto made = count ? svc_.issue_codes(*req.principal, s->id, *count)
                      : Result<std::vector<std::string>>(fail(Error::invalid_field("count", "surveys.codes_count")));
    if (!made) {
      if (made.error().kind != ErrorKind::invalid) return pages_.error(req, made.error());
      return edit_page(req, *s, made.error(), 422);
    }
    json slips = json::array();
    for (const std::string& c : *made) slips.push_back(c);
    Response res = pages_.page(req, "surveys/codes",
                               {{"title", s->title},
                                {"href", "/admin/surveys/" + std::to_string(s->id)},
                                {"link", link_of(req, *s)},
                                {"qr_png", "/admin/surveys/" + std::to_string(s->id) + "/qr.png"},
                                {"count", std::to_string(made->size())},
                                {"codes", slips}});
    res.header("Cache-Control", "no-store");  // shown once: not kept by the browser either
    return res;
  }

  Response stop_codes(Request& req) {
    auto s = survey_of(req);
    if (!s) return pages_.error(req, s.error());
    if (auto r = svc_.stop_codes(*req.principal, s->id); !r) return pages_.error(req, r.error());
    return Response::redirect("/admin/surveys/" + std::to_string(s->id) + "?saved=1");
  }

  // ---- Public ----

  Response form(Request& req) {
    auto s = svc_.by_token(req.agency_id, req.param("token"));
    if (!s) return pages_.error(req, Error::not_found());
    return form_page(req, *s, std::nullopt, 200);
  }

  Response answer(Request& req) {
    auto s = svc_.by_token(req.agency_id, req.param("token"));
    if (!s) return pages_.error(req, Error::not_found());
    if (req.cookie(answered_cookie(*s)))
      return form_page(req, *s, Error::make(ErrorKind::conflict, "surveys.already_answered"), 409);
    std::map<std::string, std::string, std::less<>> answers;
    auto lines = svc_.lines(*s);
    if (!lines) return pages_.error(req, lines.error());
    for (const Line& l : *lines) answers[l.key] = req.form().value(l.key);
    // The browser's cookie stops a second answer from one browser; this stops one client (a
    // script, a browser clearing its cookies) stuffing the survey. Generous: a service counter's
    // tablet, one address, takes the answers of everyone served in the hour.
    std::string key = limiter_.key_for("survey-address", req.client() + "\n" + s->token);
    if (limiter_.count(key) >= kAnswersPerClientHour)
      return form_page(req, *s, Error::make(ErrorKind::too_many_requests, "surveys.too_many_from_here"), 429);
    auto r = svc_.answer(req.agency_id, *s, *lines, answers, req.form().value("code"));
    if (!r) return form_page(req, *s, r.error(), http::status_of(r.error().kind));
    limiter_.hit(key, 3600);
    // Post/redirect/get: the thank-you page is a page of its own (kept in the page cache, the
    // same for everyone), and reloading it sends nothing again.
    Response res = Response::redirect("/s/" + s->token + "/thanks");
    http::CookieOptions o = cookies_;
    calendar::Date today = calendar::local_date(clock_.now());
    o.max_age_seconds =
        std::max<long>(1, (calendar::start_of_day(s->closes_on) - calendar::start_of_day(today)) + 86400);
    res.header("Set-Cookie", http::set_cookie(answered_cookie(*s), "1", o));
    return res;
  }

  Response thanks(Request& req) {
    auto s = svc_.by_token(req.agency_id, req.param("token"));
    if (!s) return pages_.error(req, Error::not_found());
    return pages_.page(req, "surveys/thanks", {{"title", std::string(pages_.t(req, "surveys.thanks_title"))}});
  }

 private:
  // The proposals of a year's surveys for the next year's plan; `error` belongs to the target
  // form, or to the drop form of the proposal `code`.
  Response proposals_page(Request& req, int year, const std::optional<Error>& error, const std::string& code,
                          int status) {
    auto all = svc_.proposals(*req.principal, year);
    if (!all) return pages_.error(req, all.error());
    std::string plan_year = std::to_string(all->plan_year);
    json items = json::array();
    std::size_t open = 0;
    for (const Proposal& p : all->items) {
      bool failed_here = error && !code.empty() && text::ascii_upper(code) == p.code;
      std::string state = p.issue_id ? "in_plan" : p.dropped ? "dropped" : "open";
      if (state == "open") ++open;
      items.push_back(
          {{"code", p.code},
           {"text", p.text_th},
           {"score", text::fixed(p.score, 2)},
           {"gap", text::fixed(all->target - p.score, 2)},
           {"survey", p.survey_title},
           {"survey_href", "/admin/surveys/" + std::to_string(p.survey_id)},
           {"responses", std::to_string(p.responses)},
           {"in_plan", p.issue_id.has_value()},
           {"issue_href", p.issue_id ? "/measures/plans/" + plan_year + "#issue-" + std::to_string(*p.issue_id) : ""},
           {"dropped", p.dropped && !p.issue_id},
           {"open", state == "open"},
           {"reason", p.drop_reason},
           {"dropped_by", p.dropped_by},
           {"dropped_on", p.dropped_at ? calendar::format(calendar::local_date(p.dropped_at), req.lang) : ""},
           {"accept_href", "/measures/plans/" + plan_year + "/issues/new?item=" + p.code},
           {"drop_action", "/surveys/proposals/" + std::to_string(year) + "/" + p.code + "/drop"},
           {"restore_action", "/surveys/proposals/" + std::to_string(year) + "/" + p.code + "/restore"},
           {"reason_value", failed_here ? req.form().value("reason") : ""},
           {"error", failed_here ? json{{"message", std::string(pages_.t(req, error->message_key))}} : json(false)}});
    }
    json sources = json::array();
    for (const Survey& s : all->sources)
      sources.push_back({{"title", s.title},
                         {"href", "/admin/surveys/" + std::to_string(s.id)},
                         {"kind", std::string(pages_.t(req, "surveys.kind." + std::string(to_string(s.kind))))},
                         {"responses", std::to_string(s.responses)}});
    json years = json::array();
    for (int y : frameworks_years())
      years.push_back({{"year", std::to_string(y)},
                       {"href", "/surveys/proposals?year=" + std::to_string(y)},
                       {"current", y == year}});
    json data = {{"title", std::string(pages_.t(req, "surveys.proposals_title")) + " " + plan_year},
                 {"year", std::to_string(year)},
                 {"plan_year", plan_year},
                 {"plan_href", "/measures/plans/" + plan_year},
                 {"plan_exists", all->plan_exists},
                 {"target", std::to_string(all->target)},
                 {"target_saved", req.query_param("target").has_value()},
                 {"years", years},
                 {"sources", sources},
                 {"has_sources", !sources.empty()},
                 {"items", items},
                 {"has_items", !items.empty()},
                 {"open_count", std::to_string(open)}};
    if (error && code.empty()) {
      data["target_error"] = {{"message", std::string(pages_.t(req, error->message_key))}};
      data["target"] = req.form().value("target");
    }
    return pages_.page(req, "surveys/proposals", std::move(data), status);
  }

  Result<Estimate> estimate_of(const Request& req, int year) {
    auto reg = disclosure_.registry(req.agency_id, year, calendar::local_date(clock_.now()), req.lang);
    std::optional<double> oit;
    if (reg) oit = reg->estimate.total;
    return svc_.estimate(*req.principal, year, oit);
  }

  static SurveyInput input_of(const http::Form& f) {
    return {f.value("kind"),     f.value("year"),      f.value("title"), f.value("questions"),
            f.value("opens_on"), f.value("closes_on"), f.value("target")};
  }

  Result<Survey> survey_of(const Request& req) {
    auto id = req.id_param("id");
    if (!id) return fail(Error::not_found());
    return svc_.get(*req.principal, *id);
  }

  static std::string link_of(const Request& req, const Survey& s) { return http::public_origin(req) + "/s/" + s.token; }

  std::string kind_label(const Request& req, Kind k) const {
    return std::string(pages_.t(req, "surveys.kind." + std::string(to_string(k))));
  }

  json summary(const Request& req, const Survey& s) const {
    calendar::Date today = calendar::local_date(clock_.now());
    return {
        {"href", "/admin/surveys/" + std::to_string(s.id)},
        {"title", s.title},
        {"kind", kind_label(req, s.kind)},
        {"year", std::to_string(s.year)},
        {"framework_version", web::version_label(req.lang, s.framework_version)},
        {"days", calendar::format(s.opens_on, req.lang) + " – " + calendar::format(s.closes_on, req.lang)},
        {"open", s.open_on(today)},
        {"responses", std::to_string(s.responses)},
        {"target", std::to_string(s.target)},
        {"reached", s.target > 0 && s.responses >= s.target},
        {"percent", s.target > 0 ? std::to_string(std::min<std::int64_t>(100, s.responses * 100 / s.target)) : "0"}};
  }

  Response list_page(Request& req, const std::optional<Error>& error, int status) {
    auto all = svc_.list(*req.principal);
    if (!all) return pages_.error(req, all.error());
    json rows = json::array();
    for (const Survey& s : *all) rows.push_back(summary(req, s));
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
    auto v = [&](const char* k, const std::string& d) { return f ? f->value(k) : d; };
    calendar::Date today = calendar::local_date(clock_.now());
    calendar::FiscalYear fy = calendar::FiscalYear::of(today);
    json kinds = json::array();
    for (Kind k : {Kind::satisfaction, Kind::eit, Kind::iit})
      kinds.push_back({{"value", std::string(to_string(k))},
                       {"label", kind_label(req, k)},
                       {"checked", v("kind", "satisfaction") == to_string(k)}});
    json years = json::array();
    std::string year = v("year", "");
    std::vector<int> known = frameworks_years();
    if (year.empty() && std::find(known.begin(), known.end(), current_year()) != known.end())
      year = std::to_string(current_year());
    for (int y : known) {
      if (year.empty()) year = std::to_string(y);  // no framework of this year yet: the newest there is
      years.push_back({{"value", std::to_string(y)}, {"selected", year == std::to_string(y)}});
    }
    json data = {{"title", std::string(pages_.t(req, "surveys.admin_title"))},
                 {"rows", rows},
                 {"empty", rows.empty()},
                 {"kinds", kinds},
                 {"years", years},
                 {"f",
                  {{"title", v("title", "")},
                   {"questions", v("questions", std::string(pages_.t(req, "surveys.default_questions")))},
                   {"opens_on", v("opens_on", calendar::iso(today))},
                   {"closes_on", v("closes_on", calendar::iso(fy.period().last))},
                   {"target", v("target", "100")}}}};
    return pages_.form(req, "surveys/admin_list", std::move(data), error, status);
  }

  std::vector<int> frameworks_years() const {
    std::vector<int> ys = svc_.framework_years();
    std::sort(ys.rbegin(), ys.rend());
    return ys;
  }

  int current_year() const { return calendar::FiscalYear::of(calendar::local_date(clock_.now())).be(); }

  // The year of ?year= (default: the current fiscal year): one of `years` or the current year,
  // which may have no framework yet (the caller then says so).
  std::optional<int> framework_year_asked(const Request& req, const std::vector<int>& years) const {
    auto year = text::parse_id(req.query_param("year").value_or(std::to_string(current_year())));
    if (!year) return std::nullopt;
    int y = static_cast<int>(*year);
    if (y != current_year() && std::find(years.begin(), years.end(), y) == years.end()) return std::nullopt;
    return y;
  }

  Response edit_page(Request& req, const Survey& s, const std::optional<Error>& error, int status) {
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
    auto v = [&](const char* k, const std::string& d) { return f ? f->value(k) : d; };
    std::string questions;
    for (const auto& q : s.questions) questions += q + "\n";
    std::string link = link_of(req, s);
    auto code = documents::qr_encode(link);
    auto lines = svc_.lines(s);
    json data = summary(req, s);
    data["title"] = s.title;
    data["link"] = link;
    data["qr"] = code ? documents::qr_svg(*code, std::string(pages_.t(req, "surveys.qr_label")) + " " + s.title) : "";
    data["qr_png"] = "/admin/surveys/" + std::to_string(s.id) + "/qr.png";
    data["satisfaction"] = s.kind == Kind::satisfaction;
    data["lines"] = lines ? lines->size() : 0;
    data["created"] = req.query_param("created").has_value();
    data["saved"] = req.query_param("saved").has_value();
    data["f"] = {{"title", v("title", s.title)},
                 {"questions", v("questions", questions)},
                 {"opens_on", v("opens_on", calendar::iso(s.opens_on))},
                 {"closes_on", v("closes_on", calendar::iso(s.closes_on))},
                 {"target", v("target", std::to_string(s.target))}};
    if (auto sc = svc_.scores(*req.principal, s.id); sc && sc->total) {
      auto one = [](double v) { return text::fixed(v, 2); };
      json items = json::array();
      for (const ItemScore& i : sc->items)
        items.push_back({{"code", i.code}, {"text", i.text_th}, {"score", one(i.score)}, {"below", i.below}});
      data["scores"] = {{"total", one(*sc->total)}, {"grade", sc->grade},
                        {"passes", sc->passes},     {"pass_mark", one(sc->pass_mark)},
                        {"items", items},           {"chart", scores_svg(*sc, s.kind == Kind::satisfaction)}};
    }
    auto counts = svc_.code_counts(*req.principal, s.id);
    data["codes"] = {{"required", s.codes_required},
                     {"issued", std::to_string(counts ? counts->issued : 0)},
                     {"used", std::to_string(counts ? counts->used : 0)},
                     {"max", std::to_string(kMaxCodesAtOnce)},
                     {"count", f && !f->value("count").empty() ? f->value("count") : std::to_string(s.target)},
                     {"iit", s.kind == Kind::iit}};
    data["kind_value"] = std::string(to_string(s.kind));
    data["year_value"] = std::to_string(s.year);
    return pages_.form(req, "surveys/admin_edit", std::move(data), error, status);
  }

  Response form_page(Request& req, const Survey& s, const std::optional<Error>& error, int status) {
    auto lines = svc_.lines(s);
    if (!lines) return pages_.error(req, lines.error());
    const http::Form* sent = req.method == Method::post ? &req.form() : nullptr;
    json groups = json::array();
    for (const Line& l : *lines) {
      json options = json::array();
      for (const framework::ScaleOption& o : l.scale->options) {
        std::string value = std::to_string(o.value);
        options.push_back({{"value", value},
                           {"id", "q-" + l.key + "-" + value},
                           {"label", req.lang == Lang::en && !o.label_en.empty() ? o.label_en : o.label_th},
                           {"checked", sent && sent->value(l.key) == value}});
      }
      bool missing = error && error->field == l.key;
      json line = {{"key", l.key},
                   {"text", l.text_th},
                   {"options", options},
                   {"missing", missing},
                   {"error", missing ? json(std::string(pages_.t(req, error->message_key))) : json(false)}};
      // Sub-questions sit under their item's question.
      if (!l.group_th.empty() && !groups.empty() && groups.back()["code"] == l.item_code) {
        groups.back()["lines"].push_back(line);
      } else {
        groups.push_back({{"code", l.item_code},
                          {"question", l.group_th},
                          {"has_question", !l.group_th.empty()},
                          {"lines", json::array({line})}});
      }
    }
    calendar::Date today = calendar::local_date(clock_.now());
    json data = {{"title", s.title},
                 {"groups", groups},
                 {"open", s.open_on(today)},
                 {"not_yet", today < s.opens_on},
                 {"opens_on", calendar::format(s.opens_on, req.lang, calendar::Style::long_form)},
                 {"closes_on", calendar::format(s.closes_on, req.lang, calendar::Style::long_form)},
                 {"answered", req.cookie(answered_cookie(s)).has_value()},
                 {"codes_required", s.codes_required},
                 {"code", sent ? sent->value("code") : ""},
                 {"code_error", error && error->field == "code"},
                 {"action", "/s/" + s.token},
                 {"lead", std::string(pages_.t(req, "surveys.lead." + std::string(to_string(s.kind))))}};
    return pages_.form(req, "surveys/answer", std::move(data), error, status);
  }

  Service& svc_;
  disclosure::Service& disclosure_;
  web::Pages& pages_;
  const Clock& clock_;
  http::CookieOptions cookies_;
  MemoryLimiter& limiter_;
  RecordedResultOf recorded_;
  static constexpr std::int64_t kAnswersPerClientHour = 30;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Service& svc, disclosure::Service& disclosure, const Clock& clock,
           http::CookieOptions cookies, MemoryLimiter& limiter, RecordedResultOf recorded) {
  auto h = std::make_shared<Handlers>(svc, disclosure, pages, clock, cookies, limiter, std::move(recorded));
  const Access admin = Access::roles({Role::admin});
  router.add(Route(Method::get, "/admin/surveys", admin, http::member(h, &Handlers::list)));
  router.add(Route(Method::post, "/admin/surveys", admin, http::member(h, &Handlers::create)));
  router.add(Route(Method::get, "/admin/surveys/{id}", admin, http::member(h, &Handlers::edit)));
  router.add(Route(Method::post, "/admin/surveys/{id}", admin, http::member(h, &Handlers::save)));
  router.add(Route(Method::get, "/admin/surveys/{id}/qr.png", admin, http::member(h, &Handlers::qr_png)));
  router.add(Route(Method::post, "/admin/surveys/{id}/codes", admin, http::member(h, &Handlers::issue_codes)));
  router.add(Route(Method::post, "/admin/surveys/{id}/codes/stop", admin, http::member(h, &Handlers::stop_codes)));
  router.add(
      Route(Method::get, "/admin/surveys/{id}/responses/{format}", admin, http::member(h, &Handlers::export_responses))
          .on(http::Work::worker_pool));
  pages.add_menu({"menu.surveys", "/admin/surveys", admin, "ita"});
  router.add(Route(Method::get, "/surveys/proposals", admin, http::member(h, &Handlers::proposals)));
  router.add(Route(Method::post, "/surveys/proposals/target", admin, http::member(h, &Handlers::set_target))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/surveys/proposals/{year}/{code}/drop", admin, http::member(h, &Handlers::drop)));
  router.add(Route(Method::post, "/surveys/proposals/{year}/{code}/restore", admin, http::member(h, &Handlers::restore))
                 .takes(http::BodyRule::small_form()));
  const Access estimate = Access::roles({Role::admin, Role::executive});
  router.add(Route(Method::get, "/surveys/estimate", estimate, http::member(h, &Handlers::estimate)));
  router.add(Route(Method::get, "/surveys/satisfaction", Access::anyone(), http::member(h, &Handlers::satisfaction)))
      .cached();
  pages.add_menu({"menu.estimate", "/surveys/estimate", estimate, "ita"});
  router.add(Route(Method::get, "/s/{token}", Access::anyone(), http::member(h, &Handlers::form)))
      .with(Privacy::anonymous);
  router
      .add(Route(Method::post, "/s/{token}", Access::anyone(), http::member(h, &Handlers::answer))
               .takes(http::BodyRule::form(http::BodyRule::kTextFormBytes)))
      .with(Privacy::anonymous);
  router.add(Route(Method::get, "/s/{token}/thanks", Access::anyone(), http::member(h, &Handlers::thanks)))
      .with(Privacy::anonymous)
      .cached();
}

}  // namespace prongsai::surveys
