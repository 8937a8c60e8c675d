// See hub.hpp.
#include "modules/opendata/hub.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "modules/opendata/queries.hpp"

namespace prongsai::opendata {

std::vector<const web::Dataset*> Hub::datasets() const {
  std::vector<const web::Dataset*> out;
  for (const web::Module* m : host_.modules())
    for (const web::Dataset& d : m->datasets) out.push_back(&d);
  return out;
}

Catalog Hub::catalog(std::int64_t agency_id, const std::string& origin, Lang lang,
                     std::optional<std::string_view> only) {
  Catalog c;
  c.origin = origin;
  c.lang = lang;
  calendar::Date since;
  if (auto agency = accounts_.agency(agency_id)) {
    c.agency_slug = agency->slug;
    c.agency_name = agency->name_th;
    since = calendar::local_date(agency->created_at);
  }
  const std::map<std::string, std::int64_t> chosen = units(agency_id);
  std::map<std::int64_t, std::string> unit_names;
  for (const accounts::Unit& u : accounts_.units(agency_id)) unit_names[u.id] = u.name_th;
  const calendar::Date today = calendar::local_date(clock_.now());
  const int current = calendar::FiscalYear::of(today).be();
  const Strings& strings = Strings::instance();
  for (const web::Dataset* d : datasets()) {
    if (only && d->name != *only) continue;
    Entry e;
    e.dataset = d;
    e.title = std::string(strings.get(lang, d->title_key));
    e.description = std::string(strings.get(lang, d->description_key));
    e.title_en = std::string(strings.get(Lang::en, d->title_key));
    e.description_en = std::string(strings.get(Lang::en, d->description_key));
    for (std::string_view k : text::split(strings.get(lang, d->keywords_key), ','))
      if (auto word = text::trim(k); !word.empty()) e.keywords.emplace_back(word);
    auto unit = chosen.find(d->name);
    e.unit = unit != chosen.end() && unit_names.contains(unit->second) ? unit_names[unit->second] : c.agency_name;
    for (int y = current; y > current - kYears; --y) {
      auto table = d->table(host_, {agency_id, calendar::FiscalYear(y), today, lang, since});
      if (!table) continue;
      if (e.years.empty() || e.modified < table->modified) e.modified = table->modified;
      e.years.push_back({y, std::move(*table)});
    }
    c.entries.push_back(std::move(e));
  }
  return c;
}

std::map<std::string, std::int64_t> Hub::units(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::map<std::string, std::int64_t> out;
    for (const auto& r : tx.query(q::kUnits, {agency_id})) out[r.text("dataset")] = r.integer("unit_id");
    return out;
  });
}

Result<void> Hub::set_units(const http::Principal& by, const std::map<std::string, std::int64_t>& wanted) {
  if (auto r = accounts::admin_only(by, "only the admin sets who answers for open data"); !r) return r;
  std::vector<accounts::Unit> all = accounts_.units(by.agency_id);
  std::vector<const web::Dataset*> offered = datasets();
  for (const auto& [name, unit] : wanted) {
    if (std::none_of(offered.begin(), offered.end(), [&](const web::Dataset* d) { return d->name == name; }))
      return fail(Error::invalid_field("unit-" + name, "error.choice"));
    if (unit != 0 &&
        std::none_of(all.begin(), all.end(), [&](const accounts::Unit& u) { return u.id == unit && u.active; }))
      return fail(Error::invalid_field("unit-" + name, "error.choice"));
  }
  const std::map<std::string, std::int64_t> before = units(by.agency_id);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    for (const auto& [name, unit] : wanted) {
      auto had = before.find(name);
      const std::int64_t was = had == before.end() ? 0 : had->second;
      if (was == unit) continue;
      store::Change change{by.agency_id, "opendata_unit", name, "update", {{"unit_id", was}}, {{"unit_id", unit}}};
      if (unit == 0)
        tx.apply(std::move(change), q::kClearUnit, {by.agency_id, name});
      else
        tx.apply(std::move(change), q::kSetUnit, {by.agency_id, name, unit});
    }
    return ok();
  });
}

}  // namespace prongsai::opendata
