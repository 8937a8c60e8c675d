// The register's staff pages (the admin and the พัสดุ officer; executives read the register):
// /procurement/manage (?year=) with the month and method totals, where each month's summary
// stands (published, due, overdue; publish and correct it: /procurement/manage/publish; the
// admin's due day: /procurement/manage/due-day), and every purchase; a purchase's form
// (/procurement/manage/new, /procurement/manage/{id}) with its bidders and contracts, and its
// documents from the library, and its delete; the e-GP import (/procurement/import): upload, review of what it adds and
// changes, confirm; the year's purchase plan (/procurement/plan): its lines as rows of one form, and its publishing.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/errors.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/library/library.hpp"
#include "modules/procurement/egp.hpp"
#include "modules/procurement/module.hpp"
#include "modules/procurement/publish.hpp"
#include "web/years.hpp"

namespace prongsai::procurement {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

constexpr std::size_t kBlankBids = 3, kBlankContracts = 1, kBlankDocuments = 2;
// The library's documents offered for a purchase: those in force in its year, newest first.
constexpr std::int64_t kDocumentChoices = 500;

std::string month_label(const calendar::Period& days, Lang lang) {
  return calendar::month_name(static_cast<unsigned>(days.first.month()), lang) + " " +
         std::to_string(lang == Lang::th ? calendar::be_year(days.first) : static_cast<int>(days.first.year()));
}

// The purchase's form as typed: its bidders and contracts as rows of same-named fields.
ProjectInput input_of(const http::Form& f) {
  ProjectInput in;
  in.egp_number = f.value("egp_number");
  in.name = f.value("name");
  in.method = f.value("method");
  in.status = f.value("status");
  in.budget = f.value("budget");
  in.budget_source = f.value("budget_source");
  in.reference_price = f.value("reference_price");
  in.agreed_price = f.value("agreed_price");
  in.vendor = f.value("vendor");
  in.reason = f.value("reason");
  in.announced_on = f.value("announced_on");
  in.delivered_on = f.value("delivered_on");
  in.unit_id = text::parse_id(f.value("unit"));
  std::vector<std::string> bidders = f.all("bid_name"), bid_prices = f.all("bid_price");
  for (std::size_t i = 0; i < bidders.size() && i < bid_prices.size(); ++i)
    in.bids.push_back({bidders[i], bid_prices[i]});
  std::vector<std::string> numbers = f.all("contract_number"), vendors = f.all("contract_vendor"),
                           prices = f.all("contract_price"), signed_on = f.all("contract_signed"),
                           finish_on = f.all("contract_finish");
  for (std::size_t i = 0;
       i < numbers.size() && i < vendors.size() && i < prices.size() && i < signed_on.size() && i < finish_on.size();
       ++i)
    in.contracts.push_back({numbers[i], vendors[i], prices[i], signed_on[i], finish_on[i]});
  std::vector<std::string> documents = f.all("document"), roles = f.all("document_role");
  for (std::size_t i = 0; i < documents.size() && i < roles.size(); ++i)
    in.documents.push_back({documents[i], roles[i]});
  return in;
}

class Handlers {
 public:
  Handlers(Register& reg, Summaries& summaries, accounts::Service& accounts, library::Library& library,
           web::Pages& pages, const Clock& clock, std::size_t max_upload)
      : reg_(reg),
        summaries_(summaries),
        accounts_(accounts),
        library_(library),
        pages_(pages),
        clock_(clock),
        max_upload_(max_upload) {}

  calendar::Date today() const { return calendar::local_date(clock_.now()); }

  // /procurement/manage?year=: the year's totals and purchases, and where each month's summary stands.
  Response manage(Request& req) {
    auto year = web::year_asked(req, today());
    if (!year) return pages_.error(req, Error::not_found("year"));
    return manage_page(req, *year, std::nullopt, 200);
  }

  // A month's summary published (or its correction, with the reason).
  Response publish(Request& req) {
    const http::Form& f = req.form();
    auto year = text::parse_id(f.value("fiscal_year"));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found("year"));
    auto done = summaries_.publish(*req.principal, static_cast<int>(*year), f.value("month"), f.value("note"),
                                   f.value("confirm_personal_data") == "1", req.lang);
    if (!done) {
      if (done.error().kind != ErrorKind::invalid) return pages_.error(req, done.error());
      return manage_page(req, static_cast<int>(*year), done.error(), http::status_of(done.error().kind));
    }
    return Response::redirect("/procurement/manage?year=" + std::to_string(*year) + "&published=" + done->month +
                              "#months");
  }

  // The year's report published (or its correction, with the reason).
  Response publish_year(Request& req) {
    const http::Form& f = req.form();
    auto year = text::parse_id(f.value("fiscal_year"));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found("year"));
    AnnualTexts texts{f.value("analysis"), f.value("problems"), f.value("suggestions")};
    auto done = summaries_.publish_year(*req.principal, static_cast<int>(*year), texts, f.value("note"),
                                        f.value("confirm_personal_data") == "1", req.lang);
    if (!done) {
      if (done.error().kind != ErrorKind::invalid) return pages_.error(req, done.error());
      return manage_page(req, static_cast<int>(*year), done.error(), http::status_of(done.error().kind));
    }
    return Response::redirect("/procurement/manage?year=" + std::to_string(*year) + "&published=annual#annual");
  }

  // /procurement/plan?year=: the year's purchase plan, its lines as rows of one form.
  Response plan(Request& req) {
    auto year = web::year_asked(req, today());
    if (!year) return pages_.error(req, Error::not_found("year"));
    return plan_page(req, *year, std::nullopt, 200);
  }

  Response save_plan(Request& req) {
    const http::Form& f = req.form();
    auto year = text::parse_id(f.value("fiscal_year"));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found("year"));
    auto saved = summaries_.save_plan(*req.principal, static_cast<int>(*year), plan_input(f), req.lang);
    if (!saved) {
      if (saved.error().kind != ErrorKind::invalid) return pages_.error(req, saved.error());
      return plan_page(req, static_cast<int>(*year), saved.error(), http::status_of(saved.error().kind));
    }
    return Response::redirect("/procurement/plan?year=" + std::to_string(*year) + "&saved=1");
  }

  Response publish_plan(Request& req) {
    const http::Form& f = req.form();
    auto year = text::parse_id(f.value("fiscal_year"));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found("year"));
    auto done = summaries_.publish_plan(*req.principal, static_cast<int>(*year), f.value("note"),
                                        f.value("confirm_personal_data") == "1", req.lang);
    if (!done) {
      if (done.error().kind != ErrorKind::invalid) return pages_.error(req, done.error());
      return plan_page(req, static_cast<int>(*year), done.error(), http::status_of(done.error().kind));
    }
    return Response::redirect("/procurement/plan?year=" + std::to_string(*year) + "&published=1");
  }

  // The admin's day of the next month by which a month's summary is due.
  Response due_day(Request& req) {
    const http::Form& f = req.form();
    auto year = text::parse_id(f.value("fiscal_year"));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found("year"));
    auto day = text::parse_id(f.value("due_day"));
    auto set = summaries_.set_due_day(*req.principal, day && *day <= 31 ? static_cast<int>(*day) : 0);
    if (!set) {
      if (set.error().kind != ErrorKind::invalid) return pages_.error(req, set.error());
      return manage_page(req, static_cast<int>(*year), set.error(), http::status_of(set.error().kind));
    }
    return Response::redirect("/procurement/manage?year=" + std::to_string(*year) + "&due_saved=1#due-day");
  }

  Response new_form(Request& req) {
    auto year = web::year_asked(req, today());
    if (!year) return pages_.error(req, Error::not_found("year"));
    Project p;
    p.fiscal_year = *year;
    return form(req, std::nullopt, p, std::nullopt, 200);
  }
  Response edit_form(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto p = reg_.get(*req.principal, *id);
    if (!p) return pages_.error(req, p.error());
    return form(req, *id, *p, std::nullopt, 200);
  }

  Response create(Request& req) {
    auto year = text::parse_id(req.form().value("fiscal_year"));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found("year"));
    return save(req, std::nullopt, static_cast<int>(*year));
  }
  Response update(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto p = reg_.get(*req.principal, *id);
    if (!p) return pages_.error(req, p.error());
    return save(req, *id, p->fiscal_year);
  }

  // Deleting needs the box ticked.
  Response remove(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto p = reg_.get(*req.principal, *id);
    if (!p) return pages_.error(req, p.error());
    if (req.form().value("confirm") != "1")
      return Response::redirect("/procurement/manage/" + std::to_string(*id) + "?confirm_delete=1#delete");
    if (auto r = reg_.remove(*req.principal, *id); !r) return pages_.error(req, r.error());
    return Response::redirect("/procurement/manage?year=" + std::to_string(p->fiscal_year) + "&deleted=1");
  }

  // /procurement/import?year=: the upload form.
  Response import_form(Request& req) {
    auto year = web::year_asked(req, today());
    if (!year) return pages_.error(req, Error::not_found("year"));
    return import_page(req, *year, std::nullopt, 200);
  }

  // The uploaded file read and compared with the register; kept for the confirmation.
  Response import_upload(Request& req) {
    const http::Form& f = req.form();
    auto year = text::parse_id(f.value("fiscal_year"));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found("year"));
    const http::UploadedFile* file = nullptr;
    for (const http::UploadedFile& u : f.files())
      if (u.field == "file" && !u.data.empty()) file = &u;
    if (!file) return import_page(req, static_cast<int>(*year), Error::invalid_field("file", "error.required"), 422);
    auto projects = egp::read_any(file->data, static_cast<int>(*year), req.lang);
    if (!projects) return import_page(req, static_cast<int>(*year), projects.error(), 422);
    auto kept = reg_.keep_upload(*req.principal, static_cast<int>(*year), file->filename, file->data);
    if (!kept) return import_page(req, static_cast<int>(*year), kept.error(), http::status_of(kept.error().kind));
    ImportPlan plan = reg_.plan_import(req.principal->agency_id, static_cast<int>(*year), *projects, req.lang);
    return review(req, *kept, file->filename, plan, false);
  }

  // The officer's confirmation: the file read again and compared again; applied only when the
  // plan is the one they reviewed.
  Response import_confirm(Request& req) {
    const http::Form& f = req.form();
    auto id = text::parse_id(f.value("upload"));
    if (!id) return pages_.error(req, Error::not_found());
    auto held = reg_.upload(*req.principal, *id);
    if (!held) return pages_.error(req, held.error());
    auto projects = egp::read_any(held->data, held->fiscal_year, req.lang);
    if (!projects) return pages_.error(req, projects.error());
    ImportPlan plan = reg_.plan_import(req.principal->agency_id, held->fiscal_year, *projects, req.lang);
    if (plan.digest() != f.value("digest")) return review(req, *id, held->name, plan, true);
    std::set<std::string> accept;
    for (const std::string& n : f.all("accept")) accept.insert(n);
    auto r = reg_.apply_import(accounts::actor_of(*req.principal), req.principal->agency_id, plan, accept);
    if (!r) {
      if (r.error().kind == ErrorKind::conflict) return review(req, *id, held->name, plan, true);
      return pages_.error(req, r.error());
    }
    if (auto dropped = reg_.drop_upload(*req.principal, *id); !dropped) return pages_.error(req, dropped.error());
    return Response::redirect("/procurement/manage?year=" + std::to_string(held->fiscal_year) + "&imported=1&added=" +
                              std::to_string(r->added) + "&changed=" + std::to_string(r->changed));
  }

 private:
  static std::vector<PlanLineInput> plan_input(const http::Form& f) {
    std::vector<PlanLineInput> out;
    std::vector<std::string> names = f.all("line_name"), budgets = f.all("line_budget"), sources = f.all("line_source"),
                             methods = f.all("line_method"), months = f.all("line_month"), units = f.all("line_unit"),
                             notes = f.all("line_note");
    for (std::size_t i = 0; i < names.size() && i < budgets.size() && i < sources.size() && i < methods.size() &&
                            i < months.size() && i < units.size() && i < notes.size();
         ++i)
      out.push_back({names[i], budgets[i], sources[i], methods[i], months[i], units[i], notes[i]});
    return out;
  }

  Response plan_page(Request& req, int year, const std::optional<Error>& error, int status) {
    const bool editor = may_edit(*req.principal);
    const std::vector<accounts::Unit> units = accounts_.units(req.principal->agency_id);
    // The lines as typed when the form comes back refused; as kept otherwise; and blank rows.
    std::vector<PlanLineInput> shown;
    if (req.method == Method::post && req.form().has("line_name")) {
      for (PlanLineInput& in : plan_input(req.form()))
        if (!(in.name + in.budget + in.budget_source + in.expected_month + in.note).empty()) shown.push_back(in);
    } else {
      for (const PlanRow& r : summaries_.plan(req.principal->agency_id, year))
        shown.push_back({r.line.name, r.line.budget ? baht(r.line.budget) : "", r.line.budget_source, r.line.method,
                         r.line.expected_month, r.unit_id ? std::to_string(*r.unit_id) : "", r.line.note});
    }
    const std::size_t kept = shown.size();
    if (editor)
      for (int i = 0; i < 3; ++i) shown.push_back({"", "", "", "specific", "", "", ""});
    json lines = json::array();
    const calendar::Period days = calendar::FiscalYear(year).period();
    const std::string min_month = calendar::iso(days.first).substr(0, 7),
                      max_month = calendar::iso(days.last).substr(0, 7);
    for (std::size_t i = 0; i < shown.size(); ++i) {
      const PlanLineInput& in = shown[i];
      json methods = json::array(), unit_options = json::array();
      for (std::string_view m : kMethods)
        methods.push_back({{"value", std::string(m)},
                           {"label", label(req, "procurement.method." + std::string(m))},
                           {"selected", in.method == m}});
      for (const accounts::Unit& u : units)
        if (u.active || std::to_string(u.id) == in.unit)
          unit_options.push_back(
              {{"value", std::to_string(u.id)}, {"label", u.name_th}, {"selected", std::to_string(u.id) == in.unit}});
      std::string unit_name, method_label = label(req, "procurement.method." + in.method), when = "-";
      if (auto d = calendar::parse_iso(in.expected_month + "-01")) when = month_label({*d, *d}, req.lang);
      for (const accounts::Unit& u : units)
        if (std::to_string(u.id) == in.unit) unit_name = u.name_th;
      lines.push_back({{"n", i + 1},
                       {"blank", i >= kept},
                       {"name", in.name},
                       {"budget", in.budget},
                       {"source", in.budget_source},
                       {"month", in.expected_month},
                       {"month_label", when},
                       {"note", in.note},
                       {"methods", methods},
                       {"method_label", method_label},
                       {"units", unit_options},
                       {"unit_name", unit_name}});
    }
    const PlanState state = summaries_.plan_state(req.principal->agency_id, year);
    json release = false;
    if (auto p = summaries_.published_plan(req.principal->agency_id, year)) {
      release = {{"on", calendar::format(calendar::local_date(p->published_at), req.lang)},
                 {"version", p->version},
                 {"corrected", p->version > 1},
                 {"files", file_links(year, kPlan, p->files)}};
    }
    json data = {
        {"title",
         label(req, "procurement.plan_title") + " " + label(req, "report.fiscal_year") + " " + std::to_string(year)},
        {"year", year},
        {"years", web::year_links("/procurement/plan", today(), year)},
        {"may_edit", editor},
        {"lines", lines},
        {"has_lines", !lines.empty()},
        {"min_month", min_month},
        {"max_month", max_month},
        {"state", label(req, "procurement.plan_state." + std::string(state == PlanState::published ? "published"
                                                                     : state == PlanState::changed ? "changed"
                                                                                                   : "unpublished"))},
        {"tone", state == PlanState::published ? "status-ready" : "status-stale"},
        {"release", release},
        {"correcting", state != PlanState::unpublished},
        {"saved", req.query_param("saved").has_value()},
        {"just_published", req.query_param("published").has_value()}};
    return pages_.form(req, "procurement/plan", std::move(data), error, status);
  }

  Response manage_page(Request& req, int year, const std::optional<Error>& error, int status) {
    auto projects = reg_.year(*req.principal, year);
    if (!projects) return pages_.error(req, projects.error());
    YearTotals t = Register::totals_of(*projects, year);
    const bool editor = may_edit(*req.principal);
    std::vector<MonthStatus> states = summaries_.months(req.principal->agency_id, year, today(), *projects);
    const bool held = error && error->field == "confirm_personal_data" && req.method == Method::post;
    json months = json::array(), methods = json::array(), rows = json::array();
    for (const MonthTotal& m : t.months) {
      const MonthStatus& st = states.at(static_cast<std::size_t>(m.index - 1));
      json month = {{"month", month_label(m.days, req.lang)},
                    {"key", st.month},
                    {"projects", m.projects},
                    {"cancelled", m.cancelled},
                    {"agreed", baht(m.agreed)},
                    {"none", m.projects == 0},
                    {"state", std::string(to_string(st.state))},
                    {"state_label", label(req, "procurement.month_state." + std::string(to_string(st.state)))},
                    {"tone", st.state == MonthState::published  ? "status-ready"
                             : st.state == MonthState::overdue  ? "status-missing"
                             : st.state == MonthState::not_over ? ""
                                                                : "status-stale"},
                    {"due", calendar::format(st.due, req.lang)},
                    {"publishable", editor && (st.state == MonthState::due || st.state == MonthState::overdue)},
                    {"correctable", editor && st.state == MonthState::changed},
                    // Held for personal data: this month's form asks for the confirmation.
                    {"held", held && req.form().value("month") == st.month}};
      if (st.published) {
        month["release"] = {{"on", calendar::format(calendar::local_date(st.published->published_at), req.lang)},
                            {"version", st.published->version},
                            {"corrected", st.published->version > 1},
                            {"files", file_links(year, st.month, st.published->files)}};
      }
      months.push_back(std::move(month));
    }
    for (const MethodTotal& m : t.methods)
      methods.push_back({{"method", label(req, "procurement.method." + m.method)},
                         {"projects", m.projects},
                         {"agreed", baht(m.agreed)}});
    for (const Project& p : *projects) {
      auto day = p.reported_on();
      rows.push_back({{"href", "/procurement/manage/" + std::to_string(p.id)},
                      {"date", day ? calendar::format(*day, req.lang) : "-"},
                      {"number", p.egp_number.empty() ? "-" : p.egp_number},
                      {"name", p.name},
                      {"method", label(req, "procurement.method." + p.method)},
                      {"vendor", p.vendor.empty() ? "-" : p.vendor},
                      {"agreed", baht(p.agreed_price)},
                      {"status", p.status},
                      {"status_label", label(req, "procurement.status." + p.status)}});
    }
    // The year's report: where it stands, its files, and its form once the year is over (the
    // texts as typed when refused, else as last published).
    const YearState year_state = summaries_.year_state(req.principal->agency_id, year, today(), *projects);
    auto annual = summaries_.published_year(req.principal->agency_id, year);
    const http::Form* posted = req.method == Method::post && req.form().has("analysis") ? &req.form() : nullptr;
    AnnualTexts texts =
        posted   ? AnnualTexts{posted->value("analysis"), posted->value("problems"), posted->value("suggestions")}
        : annual ? annual->texts
                 : AnnualTexts{};
    json report = {{"state", label(req, "procurement.year_state." + std::string(to_string(year_state)))},
                   {"tone", year_state == YearState::published  ? "status-ready"
                            : year_state == YearState::not_over ? ""
                                                                : "status-stale"},
                   {"open", editor && year_state != YearState::not_over},
                   {"held", held && posted != nullptr},
                   {"correcting", annual.has_value()},
                   {"analysis", texts.analysis},
                   {"problems", texts.problems},
                   {"suggestions", texts.suggestions}};
    if (annual) {
      report["release"] = {{"on", calendar::format(calendar::local_date(annual->published_at), req.lang)},
                           {"version", annual->version},
                           {"corrected", annual->version > 1},
                           {"files", file_links(year, kAnnual, annual->files)}};
    }
    json data = {{"title", label(req, "procurement.register_title") + " " + label(req, "report.fiscal_year") + " " +
                               std::to_string(year)},
                 {"annual", report},
                 {"year", year},
                 {"years", web::year_links("/procurement/manage", today(), year)},
                 {"may_edit", editor},
                 {"may_set_due", req.principal->roles.has(Role::admin)},
                 {"due_day", summaries_.due_day(req.principal->agency_id)},
                 {"due_saved", req.query_param("due_saved").has_value()},
                 {"just_published", req.query_param("published").has_value()},
                 {"public_href", "/procurement/" + std::to_string(year)},
                 {"months", months},
                 {"methods", methods},
                 {"has_methods", !methods.empty()},
                 {"rows", rows},
                 {"empty", rows.empty()},
                 {"total_projects", t.projects},
                 {"total_agreed", baht(t.agreed)},
                 {"undated", t.undated},
                 {"has_undated", t.undated > 0},
                 {"deleted", req.query_param("deleted").has_value()},
                 {"imported", req.query_param("imported").has_value()},
                 {"added", req.query_param("added").value_or("0")},
                 {"changed", req.query_param("changed").value_or("0")}};
    return pages_.form(req, "procurement/manage", std::move(data), error, status);
  }

  std::string label(const Request& req, const std::string& key) const { return std::string(pages_.t(req, key)); }

  Response import_page(Request& req, int year, const std::optional<Error>& error, int status) {
    json data = {{"title", label(req, "procurement.import_title") + " " + label(req, "report.fiscal_year") + " " +
                               std::to_string(year)},
                 {"year", year},
                 {"max_mb", std::to_string(max_upload_ >> 20)}};
    return pages_.form(req, "procurement/import", std::move(data), error, status);
  }

  Response review(Request& req, std::int64_t upload, const std::string& name, const ImportPlan& plan, bool moved) {
    json added = json::array(), changed = json::array();
    for (const Project& p : plan.added) {
      auto day = p.reported_on();
      added.push_back({{"number", p.egp_number},
                       {"name", p.name},
                       {"date", day ? calendar::format(*day, req.lang) : "-"},
                       {"agreed", baht(p.agreed_price)},
                       {"status_label", label(req, "procurement.status." + p.status)}});
    }
    for (const ChangedProject& c : plan.changed) {
      json fields = json::array();
      for (const FieldChange& fc : c.changes)
        fields.push_back(
            {{"field", label(req, "procurement.field." + fc.field)}, {"before", fc.before}, {"after", fc.after}});
      changed.push_back({{"number", c.egp_number}, {"name", c.name}, {"fields", fields}});
    }
    json data = {{"title", label(req, "procurement.review_title") + " " + label(req, "report.fiscal_year") + " " +
                               std::to_string(plan.fiscal_year)},
                 {"year", plan.fiscal_year},
                 {"file", name},
                 {"upload", std::to_string(upload)},
                 {"digest", plan.digest()},
                 {"moved", moved},
                 {"added", added},
                 {"added_count", plan.added.size()},
                 {"changed", changed},
                 {"changed_count", plan.changed.size()},
                 {"has_added", !plan.added.empty()},
                 {"has_changed", !plan.changed.empty()},
                 {"unchanged", plan.unchanged},
                 {"other_year", plan.other_year},
                 {"nothing", plan.added.empty() && plan.changed.empty()}};
    return pages_.page(req, "procurement/review", std::move(data));
  }

  Response save(Request& req, std::optional<std::int64_t> id, int year) {
    ProjectInput in = input_of(req.form());
    Result<std::int64_t> saved = reg_.save(*req.principal, id, year, in);
    if (!saved) {
      if (saved.error().kind != ErrorKind::invalid) return pages_.error(req, saved.error());
      Project typed;
      typed.fiscal_year = year;
      typed.egp_number = in.egp_number;
      typed.name = in.name;
      typed.method = in.method;
      typed.status = in.status;
      typed.budget_source = in.budget_source;
      typed.vendor = in.vendor;
      typed.reason = in.reason;
      typed.unit_id = in.unit_id;
      return form(req, id, typed, saved.error(), http::status_of(saved.error().kind));
    }
    return Response::redirect("/procurement/manage/" + std::to_string(*saved) + "?saved=1");
  }

  // The purchase's documents as rows of a choice among the library's documents in force in its
  // year (and those it already has) and what each is to it; blank rows after.
  json document_rows(Request& req, const Project& p, const std::optional<ProjectInput>& typed) {
    std::vector<library::Document> offered =
        library_.find(req.agency_id, {.year = p.fiscal_year}, kDocumentChoices, 0).documents;
    std::vector<std::pair<std::string, std::string>> rows;  // document, role
    if (typed) {
      for (const DocumentInput& d : typed->documents)
        if (!text::trim(d.document_id).empty()) rows.emplace_back(d.document_id, d.role);
    } else {
      for (const ProjectDocument& d : p.documents) rows.emplace_back(std::to_string(d.document_id), d.role);
    }
    for (const auto& [document, role] : rows) {
      auto id = text::parse_id(document);
      if (!id || std::any_of(offered.begin(), offered.end(), [&](const library::Document& d) { return d.id == *id; }))
        continue;
      if (auto d = library_.get(req.agency_id, *id)) offered.push_back(std::move(*d));  // of another year
    }
    for (std::size_t i = 0; i < kBlankDocuments; ++i) rows.emplace_back("", "");
    json out = json::array();
    std::size_t n = 0;
    for (const auto& [document, role] : rows) {
      json options = json::array(), roles = json::array();
      std::string href;
      for (const library::Document& d : offered) {
        const bool selected = std::to_string(d.id) == document;
        if (selected) href = d.url();
        std::string text = label(req, "library.kind." + d.kind) + " · ";
        if (!d.number.empty()) text += d.number + " · ";
        text += d.title + " (" + calendar::format(d.issued_on, req.lang) + ")";
        options.push_back({{"value", std::to_string(d.id)}, {"label", text}, {"selected", selected}});
      }
      for (std::string_view r : kDocumentRoles)
        roles.push_back({{"value", std::string(r)},
                         {"label", label(req, "procurement.document." + std::string(r))},
                         {"selected", role == r}});
      out.push_back({{"n", ++n}, {"options", options}, {"roles", roles}, {"href", href}});
    }
    return out;
  }

  Response form(Request& req, std::optional<std::int64_t> id, const Project& p, const std::optional<Error>& error,
                int status) {
    const http::Form* posted = req.method == Method::post ? &req.form() : nullptr;
    // Typed amounts and dates come back as they were typed; a stored purchase's as it keeps them.
    auto typed = [&](const char* field, const std::string& stored) { return posted ? posted->value(field) : stored; };
    auto amount = [](const std::optional<Satang>& a) { return a ? baht(a) : std::string(); };
    auto day = [](const std::optional<calendar::Date>& d) { return d ? calendar::iso(*d) : std::string(); };
    json methods = json::array(), statuses = json::array(), units = json::array();
    for (std::string_view m : kMethods)
      methods.push_back({{"value", std::string(m)},
                         {"label", label(req, "procurement.method." + std::string(m))},
                         {"selected", p.method == m}});
    for (std::string_view s : kStatuses)
      statuses.push_back({{"value", std::string(s)},
                          {"label", label(req, "procurement.status." + std::string(s))},
                          {"selected", p.status == s}});
    for (const accounts::Unit& u : accounts_.units(req.principal->agency_id))
      if (u.active)
        units.push_back({{"value", std::to_string(u.id)}, {"label", u.name_th}, {"selected", p.unit_id == u.id}});
    // The rows as typed when the form comes back refused; a stored purchase's otherwise.
    json bids = json::array(), contracts = json::array();
    std::size_t n = 0;
    const std::optional<ProjectInput> typed_in = posted ? std::optional(input_of(*posted)) : std::nullopt;
    if (typed_in) {
      for (const BidInput& b : typed_in->bids)
        if (!text::trim(b.bidder).empty() || !text::trim(b.price).empty())
          bids.push_back({{"n", ++n}, {"bidder", b.bidder}, {"price", b.price}});
    } else {
      for (const Bid& b : p.bids) bids.push_back({{"n", ++n}, {"bidder", b.bidder}, {"price", amount(b.price)}});
    }
    for (std::size_t i = 0; i < kBlankBids; ++i) bids.push_back({{"n", ++n}, {"bidder", ""}, {"price", ""}});
    n = 0;
    if (typed_in) {
      for (const ContractInput& c : typed_in->contracts)
        if (!(c.number + c.vendor + c.price + c.signed_on + c.finish_on).empty())
          contracts.push_back({{"n", ++n},
                               {"number", c.number},
                               {"vendor", c.vendor},
                               {"price", c.price},
                               {"signed", c.signed_on},
                               {"finish", c.finish_on}});
    } else {
      for (const Contract& c : p.contracts)
        contracts.push_back({{"n", ++n},
                             {"number", c.number},
                             {"vendor", c.vendor},
                             {"price", amount(c.price)},
                             {"signed", day(c.signed_on)},
                             {"finish", day(c.finish_on)}});
    }
    for (std::size_t i = 0; i < kBlankContracts; ++i)
      contracts.push_back({{"n", ++n}, {"number", ""}, {"vendor", ""}, {"price", ""}, {"signed", ""}, {"finish", ""}});
    json documents = document_rows(req, p, typed_in);
    std::string action = id ? "/procurement/manage/" + std::to_string(*id) : "/procurement/manage/new";
    json data = {{"title", label(req, id ? "procurement.edit_title" : "procurement.new_title")},
                 {"year", p.fiscal_year},
                 {"action", action},
                 {"editing", id.has_value()},
                 {"delete_action", action + "/delete"},
                 {"confirm_delete", req.query_param("confirm_delete").has_value()},
                 {"from_egp", p.source == "egp"},
                 {"egp_number", p.egp_number},
                 {"name", p.name},
                 {"methods", methods},
                 {"statuses", statuses},
                 {"units", units},
                 {"budget", typed("budget", amount(p.budget))},
                 {"budget_source", p.budget_source},
                 {"reference_price", typed("reference_price", amount(p.reference_price))},
                 {"vendor", p.vendor},
                 {"agreed_price", typed("agreed_price", amount(p.agreed_price))},
                 {"reason", p.reason},
                 {"announced_on", typed("announced_on", day(p.announced_on))},
                 {"delivered_on", typed("delivered_on", day(p.delivered_on))},
                 {"bids", bids},
                 {"contracts", contracts},
                 {"documents", documents},
                 {"may_add_document", library::may_edit_library(*req.principal)},
                 {"saved", req.query_param("saved").has_value()}};
    return pages_.form(req, "procurement/project_form", std::move(data), error, status);
  }

  Register& reg_;
  Summaries& summaries_;
  accounts::Service& accounts_;
  library::Library& library_;
  web::Pages& pages_;
  const Clock& clock_;
  std::size_t max_upload_;
};

}  // namespace

void mount(web::Host& host) {
  auto h = std::make_shared<Handlers>(host.get<Register>(), host.get<Summaries>(), host.get<accounts::Service>(),
                                      host.get<library::Library>(), host.pages(), host.clock(),
                                      host.get<web::Settings>().max_upload_bytes);
  http::Router& router = host.router();
  const Access readers = Access::roles({Role::admin, Role::procurement, Role::executive});
  const Access editors = Access::roles({Role::admin, Role::procurement});
  router.add(Route(Method::get, "/procurement/manage", readers, http::member(h, &Handlers::manage)));
  router.add(Route(Method::get, "/procurement/manage/new", editors, http::member(h, &Handlers::new_form)));
  router.add(Route(Method::post, "/procurement/manage/new", editors, http::member(h, &Handlers::create))
                 .takes(http::BodyRule::form()));
  router.add(Route(Method::get, "/procurement/manage/{id}", editors, http::member(h, &Handlers::edit_form)));
  router.add(Route(Method::post, "/procurement/manage/{id}", editors, http::member(h, &Handlers::update))
                 .takes(http::BodyRule::form()));
  router.add(Route(Method::post, "/procurement/manage/{id}/delete", editors, http::member(h, &Handlers::remove))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/procurement/manage/publish", editors, http::member(h, &Handlers::publish))
                 .takes(http::BodyRule::small_form())
                 .on(http::Work::worker_pool));
  router.add(Route(Method::post, "/procurement/manage/publish-year", editors, http::member(h, &Handlers::publish_year))
                 .takes(http::BodyRule::form())
                 .on(http::Work::worker_pool));
  router.add(Route(Method::get, "/procurement/plan", readers, http::member(h, &Handlers::plan)));
  router.add(Route(Method::post, "/procurement/plan", editors, http::member(h, &Handlers::save_plan))
                 .takes(http::BodyRule::form()));
  router.add(Route(Method::post, "/procurement/plan/publish", editors, http::member(h, &Handlers::publish_plan))
                 .takes(http::BodyRule::small_form())
                 .on(http::Work::worker_pool));
  router.add(Route(Method::post, "/procurement/manage/due-day", Access::roles({Role::admin}),
                   http::member(h, &Handlers::due_day))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/procurement/import", editors, http::member(h, &Handlers::import_form)));
  router.add(Route(Method::post, "/procurement/import", editors, http::member(h, &Handlers::import_upload))
                 .takes(http::BodyRule::upload(host.get<web::Settings>().max_upload_bytes + (1 << 20)))
                 .on(http::Work::worker_pool));
  router.add(Route(Method::post, "/procurement/import/confirm", editors, http::member(h, &Handlers::import_confirm))
                 .takes(http::BodyRule::form())
                 .on(http::Work::worker_pool));
  host.pages().add_menu({"menu.procurement", "/procurement/manage", readers, "ita"});
}

}  // namespace prongsai::procurement
