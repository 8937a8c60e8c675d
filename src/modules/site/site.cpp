// Routes of the site's frame. See site.hpp.
#include "modules/site/site.hpp"

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/embedded.hpp"
#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/pipeline.hpp"

namespace prongsai::site {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

std::string_view content_type_of(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  return "application/octet-stream";
}

Response asset(const Request& req, const web::Views& views) {
  std::string name = "assets/" + req.param("path");
  auto data = embedded::find(name);
  if (!data || name.find("..") != std::string::npos) return Response::text("ไม่พบไฟล์", 404);
  Response res;
  res.body = std::string(*data);
  res.header("Content-Type", std::string(content_type_of(name)));
  std::string etag = "\"" + views.asset_version() + "\"";
  res.header("ETag", etag);
  // Pages link assets as ?v=<version of all assets>: such a URL never changes content.
  bool versioned = req.query_param("v").value_or("") == views.asset_version();
  res.header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=300");
  if (req.header("if-none-match") == etag) {
    res.status = 304;
    res.body.clear();
  }
  return res;
}

json fiscal_year_view(const Request& req, calendar::Date today) {
  calendar::FiscalYear fy = calendar::FiscalYear::of(today);
  int q = calendar::FiscalYear::quarter_of(today);
  return {{"today", calendar::format(today, req.lang, calendar::Style::long_form)},
          {"year", std::to_string(fy.be())},
          {"period", calendar::format_period(fy.period(), req.lang)},
          {"quarter", std::to_string(q)},
          {"quarter_period", calendar::format_period(fy.quarter(q), req.lang)}};
}

json framework_year_view(const Request& req, const framework::Framework& f) {
  json tools = json::array();
  for (const framework::ToolInfo& t : f.tools) {
    json indicators = json::array();
    for (int n : t.indicators) {
      const framework::Indicator* ind = f.indicator(n);
      json subs = json::array();
      for (const framework::SubIndicator& s : ind->sub_indicators) {
        json items = json::array();
        for (const framework::Item& it : f.items) {
          if (it.sub_indicator != s.code) continue;
          items.push_back({{"code", it.code},
                           {"text", it.name_th},
                           {"requirement", it.requirement},
                           {"cadence", std::string(framework::to_string(it.cadence.kind))},
                           {"unverified", !it.verified}});
        }
        subs.push_back({{"code", s.code}, {"name", s.name_th}, {"items", items}});
      }
      json questions = json::array();
      for (const framework::Item& it : f.items) {
        if (it.tool == framework::Tool::oit || it.indicator != n) continue;
        json sub = json::array();
        for (const auto& sq : it.sub_questions) {
          sub.push_back({{"text", sq.text_th}, {"negative", sq.polarity == framework::Polarity::negative}});
        }
        questions.push_back({{"code", it.code},
                             {"text", it.question_th},
                             {"scale", f.answer_scales.at(it.scale).name_th},
                             {"negative", it.polarity == framework::Polarity::negative},
                             {"has_sub", !sub.empty()},
                             {"sub", sub},
                             {"unverified", !it.verified}});
      }
      indicators.push_back({{"number", std::to_string(n)},
                            {"name", ind->name_th},
                            {"subs", subs},
                            {"has_questions", !questions.empty()},
                            {"questions", questions}});
    }
    tools.push_back({{"code", t.code},
                     {"name", t.name_th},
                     {"weight", text::fixed(t.weight * 100, 0)},
                     {"indicators", indicators}});
  }
  json bands = json::array();
  for (const framework::GradeBand& b : f.grade_bands) {
    bands.push_back({{"grade", b.grade}, {"min", text::fixed(b.min, 2)}});
  }
  std::string pass = text::fixed(f.pass_mark, 0);
  json crosswalk = json::array();
  if (f.crosswalk) {
    for (const auto& [from, to] : f.crosswalk->map) crosswalk.push_back({{"from", from}, {"to", to.value_or("")}});
  }
  return {{"year", std::to_string(f.year)},
          {"title_text", req.lang == Lang::en && !f.title_en.empty() ? f.title_en : f.title_th},
          {"note", f.note},
          {"provisional", f.provisional ? f.provisional_note : ""},
          {"pass_mark", pass},
          {"bands", bands},
          {"tools", tools},
          {"crosswalk", crosswalk},
          {"crosswalk_from", f.crosswalk ? std::to_string(f.crosswalk->from_year) : ""}};
}

}  // namespace

void mount(http::Router& router, Deps d) {
  web::Pages& pages = d.pages;
  const Access admin = Access::roles({Role::admin});

  router.add(Route(Method::get, "/staff", Access::signed_in(), [d](Request& req) {
    auto user = d.accounts.user(req.agency_id, req.principal->user_id);
    if (!user) return d.pages.error(req, user.error());
    json roles = json::array();
    for (Role r : user->roles.list())
      roles.push_back(std::string(d.pages.t(req, "role." + std::string(http::to_string(r)))));
    json units = json::array();
    for (const accounts::Unit& u : d.accounts.units(req.agency_id)) {
      if (std::find(user->unit_ids.begin(), user->unit_ids.end(), u.id) != user->unit_ids.end())
        units.push_back(u.name_th);
    }
    // The menu's task groups, open: the staff home is where work starts.
    json tasks = json::array();
    for (json& g : d.pages.menu_for(req))
      if (!g["plain"].get<bool>()) tasks.push_back(std::move(g));
    json data = {{"title", std::string(d.pages.t(req, "staff.title"))},
                 {"has_tasks", !tasks.empty()},
                 {"tasks", tasks},
                 {"name", user->display_name},
                 {"roles", roles},
                 {"units", units},
                 {"fiscal", fiscal_year_view(req, calendar::local_date(d.clock.now()))}};
    return d.pages.page(req, "site/staff", std::move(data));
  }));

  // What works now, for a load balancer or a person: 200 when the database answers reads and
  // takes writes (and, where the disk is the server's own, has room), 503 otherwise; JSON
  // either way, even while the database is out of reach. Public: what works, not why (the log
  // says why, once).
  router
      .add(Route(Method::get, "/healthz", Access::anyone(),
                 [d](Request&) {
                   store::Store::Health h = d.store.health();
                   bool full = h.free_bytes && *h.free_bytes < store::Store::kFullBelowBytes;
                   bool ok = h.reads && h.writes;
                   json body = {{"status", ok ? "ok" : "unavailable"},
                                {"database", std::string(d.store.backend_name())},
                                {"reads", h.reads ? "ok" : "failing"},
                                {"writes", h.writes ? "ok" : "failing"}};
                   if (h.free_bytes) body["disk"] = full ? "full" : "ok";
                   Response r = Response::json(body.dump(), ok ? 200 : 503);
                   r.header("Cache-Control", "no-store");
                   return r;
                 }))
      .on(http::Work::worker_pool);  // a write, and on a stalled database a wait: never on an I/O thread

  router.add(Route(Method::get, "/assets/{path...}", Access::anyone(),
                   [d](Request& req) { return asset(req, d.pages.views()); }));

  router.add(Route(Method::get, "/lang/{code}", Access::anyone(), [d](Request& req) {
    std::string code = req.param("code") == "en" ? "en" : "th";
    std::string next = req.query_param("next").value_or("/");
    Response r = Response::redirect(http::is_local_redirect(next) ? next : "/", 303);
    r.header("Set-Cookie",
             http::set_cookie(http::kLangCookie, code, {d.secure_cookies, http::SameSite::lax, 365L * 24 * 3600}));
    return r;
  }));

  router.add(Route(Method::get, "/admin/framework", admin, [d](Request& req) {
    json years = json::array();
    for (int y : d.catalogue.years()) {
      const framework::Framework* f = d.catalogue.year(y);
      years.push_back({{"year", std::to_string(y)},
                       {"title", f->title_th},
                       {"provisional", f->provisional},
                       {"items", std::to_string(f->items.size())}});
    }
    std::vector<int> all = d.catalogue.years();
    json drafts = json::array();
    for (int y : d.frameworks.draft_years())
      drafts.push_back({{"year", std::to_string(y)}, {"href", "/admin/framework/" + std::to_string(y) + "/draft"}});
    return d.pages.page(req, "site/framework_index",
                        {{"title", std::string(d.pages.t(req, "framework.title"))},
                         {"years", years},
                         {"drafts", drafts},
                         {"has_drafts", !drafts.empty()},
                         {"latest", all.empty() ? "" : std::to_string(all.back())},
                         {"next", all.empty() ? "" : std::to_string(all.back() + 1)}});
  }));

  router.add(Route(Method::get, "/admin/framework/{year}", admin, [d](Request& req) {
    auto year = req.id_param("year");
    const framework::Framework* f = year ? d.catalogue.year(static_cast<int>(*year)) : nullptr;
    if (!year || *year > 3000) return d.pages.error(req, Error::not_found());
    if (!f) return d.pages.error(req, Error::no_framework(static_cast<int>(*year)));
    json data = framework_year_view(req, *f);
    data["title"] = std::string(d.pages.t(req, "framework.title")) + " " + std::to_string(f->year);
    data["in_force"] = web::version_label(req.lang, f->version);
    data["published"] = req.query_param("published").value_or("");
    json versions = json::array();
    for (const frameworks::VersionInfo& v : d.frameworks.versions(f->year))
      versions.push_back(
          {{"label", web::version_label(req.lang, v.version)},
           {"href", "/admin/framework/" + std::to_string(v.year) + "/file?version=" + std::to_string(v.version)},
           {"note", v.note},
           {"by", v.created_by},
           {"at", calendar::format_time(v.published_at, req.lang)}});
    data["versions"] = versions;
    data["has_versions"] = !versions.empty();
    return d.pages.page(req, "site/framework_year", std::move(data));
  }));

  pages.add_menu({"menu.staff_home", "/staff", Access::signed_in(), "home"});
  pages.add_menu({"menu.framework", "/admin/framework", admin, "settings"});
}

}  // namespace prongsai::site
