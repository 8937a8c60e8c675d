// The executives' page (/executive?year=): see overview.hpp.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "modules/executive/module.hpp"
#include "web/years.hpp"

namespace prongsai::executive {
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
  Handlers(Overviews& overviews, web::Pages& pages) : overviews_(overviews), pages_(pages) {}

  // The executives' page: the plan, OIT readiness, the channels (counts only), the surveys and
  // the ITA estimate, and what is overdue with who holds it.
  Response executive(Request& req) {
    calendar::Date today = calendar::local_date(overviews_.calendar().clock().now());
    auto year = web::year_asked(req, today);
    if (!year) return pages_.error(req, Error::not_found());
    auto o = overviews_.overview(*req.principal, calendar::FiscalYear(*year), today, req.lang);
    if (!o) return pages_.error(req, o.error());
    auto fixed = [](std::optional<double> v) { return v ? text::fixed(*v, 2) : std::string("–"); };
    auto ages = [&](const std::array<int, 4>& a) {
      json out = json::array();
      for (int n : a) out.push_back(std::to_string(n));
      return out;
    };
    std::vector<accounts::Unit> units = overviews_.calendar().accounts().units(req.agency_id);
    json overdue = json::array();
    constexpr std::size_t kShown = 100;  // the whole list is on /calendar
    for (const web::Deadline& d : o->overdue) {
      if (overdue.size() == kShown) break;
      std::string holder;
      for (std::int64_t u : d.unit_ids) holder += (holder.empty() ? "" : ", ") + accounts::unit_name(units, u);
      if (holder.empty()) {
        std::optional<Role> role = overviews_.calendar().holders(d.source);
        holder = std::string(pages_.t(req, "role." + std::string(http::to_string(role.value_or(Role::admin)))));
      }
      overdue.push_back({{"day", calendar::format(d.due, req.lang)},
                         {"title", d.title},
                         {"href", d.href},
                         {"source", std::string(pages_.t(req, "calendar.source." + d.source))},
                         {"holder", holder}});
    }
    json parts = json::array();
    if (o->estimate)
      for (const surveys::ToolPart& p : o->estimate->parts)
        parts.push_back(
            {{"code", p.code}, {"score", fixed(p.score)}, {"below", p.score && *p.score < o->estimate->pass_mark}});
    json links_failing = json::array();
    for (const auto& [code, since] : o->links_failing)
      links_failing.push_back(
          {{"text", text::fill(text::fill(std::string(pages_.t(req, "executive.link_failing")), "code", code), "since",
                               calendar::format(calendar::local_date(since), req.lang))},
           {"href", "/disclosure/" + std::to_string(*year) + "/" + code}});
    json results = json::array();
    for (const Overview::PastResult& r : o->results)
      results.push_back({{"year", std::to_string(r.year)},
                         {"total", fixed(r.total)},
                         {"level", r.total ? r.level : ""},
                         {"estimated", fixed(r.estimated_total)},
                         {"estimated_level", r.estimated_total ? r.estimated_level : ""},
                         {"final", r.final},
                         {"scored", std::to_string(r.scored) + " / " + std::to_string(r.items)}});
    json years = web::year_links("/executive", today, *year);
    json data = {{"title", std::string(pages_.t(req, "executive.title")) + " " + std::to_string(*year)},
                 {"years", years},
                 {"year", std::to_string(*year)},
                 {"has_plan", o->has_plan},
                 {"reports_done", std::to_string(o->reports_done)},
                 {"reports_overdue", std::to_string(o->reports_overdue)},
                 {"reports_ahead", std::to_string(o->reports_ahead)},
                 {"oit_ready", std::to_string(o->oit_ready)},
                 {"oit_stale", std::to_string(o->oit_stale)},
                 {"oit_missing", std::to_string(o->oit_missing)},
                 {"oit_score", fixed(o->oit_score)},
                 {"has_oit", o->oit_score.has_value()},
                 {"links_failing", links_failing},
                 {"questions_waiting", std::to_string(o->questions_waiting)},
                 {"complaints", ages(o->complaints_by_age)},
                 {"corruption", ages(o->corruption_by_age)},
                 {"requests", ages(o->requests_by_age)},
                 {"requests_overdue", std::to_string(o->requests_overdue)},
                 {"has_estimate", o->estimate.has_value()},
                 {"admin", req.principal->roles.has(http::Role::admin)},
                 {"parts", parts},
                 {"total", o->estimate ? fixed(o->estimate->total) : "–"},
                 {"has_total", o->estimate && o->estimate->total},
                 {"grade", !o->estimate           ? ""
                           : req.lang == Lang::en ? o->estimate->grade_en
                                                  : o->estimate->grade},
                 {"by_level", o->estimate && o->estimate->by_level},
                 {"held_back", o->estimate ? surveys::held_back_text(*o->estimate, req.lang) : ""},
                 {"provisional", o->estimate && o->estimate->provisional ? o->estimate->provisional_note : ""},
                 {"passes", o->estimate && o->estimate->passes},
                 {"results", results},
                 {"has_results", !results.empty()},
                 {"overdue", overdue},
                 {"overdue_count", std::to_string(o->overdue.size())},
                 {"more", o->overdue.size() > kShown},
                 {"no_overdue", overdue.empty()}};
    return pages_.page(req, "executive/executive", std::move(data));
  }

 private:
  Overviews& overviews_;
  web::Pages& pages_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Overviews& overviews) {
  auto h = std::make_shared<Handlers>(overviews, pages);
  const Access executives = Access::roles({Role::admin, Role::executive});
  router.add(Route(Method::get, "/executive", executives, http::member(h, &Handlers::executive)));
  pages.add_menu({"menu.executive", "/executive", executives, "follow"});
}

}  // namespace prongsai::executive
