// The admin's OIT answer sheet: /assessment (this fiscal year's), /assessment/{year}/answers
// (every item's line, proposed or changed), /assessment/{year}/answers/{code} (one line's form,
// saved or put back to the proposal), and the sheet as answers.csv, answers.xlsx and
// answers.pdf. URLs are made under the site's public address (http::public_origin).
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/errors.hpp"
#include "modules/assessment/module.hpp"

namespace prongsai::assessment {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

class Handlers {
 public:
  Handlers(Answers& answers, web::Pages& pages, const Clock& clock) : answers_(answers), pages_(pages), clock_(clock) {}

  Response current(Request&) {
    return Response::redirect("/assessment/" + std::to_string(calendar::FiscalYear::of(today()).be()) + "/answers");
  }

  Response sheet(Request& req) {
    auto s = load(req);
    if (!s) return pages_.error(req, s.error());
    const std::string year = std::to_string(s->fiscal_year);
    json rows = json::array();
    for (const AnswerLine& l : s->lines) rows.push_back(line_json(req, *s, l));
    return pages_.page(req, "assessment/answers",
                       {{"title", text::fill(std::string(pages_.t(req, "assessment.sheet_title")), "year", year)},
                        {"year", year},
                        {"yes", s->yes()},
                        {"items", s->lines.size()},
                        {"rows", rows},
                        {"saved", req.query_param("saved").value_or("")}});
  }

  Response edit(Request& req) {
    auto s = load(req);
    if (!s) return pages_.error(req, s.error());
    const AnswerLine* l = s->find(text::ascii_upper(req.param("code")));
    if (!l) return pages_.error(req, Error::not_found("item"));
    const Answer& a = l->answer();
    return form(req, *s, *l, {a.has ? "yes" : "no", join(a.urls), a.explanation}, std::nullopt, 200);
  }

  Response save(Request& req) {
    auto year = req.id_param("year");
    if (!year || *year > 3000) return pages_.error(req, Error::not_found());
    const std::string code = text::ascii_upper(req.param("code"));
    const http::Form& f = req.form();
    AnswerInput in{f.value("answer"), f.value("urls"), f.value("explanation")};
    auto r = answers_.save(*req.principal, static_cast<int>(*year), code, in);
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      auto s = load(req);
      if (!s) return pages_.error(req, s.error());
      const AnswerLine* l = s->find(code);
      if (!l) return pages_.error(req, Error::not_found("item"));
      return form(req, *s, *l, in, r.error(), 422);
    }
    return Response::redirect("/assessment/" + std::to_string(*year) + "/answers?saved=" + code + "#" + code);
  }

  Response reset(Request& req) {
    auto year = req.id_param("year");
    if (!year || *year > 3000) return pages_.error(req, Error::not_found());
    const std::string code = text::ascii_upper(req.param("code"));
    if (auto r = answers_.reset(*req.principal, static_cast<int>(*year), code); !r) return pages_.error(req, r.error());
    return Response::redirect("/assessment/" + std::to_string(*year) + "/answers?saved=" + code + "#" + code);
  }

  Response csv(Request& req) {
    auto s = load(req);
    if (!s) return pages_.error(req, s.error());
    return Response::file(answers_csv(*s, req.lang), "text/csv; charset=utf-8", file_name(*s, "csv"));
  }

  Response document(Request& req, documents::Format format) {
    auto s = load(req);
    if (!s) return pages_.error(req, s.error());
    return Response::file(documents::render(answer_report(*s, req.lang), format),
                          std::string(documents::content_type(format)),
                          file_name(*s, std::string(documents::extension(format))));
  }

 private:
  calendar::Date today() const { return calendar::local_date(clock_.now()); }

  Result<AnswerSheet> load(const Request& req) {
    auto year = req.id_param("year");
    if (!year || *year > 3000) return fail(Error::not_found());
    return answers_.sheet(req.agency_id, static_cast<int>(*year), http::public_origin(req), today(), req.lang);
  }

  static std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
    return out;
  }
  static std::string file_name(const AnswerSheet& s, const std::string& ext) {
    return "ita-answers-" + std::to_string(s.fiscal_year) + "." + ext;
  }

  json line_json(const Request& req, const AnswerSheet& s, const AnswerLine& l) {
    const Answer& a = l.answer();
    return {{"code", l.item->code},
            {"name", req.lang == Lang::en && !l.item->name_en.empty() ? l.item->name_en : l.item->name_th},
            {"href", "/assessment/" + std::to_string(s.fiscal_year) + "/answers/" + l.item->code},
            {"has", a.has},
            {"urls", a.urls},
            {"explanation", a.explanation},
            {"status", l.readiness},
            {"status_label", std::string(pages_.t(req, "oit.status." + l.readiness))},
            {"reason", l.reason},
            {"edited", l.edited.has_value()},
            {"differs", l.edited && l.edited->has != l.proposed.has}};
  }

  Response form(Request& req, const AnswerSheet& s, const AnswerLine& l, const AnswerInput& in,
                const std::optional<Error>& error, int status) {
    const std::string year = std::to_string(s.fiscal_year);
    json data = line_json(req, s, l);
    data["title"] = l.item->code + " " + data["name"].get<std::string>();
    data["year"] = year;
    data["yes_checked"] = in.answer == "yes";
    data["no_checked"] = in.answer != "yes";
    data["urls_text"] = in.urls;
    data["explanation_text"] = in.explanation;
    data["proposed_has"] = l.proposed.has;
    data["proposed_urls"] = l.proposed.urls;
    data["proposed_explanation"] = l.proposed.explanation;
    data["edited_by"] = l.edited_by;
    data["edited_at"] = l.edited ? calendar::format_time(l.edited_at, req.lang) : "";
    data["breadcrumbs"] = json::array({{{"label", std::string(pages_.t(req, "assessment.sheet_short")) + " " + year},
                                        {"href", "/assessment/" + year + "/answers"}}});
    return pages_.form(req, "assessment/answer_edit", std::move(data), error, status);
  }

  Answers& answers_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Answers& answers, const Clock& clock) {
  auto h = std::make_shared<Handlers>(answers, pages, clock);
  const Access admin = Access::roles({Role::admin});
  router.add(Route(Method::get, "/assessment", admin, http::member(h, &Handlers::current)));
  router.add(Route(Method::get, "/assessment/{year}/answers", admin, http::member(h, &Handlers::sheet)));
  router.add(Route(Method::get, "/assessment/{year}/answers.csv", admin, http::member(h, &Handlers::csv)));
  // Documents are made on a worker: a PDF takes tens of milliseconds.
  router.add(Route(Method::get, "/assessment/{year}/answers.xlsx", admin, [h](Request& req) {
               return h->document(req, documents::Format::xlsx);
             }).on(http::Work::worker_pool));
  router.add(Route(Method::get, "/assessment/{year}/answers.pdf", admin, [h](Request& req) {
               return h->document(req, documents::Format::pdf);
             }).on(http::Work::worker_pool));
  router.add(Route(Method::get, "/assessment/{year}/answers/{code}", admin, http::member(h, &Handlers::edit)));
  router.add(Route(Method::post, "/assessment/{year}/answers/{code}", admin, http::member(h, &Handlers::save))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/assessment/{year}/answers/{code}/reset", admin, http::member(h, &Handlers::reset))
                 .takes(http::BodyRule::small_form()));
  pages.add_menu({"menu.assessment", "/assessment", admin, "ita"});
}

}  // namespace prongsai::assessment
