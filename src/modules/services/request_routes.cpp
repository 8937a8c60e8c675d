// Asking for a service. Public: /services/{id} (the service's documents, target and its form;
// works without JavaScript), which answers with the receipt code, the day the request is due
// and its PDF slip. Staff: /requests/new, a request that came by phone, letter or at the
// counter, entered for the citizen. Tracking and the officers' work are the cases module's
// (/track, /requests).
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/errors.hpp"
#include "modules/cases/module.hpp"
#include "modules/services/module.hpp"
#include "web/public_form.hpp"

namespace prongsai::services {
namespace {

using http::Access;
using http::Method;
using http::Privacy;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

constexpr std::size_t kRadioOptions = 6;  // more options than this: a drop-down list

// The browser's file picker hint for a file field's groups (the server checks the bytes).
std::string accept_attribute(const Field& f) {
  std::string out;
  for (const std::string& g : f.accept) {
    std::string_view a = g == "image" ? "image/jpeg,image/png,image/webp"
                         : g == "pdf" ? "application/pdf"
                                      : ".doc,.docx,.xls,.xlsx,.odt,.ods";
    out += (out.empty() ? "" : ",") + std::string(a);
  }
  return out;
}

class RequestHandlers {
 public:
  RequestHandlers(Catalogue& catalogue, Requests& requests, accounts::Service& accounts, web::Pages& pages,
                  MemoryLimiter& limiter)
      : catalogue_(catalogue),
        requests_(requests),
        accounts_(accounts),
        pages_(pages),
        guard_(limiter, "request-address", cases::kSubmissionsPerHour) {}

  Response form(Request& req) {
    auto s = published(req);
    if (!s) return pages_.error(req, Error::not_found());
    return form_page(req, *s, std::nullopt, 200);
  }

  Response submit(Request& req) {
    auto s = published(req);
    if (!s) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    if (auto refused = guard_.refuse(req)) return form_page(req, *s, *refused, http::status_of(refused->kind));
    RequestInput in = input_of(f, *s, cases::Via::web);
    std::tie(in.notify, in.line_user) = web::notify_chosen(req, requests_.notify(), false);
    auto receipt = requests_.submit(req.agency_id, s->id, in);
    if (!receipt) return form_page(req, *s, receipt.error(), http::status_of(receipt.error().kind));
    guard_.taken(req);
    return receipt_page(req, *s, *receipt, false);
  }

  // Staff: choose the service, then its form with how the request came.
  Response enter_form(Request& req) {
    auto id = text::parse_id(req.query_param("service").value_or(""));
    if (!id) return choose_page(req);
    auto s = catalogue_.find(req.agency_id, *id);
    if (!s || !enterer(req).may(*s)) return pages_.error(req, Error::not_found());
    return form_page(req, *s, std::nullopt, 200);
  }

  Response enter(Request& req) {
    const http::Form& f = req.form();
    auto id = text::parse_id(f.value("service"));
    auto s = id ? catalogue_.find(req.agency_id, *id) : std::nullopt;
    if (!s || !enterer(req).may(*s)) return pages_.error(req, Error::not_found());
    auto via = cases::parse_via(f.value("via"));
    if (!via || *via == cases::Via::web) return form_page(req, *s, Error::invalid_field("via", "error.choice"), 422);
    auto receipt = requests_.enter(*req.principal, s->id, input_of(f, *s, *via));
    if (!receipt) {
      if (receipt.error().kind == ErrorKind::forbidden) return pages_.error(req, receipt.error());
      return form_page(req, *s, receipt.error(), http::status_of(receipt.error().kind));
    }
    return receipt_page(req, *s, *receipt, true);
  }

 private:
  std::optional<Service> published(const Request& req) {
    auto id = req.id_param("id");
    auto s = id ? catalogue_.find(req.agency_id, *id) : std::nullopt;
    if (!s || !s->published) return std::nullopt;
    return s;
  }

  // Who may enter requests for which services: the admin for all, staff for their units'.
  struct Enterer {
    bool admin = false;
    std::vector<std::int64_t> units;
    bool may(const Service& s) const {
      return admin || (s.unit_id && std::find(units.begin(), units.end(), *s.unit_id) != units.end());
    }
  };
  Enterer enterer(const Request& req) {
    Enterer e{req.principal->roles.has(Role::admin), {}};
    if (!e.admin)
      if (auto me = accounts_.user(req.agency_id, req.principal->user_id)) e.units = me->unit_ids;
    return e;
  }

  // What the form sent, by the service's fields (anything else in the body is ignored).
  static RequestInput input_of(const http::Form& f, const Service& s, cases::Via via) {
    RequestInput in;
    in.via = via;
    in.name = f.value("contact_name");
    in.phone = f.value("contact_phone");
    in.email = f.value("contact_email");
    for (const Field& field : s.form.fields) {
      const std::string& k = field.key;
      if (field.type == FieldType::file) {
        auto& list = in.answers.files[k];
        for (const http::UploadedFile& u : f.files())
          if (u.field == k) list.push_back({u.filename, u.data});
      } else if (field.type == FieldType::location) {
        for (const char* part : {".village", ".landmark", ".lat", ".lng"})
          in.answers.values[k + part] = f.value(k + part);
      } else {
        in.answers.values[k] = f.value(k);
      }
    }
    return in;
  }

  std::string label(const Request& req, const std::string& th, const std::string& en) const {
    return req.lang == Lang::en && !en.empty() ? en : th;
  }

  json field_json(const Request& req, const Field& f, const http::Form* sent, const std::optional<Error>& error) {
    auto v = [&](const std::string& name) { return sent ? sent->value(name) : std::string(); };
    json j = {{"key", f.key},
              {"id", "f-" + f.key},
              {"label", label(req, f.label_th, f.label_en)},
              {"hint", label(req, f.hint_th, f.hint_en)},
              {"required", f.required},
              {"is_" + std::string(to_string(f.type)), true},
              {"value", v(f.key)},
              {"error", false},  // set: a field's section must not see the page's error
              {"invalid", false}};
    std::string described = f.hint_th.empty() && f.type != FieldType::file ? "" : "f-" + f.key + "-hint";
    if (error && (error->field == f.key || error->field.starts_with(f.key + "."))) {
      j["error"] = std::string(pages_.t(req, error->message_key));
      j["invalid"] = true;
      described += (described.empty() ? "" : " ") + ("f-" + f.key + "-error");
    }
    j["describedby"] = described;
    switch (f.type) {
      case FieldType::text:
        j["multiline"] = f.multiline;
        j["max_chars"] = std::to_string(f.max_chars);
        break;
      case FieldType::number:
        j["step"] = f.integer ? "1" : "any";
        if (f.min) j["min"] = canonical_number(*f.min, false);
        if (f.max) j["max"] = canonical_number(*f.max, false);
        break;
      case FieldType::choice: {
        json options = json::array();
        for (const Option& o : f.options)
          options.push_back({{"value", o.value},
                             {"label", label(req, o.label_th, o.label_en)},
                             {"id", "f-" + f.key + "-" + o.value},
                             {"checked", v(f.key) == o.value}});
        j["options"] = options;
        j["radio"] = f.options.size() <= kRadioOptions;
        break;
      }
      case FieldType::file:
        j["accept"] = accept_attribute(f);
        j["multiple"] = f.max_files > 1;
        j["max_files"] = std::to_string(f.max_files);
        break;
      case FieldType::location:
        j["village"] = v(f.key + ".village");
        j["landmark"] = v(f.key + ".landmark");
        j["lat"] = v(f.key + ".lat");
        j["lng"] = v(f.key + ".lng");
        break;
      case FieldType::date: break;
    }
    return j;
  }

  Response form_page(Request& req, const Service& s, const std::optional<Error>& error, int status) {
    const http::Form* sent = req.method == Method::post ? &req.form() : nullptr;
    bool staff = req.principal && req.path.starts_with("/requests/");
    json fields = json::array();
    for (const Field& f : s.form.fields) fields.push_back(field_json(req, f, sent, error));
    json docs = json::array();
    for (const auto& d : s.documents) docs.push_back(d);
    auto v = [&](const char* name) { return sent ? sent->value(name) : std::string(); };
    std::string via = sent ? sent->value("via") : "walk_in";
    json vias = json::array();
    for (cases::Via w : {cases::Via::walk_in, cases::Via::phone, cases::Via::letter}) {
      std::string name(cases::to_string(w));
      vias.push_back({{"value", name},
                      {"label", std::string(pages_.t(req, "complaints.via." + name))},
                      {"selected", name == via}});
    }
    bool contact_error = error && error->field.starts_with("contact_");
    json data = {{"title", label(req, s.name_th, s.name_en)},
                 {"service_id", std::to_string(s.id)},
                 {"action", staff ? "/requests/new" : "/services/" + std::to_string(s.id)},
                 {"staff", staff},
                 {"vias", vias},
                 {"unit", accounts::unit_name(accounts_.units(req.agency_id), s.unit_id)},
                 {"target_days", std::to_string(s.target_days)},
                 {"days_unit", std::string(pages_.t(req, days_key(s)))},
                 {"documents", docs},
                 {"has_documents", !docs.empty()},
                 {"fields", fields},
                 {"contact_required", s.contact_required},
                 {"contact_error", contact_error ? json(std::string(pages_.t(req, error->message_key))) : json(false)},
                 {"c", {{"name", v("contact_name")}, {"phone", v("contact_phone")}, {"email", v("contact_email")}}},
                 {"notify", staff ? json{{"offered", false}} : web::notify_choices(req, requests_.notify(), false)}};
    data["preview"] = {{"description", std::string(pages_.t(req, "services.preview")) + " " +
                                           std::string(pages_.t(req, "services.within")) + " " +
                                           std::to_string(s.target_days) + " " +
                                           std::string(pages_.t(req, days_key(s)))}};
    return pages_.form(req, "services/request_form", std::move(data), error, status);
  }

  Response receipt_page(Request& req, const Service& s, const cases::Receipt& receipt, bool staff) {
    auto day = calendar::parse_iso(receipt.due_day);
    std::string due = day ? calendar::format(*day, req.lang, calendar::Style::long_form) : "";
    return pages_.page(
        req, "services/receipt",
        {{"title", std::string(pages_.t(req, staff ? "requests.entered_title" : "requests.received_title"))},
         {"service", label(req, s.name_th, s.name_en)},
         {"number", std::to_string(receipt.case_id)},
         {"code", receipt.code},
         {"due", due},
         {"unit", accounts::unit_name(accounts_.units(req.agency_id), s.unit_id)},
         {"staff", staff},
         {"case_href", "/requests/" + std::to_string(receipt.case_id)}});
  }

  Response choose_page(Request& req) {
    json items = json::array();
    Enterer me = enterer(req);
    auto units = accounts_.units(req.agency_id);
    for (const Service& s : catalogue_.of_agency(req.agency_id)) {
      if (!me.may(s)) continue;
      items.push_back({{"href", "/requests/new?service=" + std::to_string(s.id)},
                       {"name", label(req, s.name_th, s.name_en)},
                       {"unit", accounts::unit_name(units, s.unit_id)},
                       {"published", s.published}});
    }
    return pages_.page(
        req, "services/request_choose",
        {{"title", std::string(pages_.t(req, "requests.enter_title"))}, {"items", items}, {"empty", items.empty()}});
  }

  Catalogue& catalogue_;
  Requests& requests_;
  accounts::Service& accounts_;
  web::Pages& pages_;
  web::PublicFormGuard guard_;
};

}  // namespace

void mount_requests(http::Router& router, web::Pages& pages, Catalogue& catalogue, Requests& requests,
                    accounts::Service& accounts, MemoryLimiter& limiter) {
  auto h = std::make_shared<RequestHandlers>(catalogue, requests, accounts, pages, limiter);
  // A form may carry the attachments a request may have, and its text.
  constexpr std::size_t kWithFiles = cases::kMaxAttachments * cases::kMaxAttachmentBytes + (1 << 20);
  router.add(Route(Method::get, "/services/{id}", Access::anyone(), http::member(h, &RequestHandlers::form)))
      .with(Privacy::anonymous);
  router
      .add(Route(Method::post, "/services/{id}", Access::anyone(), http::member(h, &RequestHandlers::submit))
               .takes(http::BodyRule::upload(kWithFiles, http::BodyRule::kTextFormBytes)))
      .with(Privacy::anonymous);
  router.add(Route(Method::get, "/requests/new", Access::signed_in(), http::member(h, &RequestHandlers::enter_form)));
  router.add(Route(Method::post, "/requests/new", Access::signed_in(), http::member(h, &RequestHandlers::enter))
                 .takes(http::BodyRule::upload(kWithFiles)));
}

}  // namespace prongsai::services
