// Staff pages of the measures module: the agency's plans, one plan in full, and importing a
// report (admin).
#include <functional>
#include <map>
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

constexpr std::size_t kImportBodyBytes = 5 << 20;  // a report is ~50 KB of text; room for long ones
// A progress report with its evidence: a few files of up to 20 MB each, and the form around them.
constexpr std::size_t kEvidenceBodyBytes = 45 << 20;

json due_view(const Request& req, const web::Pages& pages, const DueItem& d) {
  return {{"href", "/measures/issues/" + std::to_string(d.issue_id) + "/due/" + calendar::iso(d.due)},
          {"date", calendar::format(d.due, req.lang)},
          {"code", d.item_code},
          {"state", std::string(to_string(d.state))},
          {"state_label", std::string(pages.t(req, "due." + std::string(to_string(d.state))))}};
}

json plan_view(const Request& req, const web::Pages& pages, const framework::Catalogue& catalogue, const Plan& p,
               const std::vector<accounts::Unit>& units, const std::vector<DueItem>& due,
               const std::function<bool(const StoredIssue&)>& editable) {
  json issues = json::array();
  for (const StoredIssue& s : p.issues) {
    json dues = json::array();
    for (const DueItem& d : due) {
      if (d.issue_id == s.id) dues.push_back(due_view(req, pages, d));
    }
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
    issues.push_back({{"id", std::to_string(s.id)},
                      {"can_edit", editable(s)},
                      {"code", i.item_code},
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
                      {"outcome", i.outcome},
                      {"due", dues},
                      {"has_due", !dues.empty()}});
  }
  json documents = json::array();
  for (ReportKind kind : {ReportKind::plan, ReportKind::report}) {
    json formats = json::array();
    for (documents::Format f :
         {documents::Format::pdf, documents::Format::docx, documents::Format::xlsx, documents::Format::html}) {
      std::string ext(documents::extension(f));
      formats.push_back({{"href", "/measures/plans/" + std::to_string(p.fiscal_year) + "/documents/" +
                                      std::string(to_string(kind)) + "." + ext},
                         {"label", text::ascii_upper(ext)}});
    }
    documents.push_back({{"name", document_name(req.lang, catalogue, p.fiscal_year, kind)}, {"formats", formats}});
  }
  return {{"title", std::string(pages.t(req, "measures.plan_title")) + " " + std::to_string(p.fiscal_year)},
          {"year", std::to_string(p.fiscal_year)},
          {"cited_year", std::to_string(p.cited_year)},
          {"cited_version", web::version_label(req.lang, p.framework_version)},
          {"report_title", p.title},
          {"prepared_by", p.prepared_by},
          {"agency_as_written", p.agency_name_as_written},
          {"issues", issues},
          {"documents", documents},
          {"can_edit_plan", req.principal->roles.has(Role::admin) || req.principal->roles.has(Role::staff)},
          {"saved", req.query_param("saved").has_value()},
          {"deleted", req.query_param("deleted").has_value()},
          {"imported", p.source == "import"},
          {"created", calendar::format_time(p.created_at, req.lang)}};
}

class Handlers {
 public:
  Handlers(Service& svc, accounts::Service& accounts, web::Pages& pages, const Clock& clock)
      : svc_(svc), accounts_(accounts), pages_(pages), clock_(clock) {}

  Response plans(Request& req) { return plans_page(req, {}, 200); }

  Response plan(Request& req) { return plan_page(req, std::nullopt, 200); }

  Response dashboard(Request& req) {
    auto year = req.id_param("year");
    auto p = year ? svc_.plan(req.agency_id, static_cast<int>(*year)) : std::nullopt;
    if (!p) return pages_.error(req, Error::not_found("plan"));
    auto units = accounts_.units(req.agency_id);
    auto due = svc_.due_items(req.agency_id, p->fiscal_year, today());
    std::map<std::string, int> counts;
    json attention = json::array();
    for (const DueItem& d : due) {
      ++counts[std::string(to_string(d.state))];
      if (d.state != DueState::upcoming && d.state != DueState::done) attention.push_back(due_view(req, pages_, d));
    }
    json per_issue = json::array();
    std::map<std::int64_t, std::pair<int, int>> per_unit;  // unit → (done, total)
    for (const StoredIssue& s : p->issues) {
      int done = 0, total = 0;
      for (const DueItem& d : due) {
        if (d.issue_id != s.id) continue;
        ++total;
        if (d.state == DueState::done) ++done;
      }
      for (std::int64_t u : s.unit_ids) {
        per_unit[u].first += done;
        per_unit[u].second += total;
      }
      per_issue.push_back({{"code", s.issue.item_code},
                           {"done", std::to_string(done)},
                           {"total", std::to_string(total)},
                           {"percent", std::to_string(total ? done * 100 / total : 0)}});
    }
    json unit_rows = json::array();
    for (const auto& u : units) {
      auto it = per_unit.find(u.id);
      if (it == per_unit.end()) continue;
      auto [done, total] = it->second;
      unit_rows.push_back({{"name", u.name_th},
                           {"done", std::to_string(done)},
                           {"total", std::to_string(total)},
                           {"percent", std::to_string(total ? done * 100 / total : 0)}});
    }
    json tiles = json::array();
    for (const char* state : {"overdue", "due_this_month", "waiting_for_review", "returned", "done", "upcoming"}) {
      tiles.push_back({{"state", state},
                       {"label", std::string(pages_.t(req, std::string("due.") + state))},
                       {"count", std::to_string(counts[state])}});
    }
    return pages_.page(
        req, "measures/dashboard",
        {{"title", std::string(pages_.t(req, "measures.dashboard")) + " " + std::to_string(p->fiscal_year)},
         {"year", std::to_string(p->fiscal_year)},
         {"tiles", tiles},
         {"attention", attention},
         {"has_attention", !attention.empty()},
         {"issues", per_issue},
         {"units", unit_rows},
         {"today", calendar::format(today(), req.lang, calendar::Style::long_form)}});
  }

  // /measures/plans/{year}/documents/{kind}.{format}: the plan or the report as a file.
  Response document(Request& req) {
    auto year = req.id_param("year");
    std::string file(req.param("file"));
    auto dot = file.find('.');
    ReportKind kind = ReportKind::report;
    documents::Format format = documents::Format::pdf;
    if (!year || dot == std::string::npos || !parse_report_kind(file.substr(0, dot), kind) ||
        !documents::parse_format(file.substr(dot + 1), format)) {
      return pages_.error(req, Error::not_found("document"));
    }
    auto model = svc_.report(req.agency_id, static_cast<int>(*year), kind);
    if (!model) return pages_.error(req, model.error());
    return Response::file(documents::render(*model, format), documents::content_type(format),
                          report_file_name(kind, static_cast<int>(*year), format));
  }

  Response due_page(Request& req) { return due_form(req, {}, 200); }

  Response file(Request& req) {
    auto target = due_target(req);
    if (!target) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    auto status = parse_work_status(f.value("status"));
    if (!status) return due_form(req, Error::invalid_field("status", "error.required"), 422);
    std::vector<files::Upload> uploads;
    for (const http::UploadedFile& u : f.files()) {
      // A file input left empty still sends a part with no name and no bytes.
      if (u.field == "files" && !(u.filename.empty() && u.data.empty())) uploads.push_back({u.filename, u.data});
    }
    std::vector<std::int64_t> remove;
    for (const std::string& id : f.all("remove_files")) {
      try {
        remove.push_back(std::stoll(id));
      } catch (const std::exception&) {
      }
    }
    auto r = svc_.file_progress(*req.principal, target->first, target->second, *status, f.value("body"),
                                f.value("links"), uploads, remove);
    if (!r) {
      if (r.error().kind == ErrorKind::not_found || r.error().kind == ErrorKind::forbidden)
        return pages_.error(req, r.error());
      return due_form(req, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect(req.path + "?saved=1");
  }

  Response approve(Request& req) {
    auto year = req.id_param("year");
    if (!year) return pages_.error(req, Error::not_found("plan"));
    auto r = svc_.approve_plan(*req.principal, static_cast<int>(*year), req.form().value("note"));
    if (!r) {
      if (r.error().kind == ErrorKind::not_found || r.error().kind == ErrorKind::forbidden)
        return pages_.error(req, r.error());
      req.path = "/measures/plans/" + std::to_string(*year);
      req.params["year"] = std::to_string(*year);
      return plan_page(req, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/measures/plans/" + std::to_string(*year) + "?approved=" + std::to_string(*r));
  }

  Response evidence(Request& req) {
    auto target = due_target(req);
    auto file = req.id_param("file");
    if (!target || !file) return pages_.error(req, Error::not_found());
    auto found = svc_.evidence_file(req.agency_id, target->first, target->second, *file);
    if (!found) return pages_.error(req, found.error());
    return files::download(found->first, std::move(found->second));
  }

  Response review(Request& req) {
    auto target = due_target(req);
    if (!target) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    Review decision = f.value("decision") == "acknowledge" ? Review::acknowledged
                      : f.value("decision") == "return"    ? Review::returned
                                                           : Review::pending;
    auto r = svc_.review_progress(*req.principal, target->first, target->second, decision, f.value("comment"));
    std::string back = req.path.substr(0, req.path.size() - std::string_view("/review").size());
    if (!r) {
      if (r.error().kind == ErrorKind::not_found || r.error().kind == ErrorKind::forbidden)
        return pages_.error(req, r.error());
      req.path = back;
      return due_form(req, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect(back + "?reviewed=1");
  }

  Response import(Request& req) {
    const http::Form& f = req.form();
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
  // The {issue} and {date} of a due-date route, if both parse.
  std::optional<std::pair<std::int64_t, calendar::Date>> due_target(const Request& req) {
    auto issue = req.id_param("issue");
    auto date = calendar::parse_iso(req.param("date"));
    if (!issue || !date) return std::nullopt;
    return std::make_pair(*issue, *date);
  }

  Response due_form(Request& req, const std::optional<Error>& error, int status) {
    auto target = due_target(req);
    if (!target) return pages_.error(req, Error::not_found());
    auto issue = svc_.schedule(req.agency_id, target->first);
    if (!issue || std::find(issue->due.begin(), issue->due.end(), target->second) == issue->due.end()) {
      return pages_.error(req, Error::not_found("due date"));
    }
    auto report = svc_.progress(req.agency_id, issue->id, target->second);
    DueState state = due_state(target->second, report, today());
    json data = {
        {"title", issue->item_code + " · " + calendar::format(target->second, req.lang, calendar::Style::long_form)},
        {"year", std::to_string(issue->fiscal_year)},
        {"code", issue->item_code},
        {"question", issue->question},
        {"due", calendar::format(target->second, req.lang, calendar::Style::long_form)},
        {"state", std::string(to_string(state))},
        {"state_label", std::string(pages_.t(req, "due." + std::string(to_string(state))))},
        {"action", req.path},
        {"saved", req.query_param("saved").has_value()},
        {"reviewed", req.query_param("reviewed").has_value()}};
    bool acknowledged = report && report->review == Review::acknowledged;
    data["can_file"] = svc_.may_file(*req.principal, *issue) && !acknowledged;
    data["can_review"] = req.principal->roles.has(Role::executive) && report && report->review == Review::pending;
    json statuses = json::array();
    for (WorkStatus w : {WorkStatus::not_started, WorkStatus::in_progress, WorkStatus::done}) {
      bool selected = report ? report->status == w : w == WorkStatus::in_progress;
      statuses.push_back({{"value", std::string(to_string(w))},
                          {"label", std::string(pages_.t(req, "work." + std::string(to_string(w))))},
                          {"checked", selected}});
    }
    data["statuses"] = statuses;
    if (report) {
      std::string links;
      for (const auto& l : report->links) links += (links.empty() ? "" : "\n") + l;
      auto by = accounts_.user(req.agency_id, report->submitted_by);
      json evidence = json::array();
      for (const EvidenceFile& e : report->files) {
        evidence.push_back({{"id", std::to_string(e.id)},
                            {"name", e.ref.name},
                            {"size", files::size_label(e.ref.size)},
                            {"href", req.path + "/files/" + std::to_string(e.id)}});
      }
      data["report"] = {{"files", evidence},
                        {"has_files", !evidence.empty()},
                        {"status", std::string(pages_.t(req, "work." + std::string(to_string(report->status))))},
                        {"body", report->body},
                        {"links", report->links},
                        {"links_text", links},
                        {"by", by ? by->display_name : std::string()},
                        {"at", calendar::format_time(report->submitted_at, req.lang)},
                        {"review", std::string(pages_.t(req, "review." + std::string(to_string(report->review))))},
                        {"comment", report->review_comment}};
    }
    return pages_.form(req, "measures/due", std::move(data), error, status);
  }

  Response plan_page(Request& req, const std::optional<Error>& error, int status) {
    auto year = req.id_param("year");
    auto p = year ? svc_.plan(req.agency_id, static_cast<int>(*year)) : std::nullopt;
    if (!p) return pages_.error(req, Error::not_found("plan"));
    json data = plan_view(req, pages_, svc_.catalogue(), *p, accounts_.units(req.agency_id),
                          svc_.due_items(req.agency_id, p->fiscal_year, today()),
                          [&](const StoredIssue& s) { return svc_.may_edit(*req.principal, s.unit_ids); });
    auto published = svc_.publications(req.agency_id, p->fiscal_year);
    bool changed = svc_.changed_since_approval(req.agency_id, p->fiscal_year);
    data["publish"] = {{"status", std::string(pages_.t(req, published.empty() ? "publish.status_none"
                                                            : changed         ? "publish.status_changed"
                                                                              : "publish.status_current"))},
                       {"published", !published.empty()},
                       {"version", published.empty() ? "" : std::to_string(published.front().version)},
                       {"can_approve", req.principal->roles.has(Role::executive) && changed},
                       {"approved", req.query_param("approved").value_or("")}};
    return pages_.form(req, "measures/plan", std::move(data), error, status);
  }

  Response plans_page(Request& req, const std::optional<Error>& error, int status) {
    json list = json::array();
    for (const PlanSummary& s : svc_.plans(req.agency_id)) {
      list.push_back(
          {{"year", std::to_string(s.fiscal_year)}, {"title", s.title}, {"issues", std::to_string(s.issues)}});
    }
    json data = {{"title", std::string(pages_.t(req, "measures.title"))},
                 {"plans", list},
                 {"can_import", req.principal->roles.has(Role::admin)},
                 {"can_create", req.principal->roles.has(Role::admin) || req.principal->roles.has(Role::staff)},
                 {"default_year", std::to_string(calendar::FiscalYear::of(today()).be())}};
    return pages_.form(req, "measures/plans", std::move(data), error, status);
  }

  calendar::Date today() const { return calendar::local_date(clock_.now()); }

  Service& svc_;
  accounts::Service& accounts_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts, const Clock& clock) {
  auto h = std::make_shared<Handlers>(svc, accounts, pages, clock);
  router.add(Route(Method::get, "/measures/plans", Access::signed_in(), http::member(h, &Handlers::plans)));
  router.add(Route(Method::get, "/measures/plans/{year}", Access::signed_in(), http::member(h, &Handlers::plan)));
  router
      .add(Route(Method::post, "/measures/plans/import", Access::roles({Role::admin}),
                 http::member(h, &Handlers::import)))
      .takes(http::BodyRule::upload(kImportBodyBytes));
  router.add(Route(Method::get, "/measures/plans/{year}/dashboard", Access::signed_in(),
                   http::member(h, &Handlers::dashboard)));
  router
      .add(Route(Method::get, "/measures/plans/{year}/documents/{file}", Access::signed_in(),
                 http::member(h, &Handlers::document)))
      .on(http::Work::worker_pool);  // a PDF is tens of milliseconds of layout
  // Filing is for staff of a responsible unit and the admin: the service checks the unit.
  router.add(Route(Method::get, "/measures/issues/{issue}/due/{date}", Access::signed_in(),
                   http::member(h, &Handlers::due_page)));
  router
      .add(Route(Method::post, "/measures/issues/{issue}/due/{date}", Access::roles({Role::admin, Role::staff}),
                 http::member(h, &Handlers::file)))
      .takes(http::BodyRule::upload(kEvidenceBodyBytes));
  router.add(Route(Method::get, "/measures/issues/{issue}/due/{date}/files/{file}", Access::signed_in(),
                   http::member(h, &Handlers::evidence))
                 .on(http::Work::worker_pool));
  router.add(Route(Method::post, "/measures/issues/{issue}/due/{date}/review", Access::roles({Role::executive}),
                   http::member(h, &Handlers::review)));
  mount_editing(router, pages, svc, accounts);
  mount_public(router, pages, svc);
  router.add(Route(Method::post, "/measures/plans/{year}/approve", Access::roles({Role::executive}),
                   http::member(h, &Handlers::approve))
                 .takes(http::BodyRule::form(http::BodyRule::kTextFormBytes)));
  pages.add_menu({"menu.measures", "/measures/plans", Access::signed_in(), "ita"});
}

}  // namespace prongsai::measures
