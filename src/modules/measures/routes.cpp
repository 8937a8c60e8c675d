// Staff pages of the measures module: the agency's plans, one plan in full, and importing a
// report (admin).
#include <nlohmann/json.hpp>

#include "core/thai_calendar.hpp"
#include "http/errors.hpp"
#include "modules/measures/measures.hpp"
#include "modules/measures/module.hpp"

namespace prongsai::measures {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

constexpr std::size_t kImportBodyBytes = 5 << 20;  // a report is ~50 KB of text; room for long ones

json plan_view(const Request& req, const web::Pages& pages, const Plan& p, const std::vector<accounts::Unit>& units) {
  json issues = json::array();
  for (const StoredIssue& s : p.issues) {
    const Issue& i = s.issue;
    json steps = json::array();
    for (const Step& st : i.steps)
      steps.push_back({{"number", st.number ? std::to_string(st.number) + "." : ""}, {"text", st.text}});
    json unit_names = json::array();
    for (std::int64_t id : s.unit_ids) {
      for (const auto& u : units) {
        if (u.id == id) unit_names.push_back(u.name_th);
      }
    }
    std::string when;
    for (unsigned m : i.monitoring.months) when += (when.empty() ? "" : ", ") + calendar::month_name(m, req.lang);
    if (i.monitoring.deadline_month) {
      when += std::string(when.empty() ? "" : ", ") + std::string(pages.t(req, "measures.within")) + " " +
              calendar::month_name(i.monitoring.deadline_month, req.lang);
    }
    issues.push_back({{"code", i.item_code},
                      {"indicator", i.indicator_text},
                      {"question", i.question},
                      {"sub_questions", i.sub_questions},
                      {"has_sub_questions", !i.sub_questions.empty()},
                      {"answers", i.target_answers},
                      {"has_answers", !i.target_answers.empty()},
                      {"responsible", i.responsible_text},
                      {"units", unit_names},
                      {"steps", steps},
                      {"cadence", std::string(pages.t(req, "cadence." + std::string(to_string(i.monitoring.cadence))))},
                      {"when", when},
                      {"monitoring", i.monitoring.original},
                      {"summary", i.summary},
                      {"outcome", i.outcome}});
  }
  return {{"title", std::string(pages.t(req, "measures.plan_title")) + " " + std::to_string(p.fiscal_year)},
          {"year", std::to_string(p.fiscal_year)},
          {"cited_year", std::to_string(p.cited_year)},
          {"report_title", p.title},
          {"prepared_by", p.prepared_by},
          {"agency_as_written", p.agency_name_as_written},
          {"issues", issues},
          {"imported", p.source == "import"},
          {"created", calendar::format_time(p.created_at, req.lang)}};
}

class Handlers {
 public:
  Handlers(Service& svc, accounts::Service& accounts, web::Pages& pages)
      : svc_(svc), accounts_(accounts), pages_(pages) {}

  Response plans(Request& req) { return plans_page(req, {}, 200); }

  Response plan(Request& req) {
    auto year = req.id_param("year");
    auto p = year ? svc_.plan(req.agency_id, static_cast<int>(*year)) : std::nullopt;
    if (!p) return pages_.error(req, Error::not_found("plan"));
    return pages_.page(req, "measures/plan", plan_view(req, pages_, *p, accounts_.units(req.agency_id)));
  }

  Response import(Request& req) {
    const http::Form& f = *req.form();
    const http::UploadedFile* file = f.file("report");
    int year = 0;
    try {
      year = std::stoi(f.value("year"));
    } catch (const std::exception&) {
    }
    if (year < 2560 || year > 2700) return plans_page(req, Error::invalid_field("year", "error.year"), 422);
    if (!file || file->data.empty())
      return plans_page(req, Error::invalid_field("report", "error.import_no_file"), 422);
    auto r = svc_.import_o43(accounts::actor_of(*req.principal), req.agency_id, year, file->data);
    if (!r) return plans_page(req, r.error(), http::status_of(r.error().kind));
    json lint = json::array();
    for (const Lint& l : r->lint) lint.push_back({{"line", std::to_string(l.line)}, {"message", l.message}});
    return pages_.page(req, "measures/imported",
                       {{"title", std::string(pages_.t(req, "measures.imported"))},
                        {"year", std::to_string(year)},
                        {"issues", std::to_string(r->issues)},
                        {"lint", lint},
                        {"has_lint", !r->lint.empty()}});
  }

 private:
  Response plans_page(Request& req, const std::optional<Error>& error, int status) {
    json list = json::array();
    for (const PlanSummary& s : svc_.plans(req.agency_id)) {
      list.push_back(
          {{"year", std::to_string(s.fiscal_year)}, {"title", s.title}, {"issues", std::to_string(s.issues)}});
    }
    json data = {
        {"title", std::string(pages_.t(req, "measures.title"))},
        {"plans", list},
        {"can_import", req.principal->roles.has(Role::admin)},
        {"default_year", std::to_string(calendar::FiscalYear::of(calendar::local_date(std::time(nullptr))).be())}};
    if (error) {
      std::string message(pages_.t(req, error->message_key));
      if (!error->detail.empty() && error->message_key.starts_with("error.import"))
        message += " (" + error->detail + ")";
      data["error"] = {{"message", message}};
    }
    return pages_.page(req, "measures/plans", std::move(data), status);
  }

  Service& svc_;
  accounts::Service& accounts_;
  web::Pages& pages_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts) {
  auto h = std::make_shared<Handlers>(svc, accounts, pages);
  auto bind = [h](Response (Handlers::*fn)(Request&)) { return [h, fn](Request& req) { return ((*h).*fn)(req); }; };
  router.add(Route(Method::get, "/measures/plans", Access::signed_in(), bind(&Handlers::plans)));
  router.add(Route(Method::get, "/measures/plans/{year}", Access::signed_in(), bind(&Handlers::plan)));
  router.add(Route(Method::post, "/measures/plans/import", Access::roles({Role::admin}), bind(&Handlers::import)))
      .max_body(kImportBodyBytes);
  pages.add_menu({"menu.measures", "/measures/plans", Access::signed_in()});
}

}  // namespace prongsai::measures
