// The open-data pages, for everyone (page-cached):
//   /opendata                          every dataset, its metadata and its years' files
//   /opendata/{name}                   one dataset
//   /opendata/{name}/{year}.{format}   a year of it as CSV, JSON or XLSX
//   /opendata/catalog.jsonld           the catalogue as DCAT-AP (JSON-LD)
//   /api/3/action/package_list         CKAN's read API, which catalogues harvest:
//   /api/3/action/package_show?id=     a dataset by name or id
//   /api/3/action/package_search       every dataset (rows, start)
//   /data                              the page's old address: a permanent redirect
// and the admin's /opendata/manage: the unit responsible for each dataset.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/errors.hpp"
#include "modules/opendata/hub.hpp"
#include "modules/opendata/module.hpp"

namespace prongsai::opendata {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Route;
using nlohmann::json;

// CKAN's answer: {help, success, result} or, for a failure, {help, success: false, error}.
Response ckan(const Request& req, std::string_view action, json result) {
  json doc = {{"help", req.origin + "/api/3/action/help_show?name=" + std::string(action)},
              {"success", true},
              {"result", std::move(result)}};
  return Response::json(doc.dump(-1, ' ', false, json::error_handler_t::replace));
}
Response ckan_error(const Request& req, std::string_view action, int status, json error) {
  json doc = {{"help", req.origin + "/api/3/action/help_show?name=" + std::string(action)},
              {"success", false},
              {"error", std::move(error)}};
  return Response::json(doc.dump(), status);
}

class Handlers {
 public:
  Handlers(Hub& hub, accounts::Service& accounts, web::Pages& pages) : hub_(hub), accounts_(accounts), pages_(pages) {}

  Response index(Request& req) {
    Catalog c = hub_.catalog(req.agency_id, req.origin, req.lang);
    json list = json::array();
    for (const Entry& e : c.entries) list.push_back(entry_json(req, e));
    return pages_.page(req, "opendata/index",
                       {{"title", std::string(pages_.t(req, "opendata.title"))},
                        {"agency", c.agency_name},
                        {"datasets", list},
                        {"empty", list.empty()}});
  }

  Response dataset(Request& req) {
    const std::string name(req.param("name"));
    Catalog c = hub_.catalog(req.agency_id, req.origin, req.lang, name);
    const Entry* e = c.find(name);
    if (!e) return pages_.error(req, Error::not_found("dataset"));
    return pages_.page(req, "opendata/dataset",
                       {{"title", e->title}, {"agency", c.agency_name}, {"dataset", entry_json(req, *e)}});
  }

  // "2570.csv": the year's table as a file.
  Response download(Request& req) {
    const std::string name(req.param("name"));
    std::string_view file = req.param("file");
    const auto dot = file.find('.');
    if (dot == std::string_view::npos) return pages_.error(req, Error::not_found("dataset"));
    auto year = text::parse_id(file.substr(0, dot));
    const std::string format(file.substr(dot + 1));
    if (!year || std::find(std::begin(kFormats), std::end(kFormats), format) == std::end(kFormats))
      return pages_.error(req, Error::not_found("dataset"));
    Catalog c = hub_.catalog(req.agency_id, req.origin, req.lang, name);
    const Entry* e = c.find(name);
    if (!e) return pages_.error(req, Error::not_found("dataset"));
    auto y = std::find_if(e->years.begin(), e->years.end(), [&](const YearTable& t) { return t.year == *year; });
    if (y == e->years.end()) return pages_.error(req, Error::not_found("dataset"));
    const std::string title =
        e->title + " " + std::string(pages_.t(req, "opendata.fiscal_year")) + " " + std::to_string(y->year);
    Response res = Response::file(render(y->table, format, title, c.agency_name, name, y->year), content_type(format),
                                  name + "-" + std::to_string(y->year) + "." + format,
                                  format == "xlsx" ? Response::Disposition::attachment : Response::Disposition::shown);
    res.header("Access-Control-Allow-Origin", "*");  // data for other sites' tools
    return res;
  }

  Response catalog(Request& req) {
    Catalog c = hub_.catalog(req.agency_id, req.origin, Lang::th);
    Response res;
    res.body = dcat(c).dump(1, ' ', false, json::error_handler_t::replace);
    res.header("Content-Type", "application/ld+json");
    res.header("Access-Control-Allow-Origin", "*");
    return res;
  }

  Response package_list(Request& req) {
    json names = json::array();
    for (const web::Dataset* d : hub_.datasets()) names.push_back(d->name);
    return ckan(req, "package_list", names);
  }

  Response package_show(Request& req) {
    auto id = req.query_param("id");
    if (!id || id->empty())
      return ckan_error(req, "package_show", 409, {{"__type", "Validation Error"}, {"id", {"Missing value"}}});
    Catalog c = hub_.catalog(req.agency_id, req.origin, Lang::th);
    for (const Entry& e : c.entries)
      if (e.name() == *id || ckan_id(c, e.name()) == *id) return ckan(req, "package_show", ckan_package(c, e));
    return ckan_error(req, "package_show", 404, {{"__type", "Not Found Error"}, {"message", "Not found"}});
  }

  Response package_search(Request& req) {
    auto number = [&](const char* name, std::int64_t fallback) {
      auto v = req.query_param(name);
      return v ? text::parse_id(*v) : std::optional<std::int64_t>(fallback);
    };
    auto rows = number("rows", 10), start = number("start", 0);
    if (!rows || !start)
      return ckan_error(req, "package_search", 409, {{"__type", "Validation Error"}, {"rows", {"Invalid integer"}}});
    Catalog c = hub_.catalog(req.agency_id, req.origin, Lang::th);
    json results = json::array();
    const auto total = static_cast<std::int64_t>(c.entries.size());
    for (std::int64_t i = *start; i < total && i < *start + std::min<std::int64_t>(*rows, 1000); ++i)
      results.push_back(ckan_package(c, c.entries[static_cast<std::size_t>(i)]));
    return ckan(req, "package_search", {{"count", total}, {"results", results}, {"sort", "name asc"}});
  }

  // The admin's choice of the unit that answers for each dataset.
  Response manage(Request& req) { return manage_page(req, std::nullopt, 200); }

  Response save(Request& req) {
    std::map<std::string, std::int64_t> wanted;
    for (const web::Dataset* d : hub_.datasets()) {
      const std::string typed = req.form().value("unit-" + d->name);
      if (typed.empty()) {
        wanted[d->name] = 0;
        continue;
      }
      auto id = text::parse_id(typed);
      if (!id) return manage_page(req, Error::invalid_field("unit-" + d->name, "error.choice"), 422);
      wanted[d->name] = *id;
    }
    auto r = hub_.set_units(*req.principal, wanted);
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return manage_page(req, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/opendata/manage?saved=1");
  }

 private:
  json entry_json(const Request& req, const Entry& e) {
    json years = json::array();
    for (const YearTable& y : e.years) {
      json links = json::array();
      for (std::string_view f : kFormats)
        links.push_back({{"format", text::ascii_upper(f)}, {"href", download_path(e.name(), y.year, f)}});
      years.push_back({{"year", std::to_string(y.year)},
                       {"rows", y.table.rows.size()},
                       {"modified", calendar::format(y.table.modified, req.lang)},
                       {"links", links}});
    }
    std::string keywords;
    for (const std::string& k : e.keywords) keywords += (keywords.empty() ? "" : ", ") + k;
    return {{"name", e.name()},
            {"href", "/opendata/" + e.name()},
            {"title", e.title},
            {"description", e.description},
            {"unit", e.unit},
            {"frequency",
             std::string(pages_.t(req, "opendata.frequency." + std::string(web::to_string(e.dataset->frequency))))},
            {"modified", e.years.empty() ? std::string("-") : calendar::format(e.modified, req.lang)},
            {"keywords", keywords},
            {"has_keywords", !keywords.empty()},
            {"licence", std::string(kLicence.title)},
            {"licence_href", std::string(kLicence.url)},
            {"years", years},
            {"has_years", !years.empty()},
            {"ckan", "/api/3/action/package_show?id=" + e.name()}};
  }

  Response manage_page(Request& req, const std::optional<Error>& error, int status) {
    const std::map<std::string, std::int64_t> chosen = hub_.units(req.principal->agency_id);
    std::vector<accounts::Unit> units = accounts_.units(req.principal->agency_id);
    json rows = json::array();
    for (const web::Dataset* d : hub_.datasets()) {
      const std::string typed = req.method == Method::post ? req.form().value("unit-" + d->name) : "";
      auto had = chosen.find(d->name);
      const std::string current =
          req.method == Method::post ? typed : (had == chosen.end() ? "" : std::to_string(had->second));
      json options = json::array();
      for (const accounts::Unit& u : units)
        if (u.active)
          options.push_back(
              {{"value", std::to_string(u.id)}, {"label", u.name_th}, {"selected", std::to_string(u.id) == current}});
      rows.push_back({{"name", d->name},
                      {"field", "unit-" + d->name},
                      {"title", std::string(pages_.t(req, d->title_key))},
                      {"options", options},
                      {"invalid", error && error->field == "unit-" + d->name}});
    }
    auto agency = accounts_.agency(req.principal->agency_id);
    return pages_.form(req, "opendata/manage",
                       {{"title", std::string(pages_.t(req, "opendata.manage_title"))},
                        {"agency", agency ? agency->name_th : ""},
                        {"datasets", rows},
                        {"saved", req.query_param("saved").has_value()}},
                       error, status);
  }

  Hub& hub_;
  accounts::Service& accounts_;
  web::Pages& pages_;
};

}  // namespace

void mount(web::Host& host) {
  auto h = std::make_shared<Handlers>(host.get<Hub>(), host.get<accounts::Service>(), host.pages());
  http::Router& router = host.router();
  auto public_get = [&](const char* path, Response (Handlers::*fn)(Request&)) {
    router.add(Route(Method::get, path, Access::anyone(), http::member(h, fn))).cached();
  };
  public_get("/opendata", &Handlers::index);
  public_get("/opendata/catalog.jsonld", &Handlers::catalog);
  public_get("/opendata/{name}", &Handlers::dataset);
  public_get("/opendata/{name}/{file}", &Handlers::download);
  public_get("/api/3/action/package_list", &Handlers::package_list);
  public_get("/api/3/action/package_show", &Handlers::package_show);
  public_get("/api/3/action/package_search", &Handlers::package_search);
  router
      .add(Route(Method::get, "/data", Access::anyone(), [](Request&) { return Response::redirect("/opendata", 301); }))
      .cached();
  const Access admin = Access::roles({http::Role::admin});
  router.add(Route(Method::get, "/opendata/manage", admin, http::member(h, &Handlers::manage)));
  router.add(
      Route(Method::post, "/opendata/manage", admin, http::member(h, &Handlers::save)).takes(http::BodyRule::form()));
}

}  // namespace prongsai::opendata
