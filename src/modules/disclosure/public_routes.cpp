// The agency's public ITA pages, at addresses that stay the same whatever is edited, for the
// assessors: /ita/{year} lists every OIT item by indicator and sub-indicator with its status;
// /ita/{year}/{code} shows what the item asks and its evidence, dates in BE; files of
// evidence at /ita/{year}/{code}/files/{id}. Anonymous pages come from the page cache.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/errors.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/disclosure/module.hpp"

namespace prongsai::disclosure {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Route;
using nlohmann::json;

class PublicHandlers {
 public:
  PublicHandlers(Service& svc, accounts::Service& accounts, web::Pages& pages, const Clock& clock)
      : svc_(svc), accounts_(accounts), pages_(pages), clock_(clock) {}

  Response year(Request& req) {
    auto reg = registry(req);
    if (!reg) return pages_.error(req, reg.error());
    const std::string y = std::to_string(reg->fiscal_year);
    json indicators = json::array();
    for (const framework::Indicator& ind : reg->framework->indicators) {
      if (ind.tool != framework::Tool::oit) continue;
      json subs = json::array();
      for (const framework::SubIndicator& sub : ind.sub_indicators) {
        json items = json::array();
        for (const ItemState& i : reg->items) {
          if (i.item->sub_indicator != sub.code) continue;
          std::string status(to_string(i.readiness.status));
          items.push_back({{"code", i.item->code},
                           {"name", i.item->name_th},
                           {"href", "/ita/" + y + "/" + i.item->code},
                           {"status", status},
                           {"status_label", std::string(pages_.t(req, "oit.status." + status))}});
        }
        subs.push_back({{"code", sub.code}, {"name", sub.name_th}, {"items", items}});
      }
      indicators.push_back({{"number", std::to_string(ind.number)}, {"name", ind.name_th}, {"subs", subs}});
    }
    return pages_.page(req, "disclosure/public_year",
                       {{"title", std::string(pages_.t(req, "oit.public_title")) + " " + y},
                        {"year", y},
                        {"provisional", reg->framework->provisional ? reg->framework->provisional_note : ""},
                        {"indicators", indicators},
                        {"preview", {{"description", reg->framework->title_th}}}});
  }

  // Every year the installation knows, newest first, the current fiscal year marked: where the
  // menu's ITA link leads.
  Response index(Request& req) {
    int current = calendar::FiscalYear::of(calendar::local_date(clock_.now())).be();
    json years = json::array();
    std::vector<int> all = svc_.catalogue().years();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
      const framework::Framework* f = svc_.catalogue().year(*it);
      years.push_back(
          {{"year", std::to_string(*it)},
           {"href", "/ita/" + std::to_string(*it)},
           {"items", std::to_string(std::count_if(f->items.begin(), f->items.end(),
                                                  [](const auto& i) { return i.tool == framework::Tool::oit; }))},
           {"current", *it == current}});
    }
    return pages_.page(req, "disclosure/public_index",
                       {{"title", std::string(pages_.t(req, "oit.public_index_title"))}, {"years", years}});
  }

  // The page an assessor opens (and prints): what the item asks, then each piece of evidence
  // with what it is, its date in BE and the address it lives at, in full so that paper keeps it.
  Response item(Request& req) {
    auto reg = registry(req);
    if (!reg) return pages_.error(req, reg.error());
    const ItemState* item = reg->find(text::ascii_upper(req.param("code")));
    if (!item) return pages_.error(req, Error::not_found("item"));
    const std::string base = "/ita/" + std::to_string(reg->fiscal_year) + "/" + item->item->code;
    const std::string origin = req.origin;
    json slots = json::array();
    int n = 0;
    for (const Slot& slot : item->slots) {
      json entries = json::array();
      for (const Evidence& e : slot.entries) {
        std::string file_href = base + "/files/" + std::to_string(e.id);
        std::string what, where;
        if (e.produced) {
          what = t(req, "oit.public.page");
          where = origin + e.url;
        } else if (e.kind == EvidenceKind::file) {
          what = text::fill(text::fill(t(req, "oit.public.file"), "type", files::type_label(e.file)), "size",
                            files::size_label(e.file.size));
          where = origin + file_href;
        } else if (e.kind == EvidenceKind::link) {
          what = t(req, "oit.public.link");
          where = e.url;
        } else {
          what = t(req, "oit.public.text");
        }
        entries.push_back({{"title", e.title},
                           {"body", e.body},
                           {"url", e.url},
                           {"is_link", e.kind == EvidenceKind::link},
                           {"is_file", e.kind == EvidenceKind::file},
                           {"from_system", e.produced},
                           {"file_href", file_href},
                           {"what", what},
                           {"where", where},
                           {"date", calendar::format(e.published_on, req.lang, calendar::Style::long_form)}});
      }
      if (entries.empty() && !slot.due) continue;
      slots.push_back({{"n", std::to_string(++n)},
                       {"label", slot.period.empty() ? "" : period_label(slot.period, req.lang)},
                       {"entries", entries},
                       {"has_entries", !entries.empty()}});
    }
    std::string status(to_string(item->readiness.status));
    const framework::SubIndicator* sub = reg->framework->sub_indicator(item->item->sub_indicator);
    auto agency = accounts_.agency(req.agency_id);
    return pages_.page(
        req, "disclosure/public_item",
        {{"title", item->item->code + " " + item->item->name_th},
         {"year", std::to_string(reg->fiscal_year)},
         {"code", item->item->code},
         {"agency", agency ? agency->name_th : ""},
         {"sub", item->item->sub_indicator},
         {"sub_name", sub ? sub->name_th : ""},
         {"requirement", item->item->requirement},
         {"cadence", t(req, "oit.cadence." + std::string(framework::to_string(item->item->cadence.kind)))},
         {"today", calendar::format(calendar::local_date(clock_.now()), req.lang, calendar::Style::long_form)},
         {"status", status},
         {"status_label", t(req, "oit.status." + status)},
         {"slots", slots},
         {"preview",
          {{"description", std::string(pages_.t(req, "oit.public_title")) + " " + std::to_string(reg->fiscal_year) +
                               " · " + (agency ? agency->name_th : std::string())}}}});
  }

  Response file(Request& req) {
    auto y = req.id_param("year");
    auto id = req.id_param("id");
    if (!y || !id || *y > 3000) return pages_.error(req, Error::not_found());
    auto found = svc_.evidence_file(req.agency_id, static_cast<int>(*y), text::ascii_upper(req.param("code")), *id);
    if (!found) return pages_.error(req, found.error());
    return files::download(found->first, std::move(found->second));
  }

 private:
  Result<Registry> registry(const Request& req) {
    auto y = req.id_param("year");
    if (!y || *y > 3000) return fail(Error::not_found());
    return svc_.registry(req.agency_id, static_cast<int>(*y), calendar::local_date(clock_.now()), req.lang);
  }

  std::string t(const Request& req, const std::string& key) const { return std::string(pages_.t(req, key)); }

  Service& svc_;
  accounts::Service& accounts_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

void mount_public(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts,
                  const Clock& clock) {
  auto h = std::make_shared<PublicHandlers>(svc, accounts, pages, clock);
  router.add(Route(Method::get, "/ita", Access::anyone(), http::member(h, &PublicHandlers::index))).cached();
  router.add(Route(Method::get, "/ita/{year}", Access::anyone(), http::member(h, &PublicHandlers::year))).cached();
  router.add(Route(Method::get, "/ita/{year}/{code}", Access::anyone(), http::member(h, &PublicHandlers::item)))
      .cached();
  router.add(
      Route(Method::get, "/ita/{year}/{code}/files/{id}", Access::anyone(), http::member(h, &PublicHandlers::file))
          .on(http::Work::worker_pool));  // up to the upload limit to read: never on an I/O thread
}

}  // namespace prongsai::disclosure
