// The procurement module's manifest: the register, its import, and each month's published
// summary with what it answers (the OIT's monthly item), its deadline and its public pages.
#include "modules/procurement/module.hpp"

#include "modules/accounts/accounts.hpp"
#include "modules/library/library.hpp"
#include "modules/procurement/publish.hpp"
#include "modules/procurement/summary.hpp"

namespace prongsai::procurement {
namespace {

std::string month_label(const calendar::Period& days, Lang lang) {
  return calendar::month_name(static_cast<unsigned>(days.first.month()), lang, calendar::Style::short_form) + " " +
         std::to_string(lang == Lang::th ? calendar::be_year(days.first) : static_cast<int>(days.first.year()));
}

// Each published month fills its month of the year's monthly item, dated the day it was
// published (or corrected).
std::vector<web::ProducedEvidence> monthly(web::Host& host, const web::EvidenceQuery& q) {
  std::vector<web::ProducedEvidence> out;
  const int year = q.about.be();
  const std::string title(Strings::instance().get(q.lang, "procurement.summary_title"));
  for (const PublishedMonth& m : host.get<Summaries>().published(q.agency_id, year)) {
    auto period = std::find_if(q.periods.begin(), q.periods.end(),
                               [&](const web::EvidencePeriod& p) { return p.period == m.month; });
    if (period == q.periods.end()) continue;
    out.push_back({m.month, title + " " + month_label(period->span, q.lang), file_href(year, m.month, "pdf"),
                   calendar::local_date(m.published_at)});
  }
  return out;
}

// The year's report answers the annual item, about the year it reports on (the year before the
// assessment's, as the frameworks have it), dated the day it was published or corrected.
std::vector<web::ProducedEvidence> annual(web::Host& host, const web::EvidenceQuery& q) {
  std::vector<web::ProducedEvidence> out;
  const int year = q.about.be();
  auto published = host.get<Summaries>().published_year(q.agency_id, year);
  if (!published) return out;
  const Strings& strings = Strings::instance();
  out.push_back({"",
                 std::string(strings.get(q.lang, "procurement.annual_title")) + " " +
                     std::string(strings.get(q.lang, "report.fiscal_year")) + " " + std::to_string(year),
                 file_href(year, kAnnual, "pdf"), calendar::local_date(published->published_at)});
  return out;
}

// The year's plan, once published, answers the plan item of the year it plans.
std::vector<web::ProducedEvidence> plan(web::Host& host, const web::EvidenceQuery& q) {
  std::vector<web::ProducedEvidence> out;
  const int year = q.about.be();
  auto published = host.get<Summaries>().published_plan(q.agency_id, year);
  if (!published) return out;
  const Strings& strings = Strings::instance();
  out.push_back({"",
                 std::string(strings.get(q.lang, "procurement.plan_title")) + " " +
                     std::string(strings.get(q.lang, "report.fiscal_year")) + " " + std::to_string(year),
                 file_href(year, kPlan, "pdf"), calendar::local_date(published->published_at)});
  return out;
}

// The year's purchases with their announcements (the library's documents put with them) answer
// the announcements item, once one has any; the page changed when a document was last put there.
std::vector<web::ProducedEvidence> announcements(web::Host& host, const web::EvidenceQuery& q) {
  std::vector<web::ProducedEvidence> out;
  const int year = q.about.be();
  std::int64_t last = 0;
  for (const Project& p : host.get<Register>().projects(q.agency_id, year))
    for (const ProjectDocument& d : p.documents) last = std::max(last, d.linked_at);
  if (last == 0) return out;
  const Strings& strings = Strings::instance();
  out.push_back({"",
                 std::string(strings.get(q.lang, "procurement.announcements_title")) + " " +
                     std::string(strings.get(q.lang, "report.fiscal_year")) + " " + std::to_string(year),
                 "/procurement/" + std::to_string(year) + "/announcements", calendar::local_date(last)});
  return out;
}

// The purchases of each month the agency has published, a row each (the register as it is, for
// data tools: amounts as numbers, days in ISO), as of the day a month was last published.
std::optional<web::DataTable> purchases_table(web::Host& host, const web::DatasetQuery& q) {
  const int year = q.year.be();
  std::vector<PublishedMonth> published = host.get<Summaries>().published(q.agency_id, year);
  if (published.empty()) return std::nullopt;
  const Strings& s = Strings::instance();
  auto said = [&](const std::string& key) { return std::string(s.get(q.lang, key)); };
  web::DataTable t;
  t.columns = {said("procurement.month"),
               said("procurement.egp_number"),
               said("procurement.field.name"),
               said("procurement.field.method"),
               said("procurement.field.budget"),
               said("procurement.budget_source"),
               said("procurement.field.reference_price"),
               said("procurement.field.vendor"),
               said("procurement.field.agreed_price"),
               said("procurement.contract_number"),
               said("procurement.contract_signed"),
               said("procurement.field.status")};
  auto amount = [](const std::optional<Satang>& a) {
    if (!a) return std::string();
    std::string cents = std::to_string(*a % 100);
    return std::to_string(*a / 100) + "." + (cents.size() < 2 ? "0" : "") + cents;
  };
  const std::vector<Project> projects = host.get<Register>().projects(q.agency_id, year);
  std::int64_t last = 0;
  for (const PublishedMonth& m : published) {
    last = std::max(last, m.published_at);
    auto index = month_index(year, m.month);
    if (!index) continue;
    for (const Project& p : of_month(projects, year, *index)) {
      const Contract* first = p.contracts.empty() ? nullptr : &p.contracts.front();
      t.rows.push_back({m.month, p.egp_number, p.name, said("procurement.method." + p.method), amount(p.budget),
                        p.budget_source, amount(p.reference_price), p.vendor, amount(p.agreed_price),
                        first ? first->number : "", first && first->signed_on ? calendar::iso(*first->signed_on) : "",
                        said("procurement.status." + p.status)});
    }
  }
  t.modified = calendar::local_date(last);
  return t;
}

// A library document put with purchases: the library lists them and keeps the document.
std::vector<library::Use> document_uses(store::ReadTx& tx, std::int64_t agency_id, std::int64_t document_id,
                                        Lang lang) {
  std::vector<library::Use> out;
  const std::string what(Strings::instance().get(lang, "procurement.document_use"));
  for (const Purchase& p : Register::with_document(tx, agency_id, document_id))
    out.push_back(
        {what + " " + std::to_string(p.fiscal_year) + ": " + p.name, "/procurement/manage/" + std::to_string(p.id)});
  return out;
}

// Each month's summary, due on the agency's day of the next month; September's falls in the
// next year, and is on that year's calendar too.
void month_deadlines(web::Host& host, const web::DeadlineQuery& q, std::vector<web::Deadline>& out) {
  Summaries& summaries = host.get<Summaries>();
  const std::string title(Strings::instance().get(q.lang, "calendar.title.procurement_month"));
  const int day = summaries.due_day(q.agency_id);
  for (int year : {q.fy.be() - 1, q.fy.be()}) {
    std::vector<PublishedMonth> published = summaries.published(q.agency_id, year);
    for (int i = 1; i <= 12; ++i) {
      const calendar::Date due = Summaries::due_on(year, i, day);
      if (year != q.fy.be() && !q.fy.contains(due)) continue;
      const std::string key = month_key(year, i);
      const bool done =
          std::any_of(published.begin(), published.end(), [&](const PublishedMonth& m) { return m.month == key; });
      if (!q.belongs(due, done)) continue;
      out.push_back(q.make("procurement-" + key, "procurement_month", due, done,
                           title + " " + month_label(calendar::FiscalYear(year).month(i), q.lang),
                           "/procurement/manage?year=" + std::to_string(year) + "#months"));
    }
  }
}

std::vector<web::PublicPage> public_pages(web::Host& host, std::int64_t agency_id) {
  std::vector<web::PublicPage> out = {{"/procurement", std::nullopt}};
  for (int y : host.get<Summaries>().years(agency_id))
    out.push_back({"/procurement/" + std::to_string(y), std::nullopt});
  for (int y : host.get<Register>().announced_years(agency_id))
    out.push_back({"/procurement/" + std::to_string(y) + "/announcements", std::nullopt});
  return out;
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "procurement",
      .after = {"accounts", "library"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            Register& reg = host.make<Register>(host.store(), host.clock(), host.get<accounts::Service>(),
                                                host.get<library::Library>());
            host.get<library::Library>().add_uses(document_uses);
            host.make<Summaries>(host.store(), host.clock(), reg, host.get<accounts::Service>());
          },
      .mount =
          [](web::Host& host) {
            mount(host);
            mount_public(host);
          },
      .sweeps = {{"procurement uploads", [](web::Host& host) { return host.get<Register>().sweep_uploads(); }}},
      .deadlines = {{.name = "procurement_month", .holders = http::Role::procurement, .collect = month_deadlines}},
      .datasets = {{.name = "procurement",
                    .title_key = "opendata.procurement",
                    .description_key = "opendata.procurement_text",
                    .keywords_key = "opendata.procurement_keywords",
                    .frequency = web::Frequency::monthly,
                    .table = purchases_table}},
      .evidence = {{std::string(framework::role::procurement_monthly), monthly},
                   {std::string(framework::role::procurement_annual), annual},
                   {std::string(framework::role::procurement_plan), plan},
                   {std::string(framework::role::procurement_announcements), announcements}},
      .public_links = {{"ita", "pub.procurement", "/procurement", 25}},
      .sitemap = {{public_pages}},
  };
  return m;
}

}  // namespace prongsai::procurement
