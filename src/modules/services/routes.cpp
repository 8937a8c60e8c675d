// /services (public, page-cached): the published services with their unit, target in working
// days and the documents to bring. /admin/services: the admin's catalogue: add a service from
// a shipped template, then set its names, unit, target, contact rule and documents, publish;
// /admin/services/{id}/fields/...: the request form's fields, added, edited, moved and removed
// one at a time (plain forms, no JavaScript), each change checked whole by parse_definition.
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
    const http::Form& f = req.form();
    auto r = holidays_.add(*req.principal, f.value("day"), f.value("name"));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return holidays_page(req, r.error(), 422);
    }
    return back_to_year(f.value("day"));
  }

  Response remove_holiday(Request& req) {
    auto r = holidays_.remove(*req.principal, req.form().value("day"));
    if (!r) return pages_.error(req, r.error());
    return back_to_year(req.form().value("day"));
  }

  Response add_fixed(Request& req) {
    auto year = text::parse_id(req.form().value("year"));
    if (!year || *year < 2500 || *year > 2700) return pages_.error(req, Error::not_found());
    auto r = holidays_.add_fixed(*req.principal, calendar::FiscalYear(static_cast<int>(*year)));
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/admin/holidays?year=" + std::to_string(*year) + "&saved=1");
  }

  Response public_list(Request& req) {
    json items = json::array();
    auto units = accounts_.units(req.agency_id);
    for (const Service& s : catalogue_.published(req.agency_id)) items.push_back(service_json(req, s, units));
    return pages_.page(
        req, "services/public_list",
        {{"title", std::string(pages_.t(req, "services.title"))}, {"items", items}, {"empty", items.empty()}});
  }

  Response admin_list(Request& req) { return list_page(req, std::nullopt, 200); }

  Response add(Request& req) {
    auto id = catalogue_.add_from_template(*req.principal, req.form().value("template"));
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
    const http::Form& f = req.form();
    ServiceInput in{f.value("name_th"), f.value("name_en"), f.value("unit_id"),   f.value("target_days"),
                    f.value("count"),   f.value("contact"), f.value("documents"), f.value("published") == "1"};
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

  // ---- The request form's fields ----

  Response add_field(Request& req) {
    auto s = service_of(req);
    if (!s) return pages_.error(req, s.error());
    const http::Form& f = req.form();
    json def = to_json(s->form);
    std::string key = free_key(s->form);
    def["fields"].push_back(
        {{"key", key}, {"type", f.value("type")}, {"label_th", f.value("label_th")}, {"required", false}});
    if (def["fields"].back()["type"] == "choice")  // a choice starts with two options to rename
      def["fields"].back()["options"] =
          json::array({{{"value", "o1"}, {"label_th", "ตัวเลือกที่ 1"}}, {{"value", "o2"}, {"label_th", "ตัวเลือกที่ 2"}}});
    auto r = catalogue_.set_form(*req.principal, s->id, def);
    if (!r) return edit_page(req, *s, field_error(r.error(), "new_"), http::status_of(r.error().kind));
    return Response::redirect(field_href(s->id, key) + "?added=1");
  }

  Response field(Request& req) {
    auto s = service_of(req);
    if (!s) return pages_.error(req, s.error());
    const Field* f = s->form.find(req.param("key"));
    if (!f) return pages_.error(req, Error::not_found());
    return field_page(req, *s, *f, std::nullopt, 200);
  }

  Response save_field(Request& req) {
    auto s = service_of(req);
    if (!s) return pages_.error(req, s.error());
    std::string key = req.param("key");
    const Field* current = s->form.find(key);
    if (!current) return pages_.error(req, Error::not_found());
    json def = to_json(s->form);
    auto changed = field_json_of(req.form(), *current);
    if (!changed) return field_page(req, *s, *current, changed.error(), 422);
    for (json& j : def["fields"])
      if (j["key"] == key) j = *changed;
    auto r = catalogue_.set_form(*req.principal, s->id, def);
    if (!r) return field_page(req, *s, *current, field_error(r.error(), ""), http::status_of(r.error().kind));
    return Response::redirect("/admin/services/" + std::to_string(s->id) + "?fields=1#fields-heading");
  }

  Response move_field(Request& req) {
    auto s = service_of(req);
    if (!s) return pages_.error(req, s.error());
    std::string key = req.param("key");
    auto& fields = s->form.fields;
    auto it = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.key == key; });
    if (it == fields.end()) return pages_.error(req, Error::not_found());
    bool up = req.form().value("direction") == "up";
    if (up && it != fields.begin()) std::iter_swap(it, it - 1);
    if (!up && it + 1 != fields.end()) std::iter_swap(it, it + 1);
    auto r = catalogue_.set_form(*req.principal, s->id, to_json(s->form));
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/admin/services/" + std::to_string(s->id) + "?fields=1#fields-heading");
  }

  Response remove_field(Request& req) {
    auto s = service_of(req);
    if (!s) return pages_.error(req, s.error());
    std::string key = req.param("key");
    auto& fields = s->form.fields;
    auto it = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.key == key; });
    if (it == fields.end()) return pages_.error(req, Error::not_found());
    if (req.form().value("confirm") != "1")
      return field_page(req, *s, *it, Error::invalid_field("confirm", "services.remove_confirm_needed"), 422);
    fields.erase(it);
    auto r = catalogue_.set_form(*req.principal, s->id, to_json(s->form));
    if (!r) {  // the last field: a form needs one
      auto again = catalogue_.get(*req.principal, s->id);
      const Field* f = again ? again->form.find(key) : nullptr;
      if (!f) return pages_.error(req, r.error());
      return field_page(req, *again, *f, Error::invalid_field("confirm", "services.last_field"), 422);
    }
    return Response::redirect("/admin/services/" + std::to_string(s->id) + "?fields=1#fields-heading");
  }

 private:
  Result<Service> service_of(const Request& req) {
    auto id = req.id_param("id");
    if (!id) return fail(Error::not_found());
    return catalogue_.get(*req.principal, *id);
  }

  static std::string field_href(std::int64_t service, const std::string& key) {
    return "/admin/services/" + std::to_string(service) + "/fields/" + key;
  }

  // "field_1", "field_2", ...: the first a form does not use.
  static std::string free_key(const FormDefinition& d) {
    for (int n = 1;; ++n) {
      std::string k = "field_" + std::to_string(n);
      if (!d.find(k)) return k;
    }
  }

  // parse_definition names "fields.3.max_chars"; the page names its own input ("max_chars",
  // or with `prefix` the add form's "new_label_th").
  static Error field_error(Error e, const std::string& prefix) {
    std::string f = e.field;
    if (f.starts_with("fields.")) {
      auto dot = f.find('.', 7);
      f = dot == std::string::npos ? "" : f.substr(dot + 1);
    }
    if (f.starts_with("options.")) f = "options";
    if (f == "fields") f = "";
    e.field = f.empty() ? f : prefix + f;
    return e;
  }

  // The field as the edit form sent it; its key and type stay what they were.
  static Result<json> field_json_of(const http::Form& f, const Field& current) {
    json j = {{"key", current.key},
              {"type", std::string(to_string(current.type))},
              {"label_th", f.value("label_th")},
              {"required", f.value("required") == "1"}};
    for (const char* k : {"label_en", "hint_th", "hint_en"})
      if (!text::trim(f.value(k)).empty()) j[k] = f.value(k);
    auto integer = [&](const char* name) -> json {
      auto v = text::parse_id(text::trim(f.value(name)));
      return v ? json(*v) : json(-1);  // out of range: parse_definition says which
    };

    switch (current.type) {
      case FieldType::text:
        j["lines"] = f.value("lines") == "many" ? "many" : "one";
        j["max_chars"] = integer("max_chars");
        break;
      case FieldType::number:
        for (const char* name : {"min", "max"}) {
          std::string raw(text::trim(f.value(name)));
          if (raw.empty()) continue;
          auto v = parse_number(raw);
          if (!v) return fail(Error::invalid_field(name, "error.number"));
          j[name] = *v;
        }
        j["integer"] = f.value("integer") == "1";
        break;
      case FieldType::choice: {
        // One option a line, "ไทย | English"; an option keeps its value while its Thai label stays.
        json options = json::array();
        std::set<std::string> used;
        std::string raw = f.value("options");
        std::vector<std::pair<std::string, std::string>> lines;
        for (auto line : text::split(raw, '\n')) {
          std::string l(text::trim(line));
          if (l.empty()) continue;
          auto bar = l.find('|');
          std::string th(text::trim(l.substr(0, bar)));
          std::string en(bar == std::string::npos ? "" : std::string(text::trim(std::string_view(l).substr(bar + 1))));
          lines.emplace_back(th, en);
        }
        for (const auto& [th, en] : lines)
          for (const Option& o : current.options)
            if (o.label_th == th) used.insert(o.value);
        int next = 1;
        for (const auto& [th, en] : lines) {
          std::string value;
          for (const Option& o : current.options)
            if (o.label_th == th) value = o.value;
          if (value.empty()) {
            while (used.contains("o" + std::to_string(next))) ++next;
            value = "o" + std::to_string(next);
            used.insert(value);
          }
          json o = {{"value", value}, {"label_th", th}};
          if (!en.empty()) o["label_en"] = en;
          options.push_back(std::move(o));
        }
        j["options"] = options;
        break;
      }
      case FieldType::file: {
        j["accept"] = f.all("accept");
        j["max_files"] = integer("max_files");
        break;
      }
      case FieldType::date:
      case FieldType::location: break;
    }
    return j;
  }

  Response field_page(Request& req, const Service& s, const Field& f, const std::optional<Error>& error, int status) {
    const http::Form* sent = req.method == Method::post && req.path.ends_with("/" + f.key) ? &req.form() : nullptr;
    auto v = [&](const char* name, const std::string& stored) { return sent ? sent->value(name) : stored; };
    std::string options;
    for (const Option& o : f.options) options += o.label_th + (o.label_en.empty() ? "" : " | " + o.label_en) + "\n";
    json accepts = json::array();
    for (const char* a : {"image", "pdf", "document"}) {
      bool on = sent ? std::ranges::count(sent->all("accept"), std::string(a)) > 0
                     : std::ranges::count(f.accept, std::string(a)) > 0;
      accepts.push_back(
          {{"value", a}, {"label", std::string(pages_.t(req, std::string("services.accept.") + a))}, {"checked", on}});
    }
    std::string type(to_string(f.type));
    json data = {{"title", std::string(pages_.t(req, "services.field_title")) + " " + f.label_th},
                 {"service", s.name_th},
                 {"service_href", "/admin/services/" + std::to_string(s.id)},
                 {"action", field_href(s.id, f.key)},
                 {"key", f.key},
                 {"type", std::string(pages_.t(req, "services.field_type." + type))},
                 {"is_" + type, true},
                 {"added", req.query_param("added").has_value()},
                 {"f",
                  {{"label_th", v("label_th", f.label_th)},
                   {"label_en", v("label_en", f.label_en)},
                   {"hint_th", v("hint_th", f.hint_th)},
                   {"hint_en", v("hint_en", f.hint_en)},
                   {"required", sent ? sent->value("required") == "1" : f.required},
                   {"many", sent ? sent->value("lines") == "many" : f.multiline},
                   {"max_chars", v("max_chars", std::to_string(f.max_chars))},
                   {"min", v("min", f.min ? canonical_number(*f.min, false) : "")},
                   {"max", v("max", f.max ? canonical_number(*f.max, false) : "")},
                   {"integer", sent ? sent->value("integer") == "1" : f.integer},
                   {"options", v("options", options)},
                   {"max_files", v("max_files", std::to_string(f.max_files))}}},
                 {"accepts", accepts}};
    return pages_.form(req, "services/admin_field", std::move(data), error, status);
  }

  json service_json(const Request& req, const Service& s, const std::vector<accounts::Unit>& units) {
    json docs = json::array();
    for (const auto& d : s.documents) docs.push_back(d);
    json fields = json::array();
    for (std::size_t i = 0; i < s.form.fields.size(); ++i) {
      const Field& f = s.form.fields[i];
      fields.push_back({{"label", req.lang == Lang::en && !f.label_en.empty() ? f.label_en : f.label_th},
                        {"type", std::string(pages_.t(req, "services.field_type." + std::string(to_string(f.type))))},
                        {"required", f.required},
                        {"href", field_href(s.id, f.key)},
                        {"first", i == 0},
                        {"last", i + 1 == s.form.fields.size()}});
    }
    return {{"id", std::to_string(s.id)},
            {"href", "/admin/services/" + std::to_string(s.id)},
            {"name", req.lang == Lang::en && !s.name_en.empty() ? s.name_en : s.name_th},
            {"unit", accounts::unit_name(units, s.unit_id)},
            {"target_days", std::to_string(s.target_days)},
            {"days_unit", std::string(pages_.t(req, days_key(s)))},
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
    auto units = accounts_.units(req.agency_id);
    for (const Service& s : *all) rows.push_back(service_json(req, s, units));
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
    return pages_.form(req, "services/admin_list", std::move(data), error, status);
  }

  Response edit_page(Request& req, const Service& s, const std::optional<Error>& error, int status) {
    // Refilled from what was sent when the service form itself was; not after adding a field.
    bool adding = req.path.ends_with("/fields");
    const http::Form* f = req.method == Method::post && !adding ? &req.form() : nullptr;
    auto value = [&](const char* name, const std::string& stored) { return f ? f->value(name) : stored; };
    std::string unit = value("unit_id", s.unit_id ? std::to_string(*s.unit_id) : "");
    std::vector<accounts::Unit> all_units = accounts_.units(req.agency_id);
    json units = json::array();
    for (const auto& u : all_units) {
      if (!u.active) continue;
      units.push_back({{"id", std::to_string(u.id)}, {"name", u.name_th}, {"selected", unit == std::to_string(u.id)}});
    }
    std::string docs;
    for (const auto& d : s.documents) docs += (docs.empty() ? "" : "\n") + d;
    std::string contact = value("contact", s.contact_required ? "required" : "optional");
    json data = service_json(req, s, all_units);
    data["title"] = s.name_th;
    data["f"] = {{"name_th", value("name_th", s.name_th)},
                 {"name_en", value("name_en", s.name_en)},
                 {"target_days", value("target_days", std::to_string(s.target_days))},
                 {"calendar_days", value("count", s.calendar_days ? "calendar" : "working") == "calendar"},
                 {"documents", value("documents", docs)},
                 {"contact_required", contact == "required"},
                 {"published", f ? f->value("published") == "1" : s.published}};
    data["units"] = units;
    data["saved"] = req.query_param("saved").has_value();
    data["fields_saved"] = req.query_param("fields").has_value();
    json types = json::array();
    for (std::string_view t : {"text", "number", "date", "choice", "file", "location"})
      types.push_back(
          {{"value", std::string(t)}, {"label", std::string(pages_.t(req, "services.field_type." + std::string(t)))}});
    data["field_types"] = types;
    data["new_label"] = adding ? req.form().value("label_th") : "";
    data["added"] = req.query_param("added").has_value();
    return pages_.form(req, "services/admin_edit", std::move(data), error, status);
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
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
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
    return pages_.form(req, "services/holidays", std::move(data), error, status);
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
  router.add(Route(Method::post, "/admin/services", admin, http::member(h, &Handlers::add))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/admin/services/{id}", admin, http::member(h, &Handlers::edit)));
  router.add(Route(Method::post, "/admin/services/{id}", admin, http::member(h, &Handlers::save)));
  router.add(Route(Method::post, "/admin/services/{id}/fields", admin, http::member(h, &Handlers::add_field))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/admin/services/{id}/fields/{key}", admin, http::member(h, &Handlers::field)));
  router.add(Route(Method::post, "/admin/services/{id}/fields/{key}", admin, http::member(h, &Handlers::save_field)));
  router.add(
      Route(Method::post, "/admin/services/{id}/fields/{key}/move", admin, http::member(h, &Handlers::move_field))
          .takes(http::BodyRule::small_form()));
  router.add(
      Route(Method::post, "/admin/services/{id}/fields/{key}/remove", admin, http::member(h, &Handlers::remove_field))
          .takes(http::BodyRule::small_form()));
  pages.add_menu({"menu.services", "/admin/services", admin, "public"});
  router.add(Route(Method::get, "/admin/holidays", admin, http::member(h, &Handlers::holidays)));
  router.add(Route(Method::post, "/admin/holidays", admin, http::member(h, &Handlers::add_holiday))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/admin/holidays/remove", admin, http::member(h, &Handlers::remove_holiday))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/admin/holidays/fixed", admin, http::member(h, &Handlers::add_fixed))
                 .takes(http::BodyRule::small_form()));
  pages.add_menu({"menu.holidays", "/admin/holidays", admin, "settings"});
}

}  // namespace prongsai::services
