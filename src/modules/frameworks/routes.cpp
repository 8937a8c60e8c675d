// The framework files in the browser: /admin/framework/{year}/file downloads a year's framework
// in force (?version= for another) in the format of data/ita/; /admin/framework/import takes
// one back and publishes it as its year's next version. Publishing changes what every agency
// of the installation is assessed by, so only an admin of the installation's own (default)
// agency may do it; on a single-agency server that is its admin.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/errors.hpp"
#include "modules/frameworks/module.hpp"

namespace prongsai::frameworks {
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
  Handlers(Service& svc, accounts::Service& accounts, web::Pages& pages)
      : svc_(svc), accounts_(accounts), pages_(pages) {}

  Response file(Request& req) {
    auto year = req.id_param("year");
    std::optional<int> version;
    if (auto v = req.query_param("version")) {
      auto n = text::parse_id(*v);
      if (!n || *n > 100000) return pages_.error(req, Error::not_found("version"));
      version = static_cast<int>(*n);
    }
    if (!year || *year > 3000) return pages_.error(req, Error::not_found());
    auto text = svc_.export_year(static_cast<int>(*year), version);
    if (!text) return pages_.error(req, text.error());
    Response r;
    r.body = std::move(*text);
    r.header("Content-Type", "application/json; charset=utf-8");
    std::string name = "ita-" + std::to_string(*year) + (version ? "-v" + std::to_string(*version) : "") + ".json";
    r.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return r;
  }

  Response form(Request& req) { return import_page(req, std::nullopt, 200); }

  Response publish(Request& req) {
    if (!operates_installation(req))
      return import_page(req, Error::make(ErrorKind::forbidden, "framework.not_operator", "not the default agency"),
                         403);
    const http::UploadedFile* upload = req.form().file("file");
    if (!upload || upload->data.empty()) return import_page(req, Error::invalid_field("file", "error.required"), 422);
    std::string note(text::trim(req.form().value("note")));
    if (text::code_points(note) > 500) return import_page(req, Error::invalid_field("note", "error.too_long"), 422);
    auto v = svc_.publish(accounts::actor_of(*req.principal), upload->data, upload->filename, note);
    if (!v) return import_page(req, v.error(), http::status_of(v.error().kind));
    return Response::redirect("/admin/framework/" + std::to_string(v->year) +
                              "?published=" + std::to_string(v->version));
  }

 private:
  bool operates_installation(const Request& req) {
    auto agency = accounts_.agency(req.agency_id);
    return agency && agency->is_default;
  }

  Response import_page(Request& req, const std::optional<Error>& error, int status) {
    json data = {{"title", std::string(pages_.t(req, "framework.import_title"))},
                 {"may_publish", operates_installation(req)},
                 {"note", req.method == Method::post ? req.form().value("note") : ""}};
    if (error) {
      data["error"] = pages_.error_json(req, *error);
      // The loader names the entry at fault ("items[3]: code O1 appears twice"): the person
      // who edited the file needs exactly that.
      if (error->message_key == "error.framework_file") data["detail"] = error->detail;
    }
    return pages_.page(req, "frameworks/import", std::move(data), status);
  }

  Service& svc_;
  accounts::Service& accounts_;
  web::Pages& pages_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts) {
  auto h = std::make_shared<Handlers>(svc, accounts, pages);
  const Access admin = Access::roles({Role::admin});
  router.add(Route(Method::get, "/admin/framework/{year}/file", admin, http::member(h, &Handlers::file)));
  router.add(Route(Method::get, "/admin/framework/import", admin, http::member(h, &Handlers::form)));
  router.add(Route(Method::post, "/admin/framework/import", admin, http::member(h, &Handlers::publish)))
      .takes(http::BodyRule::upload(Service::kMaxDocumentBytes + (64 << 10), 4096));
}

}  // namespace prongsai::frameworks
