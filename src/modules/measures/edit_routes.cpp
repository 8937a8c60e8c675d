// Staff pages for making and changing plans: a new plan, its title block, and each issue's
// form (one page, works without JavaScript: steps and sub-questions are one per line).
#include <nlohmann/json.hpp>

#include "core/text.hpp"
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

IssueDraft draft_from(const http::Form& f) {
  IssueDraft d;
  d.item_code = f.value("item_code");
  d.indicator_text = f.value("indicator_text");
  d.question = f.value("question");
  d.sub_questions = f.value("sub_questions");
  d.target_answers = f.value("target_answers");
  d.responsible_text = f.value("responsible_text");
  d.steps = f.value("steps");
  d.cadence = f.value("cadence");
  d.deadline_month = f.value("deadline_month");
  d.monitoring_text = f.value("monitoring_text");
  d.summary = f.value("summary");
  d.outcome = f.value("outcome");
  d.months = f.all("months");
  d.unit_ids = f.all("units");
  return d;
}

class EditHandlers {
 public:
  EditHandlers(Service& svc, accounts::Service& accounts, web::Pages& pages)
      : svc_(svc), accounts_(accounts), pages_(pages) {}

  Response create_plan(Request& req) {
    const http::Form& f = req.form();
    int year = 0;
    try {
      year = std::stoi(f.value("year"));
    } catch (const std::exception&) {
    }
    auto r = svc_.create_plan(*req.principal, year, "", f.value("prepared_by"));
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/measures/plans/" + std::to_string(year));
  }

  Response plan_form(Request& req) { return plan_page(req, std::nullopt, 200); }

  Response update_plan(Request& req) {
    auto year = req.id_param("year");
    if (!year) return pages_.error(req, Error::not_found("plan"));
    const http::Form& f = req.form();
    auto r = svc_.update_plan(*req.principal, static_cast<int>(*year), f.value("title"), f.value("prepared_by"));
    if (!r) {
      if (r.error().kind == ErrorKind::not_found) return pages_.error(req, r.error());
      return plan_page(req, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/measures/plans/" + std::to_string(*year) + "?saved=1");
  }

  // The form for a new issue. `?item=E5` fills it in the item's own words (the Surveys'
  // proposals link here). A year with no plan yet gets one when its first issue is saved.
  Response new_issue(Request& req) {
    auto p = plan_or_new(req);
    if (!p) return pages_.error(req, Error::not_found("plan"));
    IssueDraft d;
    d.cadence = "quarterly";
    if (auto code = req.query_param("item")) {
      const framework::Framework* fw = svc_.cited_framework(*p);
      const framework::Item* item = fw ? fw->item(text::ascii_upper(*code)) : nullptr;
      if (item) d = draft_for_item(*fw, *item);
    }
    // Staff start with their own units ticked.
    if (auto me = accounts_.user(req.agency_id, req.principal->user_id)) {
      for (std::int64_t u : me->unit_ids) d.unit_ids.push_back(std::to_string(u));
    }
    return issue_page(req, *p, std::nullopt, d, std::nullopt, 200);
  }

  Response add_issue(Request& req) {
    auto p = plan_or_new(req);
    if (!p) return pages_.error(req, Error::not_found("plan"));
    IssueDraft d = draft_from(req.form());
    auto r = svc_.save_issue(*req.principal, p->fiscal_year, std::nullopt, d);
    if (!r) return issue_error(req, *p, std::nullopt, d, r.error());
    return Response::redirect("/measures/plans/" + std::to_string(p->fiscal_year) + "?saved=1#issue-" +
                              std::to_string(*r));
  }

  Response edit_issue(Request& req) {
    auto found = find_issue(req);
    if (!found) return pages_.error(req, Error::not_found("issue"));
    auto& [p, issue] = *found;
    if (!svc_.may_edit(*req.principal, issue.unit_ids))
      return pages_.error(req, Error::make(ErrorKind::forbidden, "error.not_responsible"));
    return issue_page(req, p, issue.id, draft_of(issue), std::nullopt, 200);
  }

  Response update_issue(Request& req) {
    auto found = find_issue(req);
    if (!found) return pages_.error(req, Error::not_found("issue"));
    auto& [p, issue] = *found;
    IssueDraft d = draft_from(req.form());
    auto r = svc_.save_issue(*req.principal, p.fiscal_year, issue.id, d);
    if (!r) return issue_error(req, p, issue.id, d, r.error());
    return Response::redirect("/measures/plans/" + std::to_string(p.fiscal_year) + "?saved=1#issue-" +
                              std::to_string(issue.id));
  }

  Response delete_issue(Request& req) {
    auto found = find_issue(req);
    if (!found) return pages_.error(req, Error::not_found("issue"));
    auto& [p, issue] = *found;
    auto r = svc_.delete_issue(*req.principal, issue.id);
    if (!r) {
      if (r.error().kind == ErrorKind::conflict) return issue_page(req, p, issue.id, draft_of(issue), r.error(), 409);
      return pages_.error(req, r.error());
    }
    return Response::redirect("/measures/plans/" + std::to_string(p.fiscal_year) + "?deleted=1");
  }

 private:
  // The plan of /measures/plans/{year}/..., or an empty one for a year that has none yet.
  std::optional<Plan> plan_or_new(const Request& req) {
    auto year = req.id_param("year");
    if (!year || !plan_year_in_range(static_cast<int>(*year))) return std::nullopt;
    if (auto p = svc_.plan(req.agency_id, static_cast<int>(*year))) return p;
    Plan p;
    p.fiscal_year = static_cast<int>(*year);
    p.cited_year = p.fiscal_year - 1;
    p.framework_version = svc_.version_in_force(p.cited_year);
    return p;
  }

  // The plan and issue of /measures/issues/{issue}/...
  std::optional<std::pair<Plan, StoredIssue>> find_issue(const Request& req) {
    auto id = req.id_param("issue");
    if (!id) return std::nullopt;
    auto s = svc_.schedule(req.agency_id, *id);
    if (!s) return std::nullopt;
    auto p = svc_.plan(req.agency_id, s->fiscal_year);
    if (!p) return std::nullopt;
    for (const StoredIssue& i : p->issues) {
      if (i.id == *id) return std::make_pair(*p, i);
    }
    return std::nullopt;
  }

  Response issue_error(Request& req, const Plan& p, std::optional<std::int64_t> id, const IssueDraft& d,
                       const Error& e) {
    if (e.kind == ErrorKind::not_found || e.kind == ErrorKind::forbidden) return pages_.error(req, e);
    return issue_page(req, p, id, d, e, http::status_of(e.kind));
  }

  Response issue_page(Request& req, const Plan& p, std::optional<std::int64_t> id, const IssueDraft& d,
                      const std::optional<Error>& error, int status) {
    json items = json::array();
    if (const framework::Framework* fw = svc_.cited_framework(p)) {
      for (const framework::Item& item : fw->items) {
        items.push_back({{"code", item.code}, {"title", std::string(item.title_th())}});
      }
    }
    json units = json::array();
    for (const accounts::Unit& u : accounts_.units(req.agency_id)) {
      if (!u.active) continue;
      std::string uid = std::to_string(u.id);
      units.push_back({{"id", uid},
                       {"name", u.name_th},
                       {"checked", std::find(d.unit_ids.begin(), d.unit_ids.end(), uid) != d.unit_ids.end()}});
    }
    json cadences = json::array();
    for (Cadence c : {Cadence::monthly, Cadence::quarterly, Cadence::half_yearly, Cadence::yearly, Cadence::unknown}) {
      std::string v(to_string(c));
      cadences.push_back(
          {{"value", v}, {"label", std::string(pages_.t(req, "cadence." + v))}, {"selected", d.cadence == v}});
    }
    json months = json::array();
    json deadlines = json::array({{{"value", "0"},
                                   {"label", std::string(pages_.t(req, "edit.no_deadline"))},
                                   {"selected", d.deadline_month.empty() || d.deadline_month == "0"}}});
    for (unsigned m : {10u, 11u, 12u, 1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u}) {
      std::string v = std::to_string(m);
      std::string label = calendar::month_name(m, req.lang);
      months.push_back({{"value", v},
                        {"label", label},
                        {"checked", std::find(d.months.begin(), d.months.end(), v) != d.months.end()}});
      deadlines.push_back({{"value", v}, {"label", label}, {"selected", d.deadline_month == v}});
    }
    std::string year = std::to_string(p.fiscal_year);
    json data = {
        {"title", std::string(pages_.t(req, id ? "edit.edit_issue" : "edit.add_issue")) + " · " +
                      std::string(pages_.t(req, "measures.plan_title")) + " " + year},
        {"year", year},
        {"cited_year", std::to_string(p.cited_year)},
        {"back_href", p.id ? "/measures/plans/" + year : std::string("/measures/plans")},
        {"new_plan", p.id == 0},
        {"action", id ? "/measures/issues/" + std::to_string(*id) + "/edit" : "/measures/plans/" + year + "/issues"},
        {"items", items},
        {"units", units},
        {"cadences", cadences},
        {"months", months},
        {"deadlines", deadlines},
        {"can_delete", id && req.principal->roles.has(Role::admin)},
        {"delete_action", id ? "/measures/issues/" + std::to_string(*id) + "/delete" : ""},
        {"d",
         {{"item_code", d.item_code},
          {"indicator_text", d.indicator_text},
          {"question", d.question},
          {"sub_questions", d.sub_questions},
          {"target_answers", d.target_answers},
          {"responsible_text", d.responsible_text},
          {"steps", d.steps},
          {"monitoring_text", d.monitoring_text},
          {"summary", d.summary},
          {"outcome", d.outcome}}}};
    return pages_.form(req, "measures/issue_form", std::move(data), error, status);
  }

  Response plan_page(Request& req, const std::optional<Error>& error, int status) {
    auto year = req.id_param("year");
    auto p = year ? svc_.plan(req.agency_id, static_cast<int>(*year)) : std::nullopt;
    if (!p) return pages_.error(req, Error::not_found("plan"));
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
    json data = {{"title", std::string(pages_.t(req, "edit.plan")) + " " + std::to_string(p->fiscal_year)},
                 {"year", std::to_string(p->fiscal_year)},
                 {"plan_title", f ? f->value("title") : p->title},
                 {"prepared_by", f ? f->value("prepared_by") : p->prepared_by}};
    return pages_.form(req, "measures/plan_form", std::move(data), error, status);
  }

  Service& svc_;
  accounts::Service& accounts_;
  web::Pages& pages_;
};

}  // namespace

void mount_editing(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts) {
  auto h = std::make_shared<EditHandlers>(svc, accounts, pages);
  const Access editors = Access::roles({Role::admin, Role::staff});
  router.add(Route(Method::post, "/measures/plans", editors, http::member(h, &EditHandlers::create_plan))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/measures/plans/{year}/edit", editors, http::member(h, &EditHandlers::plan_form)));
  router.add(Route(Method::post, "/measures/plans/{year}/edit", editors, http::member(h, &EditHandlers::update_plan)));
  router.add(
      Route(Method::get, "/measures/plans/{year}/issues/new", editors, http::member(h, &EditHandlers::new_issue)));
  router.add(Route(Method::post, "/measures/plans/{year}/issues", editors, http::member(h, &EditHandlers::add_issue)));
  // Staff edit the issues of their own units; the service checks which.
  router.add(Route(Method::get, "/measures/issues/{issue}/edit", editors, http::member(h, &EditHandlers::edit_issue)));
  router.add(
      Route(Method::post, "/measures/issues/{issue}/edit", editors, http::member(h, &EditHandlers::update_issue)));
  router.add(Route(Method::post, "/measures/issues/{issue}/delete", Access::roles({Role::admin}),
                   http::member(h, &EditHandlers::delete_issue))
                 .takes(http::BodyRule::small_form()));
}

}  // namespace prongsai::measures
