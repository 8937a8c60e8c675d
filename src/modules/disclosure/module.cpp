// The disclosure module's manifest: the OIT registry, its evidence and the public ITA pages.
#include "modules/disclosure/module.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/strings.hpp"
#include "modules/disclosure/links.hpp"
#include "modules/disclosure/readiness.hpp"

namespace prongsai::disclosure {
namespace {

// An OIT item's evidence for each of its periods: a month or half-year by its last day; a
// yearly or standing item by the last day of the NACC's OIT collection (framework data).
void evidence_deadlines(web::Host& host, const web::DeadlineQuery& q, std::vector<web::Deadline>& out) {
  auto reg = host.get<Service>().registry(q.agency_id, q.fy.be(), q.today, q.lang);
  if (!reg) return;
  const framework::Framework* f = reg->framework;
  calendar::Date collection_closes = f && f->oit_collection ? f->oit_collection->closes : q.fy.period().last;
  const std::string title(Strings::instance().get(q.lang, "calendar.title.oit"));
  const std::string link_title(Strings::instance().get(q.lang, "calendar.title.oit_link"));
  const std::string year = std::to_string(q.fy.be());
  for (const ItemState& item : reg->items) {
    std::vector<std::int64_t> units;
    if (item.unit_id) units.push_back(*item.unit_id);
    for (const Slot& slot : item.slots) {
      // A link or file that stopped working: due the day it failed, until fixed or replaced.
      for (const Evidence& e : slot.entries) {
        if (e.usable() || !e.link->failing_since) continue;
        calendar::Date since = calendar::local_date(*e.link->failing_since);
        if (!q.belongs(since, false)) continue;
        out.push_back(q.make("oit-link-" + std::to_string(e.id), "oit", since, false,
                             link_title + " " + item.item->code + " (" + e.title + ")",
                             "/disclosure/" + year + "/" + item.item->code, units));
      }
      bool yearly = slot.period.empty();
      calendar::Date due = yearly ? collection_closes : slot.span.last;
      std::string label = yearly ? "" : " (" + period_label(slot.period, q.lang) + ")";
      bool filled = std::any_of(slot.entries.begin(), slot.entries.end(), [](const Evidence& e) { return e.usable(); });
      out.push_back(q.make("oit-" + year + "-" + item.item->code + (yearly ? "" : "-" + slot.period), "oit", due,
                           filled, title + " " + item.item->code + label, "/disclosure/" + year + "/" + item.item->code,
                           units));
    }
  }
}

// The year a citizen arriving today is shown: the current fiscal year when the installation has
// its framework, otherwise the latest it has.
std::optional<int> year_shown(const framework::Catalogue& catalogue, calendar::Date today) {
  std::vector<int> years = catalogue.years();
  if (years.empty()) return std::nullopt;
  int current = calendar::FiscalYear::of(today).be();
  return std::find(years.begin(), years.end(), current) != years.end() ? current : years.back();
}

std::optional<nlohmann::json> home_block(web::Host& host, const http::Request&) {
  auto year = year_shown(host.catalogue(), calendar::local_date(host.clock().now()));
  if (!year) return std::nullopt;
  return nlohmann::json{{"year", std::to_string(*year)}, {"href", "/ita/" + std::to_string(*year)}};
}

// Every year's page and its items' pages.
std::vector<web::PublicPage> public_pages(web::Host& host, std::int64_t) {
  std::vector<web::PublicPage> out = {{"/ita", std::nullopt}};
  for (int y : host.catalogue().years()) {
    std::string year = "/ita/" + std::to_string(y);
    out.push_back({year, std::nullopt});
    for (const framework::Item& i : host.catalogue().year(y)->items)
      if (i.tool == framework::Tool::oit) out.push_back({year + "/" + i.code, std::nullopt});
  }
  return out;
}

// The year's OIT items as the registry stands today: each item, where it stands and why, and
// how much evidence it holds; the registry's figures, for data tools.
std::optional<web::DataTable> readiness_table(web::Host& host, const web::DatasetQuery& q) {
  auto as_of = q.as_of();
  if (!as_of) return std::nullopt;
  auto reg = host.get<Service>().registry(q.agency_id, q.year.be(), q.today, q.lang);
  if (!reg) return std::nullopt;
  const Strings& s = Strings::instance();
  auto said = [&](const std::string& key) { return std::string(s.get(q.lang, key)); };
  web::DataTable t{{said("opendata.oit.code"), said("opendata.oit.item"), said("opendata.oit.status"),
                    said("opendata.oit.reason"), said("opendata.oit.evidence"), said("opendata.oit.page")},
                   {},
                   *as_of};
  for (const ItemState& i : reg->items) {
    std::size_t evidence = 0;
    for (const Slot& slot : i.slots) evidence += slot.entries.size();
    const std::string status(to_string(i.readiness.status));
    t.rows.push_back({i.item->code, std::string(i.item->name(q.lang)), said("oit.status." + status), i.readiness.reason,
                      std::to_string(evidence), "/ita/" + std::to_string(q.year.be()) + "/" + i.item->code});
  }
  return t;
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "disclosure",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            Service& svc = host.make<Service>(host.store(), host.get<accounts::Service>(), host.catalogue());
            svc.set_max_file_bytes(host.get<web::Settings>().max_upload_bytes);
            host.make<LinkOptions>();
            // Asked when a registry is read, when every module is built: any of them may answer.
            svc.set_producer([&host](std::string_view role, const web::EvidenceQuery& q) {
              return web::produce_evidence(host, role, q);
            });
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Service>(), host.get<accounts::Service>(), host.clock(),
                  [&host](std::int64_t agency, int year, const std::string& code, Lang lang) {
                    return web::evidence_notes(host, agency, year, code, lang);
                  });
          },
      .jobs = {{.name = "oit-links",
                .due = [](web::Host&, std::int64_t now) -> std::optional<std::int64_t> { return now + 24 * 3600; },
                .lease_seconds = 900,
                .run =
                    [](web::Host& host) {
                      LinkRun r = LinkChecker(host.store(), host.get<LinkOptions>()).run(host.clock().now());
                      spdlog::info("checked {} evidence links and {} files: {} failing, {} changed{}", r.links, r.files,
                                   r.failing, r.changed, r.stopped_early ? " (budget spent)" : "");
                    }}},
      .reindex = [](store::WriteTx& tx, web::Host& host) { host.get<Service>().reindex(tx); },
      .deadlines = {{.name = "oit", .collect = evidence_deadlines}},
      .datasets = {{.name = "oit-readiness",
                    .title_key = "opendata.oit_readiness",
                    .description_key = "opendata.oit_readiness_text",
                    .keywords_key = "opendata.oit_readiness_keywords",
                    .frequency = web::Frequency::daily,
                    .table = readiness_table}},
      .public_links = {{"ita", "pub.ita", "/ita", 10}},
      .sitemap = {{public_pages}},
      .home = {{.name = "ita", .order = 20, .view = "disclosure/home", .data = home_block}},
  };
  return m;
}

}  // namespace prongsai::disclosure
