// /services (public, page-cached): the published services with their unit, target in working
// days and the documents to bring. /admin/services: the admin's catalogue: add a service from
// a shipped template, then set its names, unit, target, contact rule and documents, publish.
// /admin/holidays: the agency's holidays by fiscal year, which working-day targets skip.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/errors.hpp"
#include "modules/services/module.hpp"

namespace prongsai::services {
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
  Handlers(Catalogue& catalogue, Holidays& holidays, accounts::Service& accounts, web::Pages& pages, const Clock& clock)
      : catalogue_(catalogue), holidays_(holidays), accounts_(accounts), pages_(pages), clock_(clock) {}

  // ---- Holidays ----

  Response holidays(Request& req) { return holidays_page(req, std::nullopt, 200); }

  Response add_holiday(Request& req) {
    const http::Form& f = *req.form();
    auto r = holidays_.add(*req.principal, f.value("day"), f.value("name"));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return holidays_page(req, r.error(), 422);
    }
    return back_to_year(f.value("day"));
  }

  Response remove_holiday(Request& req) {
    auto r = holidays_.remove(*req.principal, req.form()->value("day"));
    if (!r) return pages_.error(req, r.error());
    return back_to_year(req.form()->value("day"));
  }

  Response add_fixed(Request& req) {
    auto year = text::parse_id(req.form()->value("year"));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found());
    auto r = holidays_.add_fixed(*req.principal, calendar::FiscalYear(static_cast<int>(*year)));
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/admin/holidays?year=" + std::to_string(*year) + "&saved=1");
  }

  Response public_list(Request& req) {
    json items = json::array();
    for (const Service& s : catalogue_.published(req.agency_id)) items.push_back(service_json(req, s));
    return pages_.page(
        req, "services/public_list",
        {{"title", std::string(pages_.t(req, "services.title"))}, {"items", items}, {"empty", items.empty()}});
  }

  Response admin_list(Request& req) { return list_page(req, std::nullopt, 200); }

  Response add(Request& req) {
    auto id = catalogue_.add_from_template(*req.principal, req.form()->value("template"));
    if (!id) {
      if (id.error().kind == ErrorKind::invalid || id.error().kind == ErrorKind::conflict)
        return list_page(req, id.error(), http::status_of(id.error().kind));
      return pages_.error(req, id.error());
    }
    return Response::redirect("/admin/services/" + std::to_string(*id) + "?added=1");
  }

  Response edit(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto s = catalogue_.get(*req.principal, *id);
    if (!s) return pages_.error(req, s.error());
    return edit_page(req, *s, std::nullopt, 200);
  }

  Response save(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    const http::Form& f = *req.form();
    ServiceInput in{f.value("name_th"), f.value("name_en"),   f.value("unit_id"),         f.value("target_days"),
                    f.value("contact"), f.value("documents"), f.value("published") == "1"};
    auto r = catalogue_.update(*req.principal, *id, in);
    if (!r) {
      if (r.error().kind != ErrorKind::invalid && r.error().kind != ErrorKind::conflict)
        return pages_.error(req, r.error());
      auto s = catalogue_.get(*req.principal, *id);
      if (!s) return pages_.error(req, s.error());
      return edit_page(req, *s, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/admin/services/" + std::to_string(*id) + "?saved=1");
  }

 private:
  std::string unit_name(std::int64_t agency_id, std::optional<std::int64_t> unit_id) {
    if (!unit_id) return "";
    for (const auto& u : accounts_.units(agency_id))
      if (u.id == *unit_id) return u.name_th;
    return "";
  }

  json service_json(const Request& req, const Service& s) {
    json docs = json::array();
    for (const auto& d : s.documents) docs.push_back(d);
    json fields = json::array();
    for (const Field& f : s.form.fields) {
      fields.push_back({{"label", req.lang == Lang::en && !f.label_en.empty() ? f.label_en : f.label_th},
                        {"type", std::string(pages_.t(req, "services.field_type." + std::string(to_string(f.type))))},
                        {"required", f.required}});
    }
    return {{"id", std::to_string(s.id)},
            {"href", "/admin/services/" + std::to_string(s.id)},
            {"name", req.lang == Lang::en && !s.name_en.empty() ? s.name_en : s.name_th},
            {"unit", unit_name(req.agency_id, s.unit_id)},
            {"target_days", std::to_string(s.target_days)},
            {"contact_required", s.contact_required},
            {"documents", docs},
            {"has_documents", !docs.empty()},
            {"fields", fields},
            {"published", s.published}};
  }

  Response list_page(Request& req, const std::optional<Error>& error, int status) {
    auto all = catalogue_.all(*req.principal);
    if (!all) return pages_.error(req, all.error());
    json rows = json::array();
    for (const Service& s : *all) rows.push_back(service_json(req, s));
    json choices = json::array();
    if (auto list = templates()) {
      for (const Template& t : *list) {
        bool used = std::any_of(all->begin(), all->end(), [&](const Service& s) { return s.name_th == t.name_th; });
        if (!used) choices.push_back({{"key", t.key}, {"name", req.lang == Lang::en ? t.name_en : t.name_th}});
      }
    }
    json data = {{"title", std::string(pages_.t(req, "services.admin_title"))},
                 {"rows", rows},
                 {"empty", rows.empty()},
                 {"templates", choices},
                 {"has_templates", !choices.empty()}};
    if (error) data["error"] = pages_.error_json(req, *error);
    return pages_.page(req, "services/admin_list", std::move(data), status);
  }

  Response edit_page(Request& req, const Service& s, const std::optional<Error>& error, int status) {
    const http::Form* f = req.method == Method::post && req.form() ? &*req.form() : nullptr;
    auto value = [&](const char* name, const std::string& stored) { return f ? f->value(name) : stored; };
    std::string unit = value("unit_id", s.unit_id ? std::to_string(*s.unit_id) : "");
    json units = json::array();
    for (const auto& u : accounts_.units(req.agency_id)) {
      if (!u.active) continue;
      units.push_back({{"id", std::to_string(u.id)}, {"name", u.name_th}, {"selected", unit == std::to_string(u.id)}});
    }
    std::string docs;
    for (const auto& d : s.documents) docs += (docs.empty() ? "" : "\n") + d;
    std::string contact = value("contact", s.contact_required ? "required" : "optional");
    json data = service_json(req, s);
    data["title"] = s.name_th;
    data["f"] = {{"name_th", value("name_th", s.name_th)},
                 {"name_en", value("name_en", s.name_en)},
                 {"target_days", value("target_days", std::to_string(s.target_days))},
                 {"documents", value("documents", docs)},
                 {"contact_required", contact == "required"},
                 {"published", f ? f->value("published") == "1" : s.published}};
    data["units"] = units;
    data["saved"] = req.query_param("saved").has_value();
    data["added"] = req.query_param("added").has_value();
    if (error) data["error"] = pages_.error_json(req, *error);
    return pages_.page(req, "services/admin_edit", std::move(data), status);
  }

  // The fiscal year of the day just added or removed (checked by then).
  Response back_to_year(std::string_view day) {
    auto d = calendar::parse_iso(text::trim(day)).value_or(calendar::local_date(clock_.now()));
    return Response::redirect("/admin/holidays?year=" + std::to_string(calendar::FiscalYear::of(d).be()) + "&saved=1");
  }

  Response holidays_page(Request& req, const std::optional<Error>& error, int status) {
    calendar::FiscalYear current = calendar::FiscalYear::of(calendar::local_date(clock_.now()));
    auto year = text::parse_id(req.query_param("year").value_or(std::to_string(current.be())));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found());
    calendar::FiscalYear fy(static_cast<int>(*year));
    json rows = json::array();
    for (const Holiday& h : holidays_.in_year(req.agency_id, fy)) {
      rows.push_back({{"day", calendar::iso(h.day)},
                      {"shown", calendar::format(h.day, req.lang, calendar::Style::long_form)},
                      {"name", h.name}});
    }
    const http::Form* f = req.method == Method::post && req.form() ? &*req.form() : nullptr;
    json data = {{"title", std::string(pages_.t(req, "holidays.title")) + " " + std::to_string(fy.be())},
                 {"year", std::to_string(fy.be())},
                 {"period", calendar::format_period(fy.period(), req.lang)},
                 {"rows", rows},
                 {"empty", rows.empty()},
                 {"count", std::to_string(rows.size())},
                 {"prev", "/admin/holidays?year=" + std::to_string(fy.be() - 1)},
                 {"next", "/admin/holidays?year=" + std::to_string(fy.be() + 1)},
                 {"saved", req.query_param("saved").has_value()},
                 {"f", {{"day", f ? f->value("day") : ""}, {"name", f ? f->value("name") : ""}}}};
    if (error) data["error"] = pages_.error_json(req, *error);
    return pages_.page(req, "services/holidays", std::move(data), status);
  }

  Catalogue& catalogue_;
  Holidays& holidays_;
  accounts::Service& accounts_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Catalogue& catalogue, Holidays& holidays,
           accounts::Service& accounts, const Clock& clock) {
  auto h = std::make_shared<Handlers>(catalogue, holidays, accounts, pages, clock);
  router.add(Route(Method::get, "/services", Access::anyone(), http::member(h, &Handlers::public_list))).cached();
  const Access admin = Access::roles({Role::admin});
  router.add(Route(Method::get, "/admin/services", admin, http::member(h, &Handlers::admin_list)));
  router.add(Route(Method::post, "/admin/services", admin, http::member(h, &Handlers::add)));
  router.add(Route(Method::get, "/admin/services/{id}", admin, http::member(h, &Handlers::edit)));
  router.add(Route(Method::post, "/admin/services/{id}", admin, http::member(h, &Handlers::save)));
  pages.add_menu({"menu.services", "/admin/services", admin});
  router.add(Route(Method::get, "/admin/holidays", admin, http::member(h, &Handlers::holidays)));
  router.add(Route(Method::post, "/admin/holidays", admin, http::member(h, &Handlers::add_holiday)));
  router.add(Route(Method::post, "/admin/holidays/remove", admin, http::member(h, &Handlers::remove_holiday)));
  router.add(Route(Method::post, "/admin/holidays/fixed", admin, http::member(h, &Handlers::add_fixed)));
  pages.add_menu({"menu.holidays", "/admin/holidays", admin});
}

}  // namespace prongsai::services
