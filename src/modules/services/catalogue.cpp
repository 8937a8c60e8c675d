#include "modules/services/catalogue.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace prongsai::services {
namespace {

using http::Role;
using nlohmann::json;

#define PRONGSAI_SERVICE_COLUMNS                                                                             \
  "id, template, name_th, name_en, unit_id, target_days, calendar_days, contact_required, documents, form, " \
  "published, updated_at"
constexpr std::string_view kAll =
    "SELECT " PRONGSAI_SERVICE_COLUMNS " FROM services WHERE agency_id = ? ORDER BY name_th";
constexpr std::string_view kPublished =
    "SELECT " PRONGSAI_SERVICE_COLUMNS " FROM services WHERE agency_id = ? AND published = 1 ORDER BY name_th";
constexpr std::string_view kOne = "SELECT " PRONGSAI_SERVICE_COLUMNS " FROM services WHERE agency_id = ? AND id = ?";
constexpr std::string_view kInsert =
    "INSERT INTO services (agency_id, template, name_th, name_en, unit_id, target_days, calendar_days, "
    "contact_required, documents, form, published, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?) RETURNING id";
constexpr std::string_view kSetForm = "UPDATE services SET form = ?, updated_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kUpdate =
    "UPDATE services SET name_th = ?, name_en = ?, unit_id = ?, target_days = ?, calendar_days = ?, "
    "contact_required = ?, documents = ?, published = ?, updated_at = ? WHERE agency_id = ? AND id = ?";

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

Service service_from(const store::Row& r) {
  Service s;
  s.id = r.integer("id");
  s.template_key = r.text("template");
  s.name_th = r.text("name_th");
  s.name_en = r.text("name_en");
  s.unit_id = r.opt_integer("unit_id");
  s.target_days = static_cast<int>(r.integer("target_days"));
  s.calendar_days = r.integer("calendar_days") != 0;
  s.contact_required = r.integer("contact_required") != 0;
  std::string documents = r.text("documents");  // split() gives views into it
  for (auto line : text::split(documents, '\n'))
    if (!line.empty()) s.documents.emplace_back(line);
  // Stored definitions were checked when saved; one that no longer parses shows no fields.
  auto form = parse_definition(json::parse(r.text("form"), nullptr, false));
  if (form) s.form = std::move(*form);
  s.published = r.integer("published") != 0;
  s.updated_at = r.integer("updated_at");
  return s;
}

json audit_view(const Service& s) {
  return {{"name_th", s.name_th},
          {"unit_id", s.unit_id ? json(*s.unit_id) : json(nullptr)},
          {"target_days", s.target_days},
          {"calendar_days", s.calendar_days},
          {"contact_required", s.contact_required},
          {"documents", s.documents},
          {"published", s.published}};
}

}  // namespace

std::string_view days_key(const Service& s) { return s.calendar_days ? "services.days" : "services.working_days"; }

std::vector<Service> Catalogue::published(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Service> out;
    for (const auto& r : tx.query(kPublished, {agency_id})) out.push_back(service_from(r));
    return out;
  });
}

std::vector<Service> Catalogue::of_agency(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Service> out;
    for (const auto& r : tx.query(kAll, {agency_id})) out.push_back(service_from(r));
    return out;
  });
}

std::optional<Service> Catalogue::find(std::int64_t agency_id, std::int64_t id) {
  auto row = store_.read([&](store::ReadTx& tx) { return tx.query_one(kOne, {agency_id, id}); });
  if (!row) return std::nullopt;
  return service_from(*row);
}

Result<std::vector<Service>> Catalogue::all(const http::Principal& by) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  return of_agency(by.agency_id);
}

Result<Service> Catalogue::get(const http::Principal& by, std::int64_t id) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto s = find(by.agency_id, id);
  if (!s) return fail(Error::not_found("service"));
  return std::move(*s);
}

Service Catalogue::from_template(std::int64_t agency_id, const Template& t) {
  Service s;
  s.template_key = t.key;
  s.name_th = t.name_th;
  s.name_en = t.name_en;
  for (const auto& u : accounts_.units(agency_id))
    if (u.active && u.name_th == t.unit) s.unit_id = u.id;
  s.target_days = t.target_days;
  s.calendar_days = t.calendar_days;
  s.contact_required = t.contact_required;
  s.documents = t.documents_th;
  s.form = t.form;
  return s;
}

Result<std::int64_t> Catalogue::insert(store::WriteTx& tx, std::int64_t agency_id, const Service& s) {
  if (tx.count("SELECT COUNT(*) FROM services WHERE agency_id = ? AND name_th = ?", {agency_id, s.name_th}) > 0)
    return fail(Error::make(ErrorKind::conflict, "error.service_exists", "", "template"));
  return tx
      .apply(store::Change::create(agency_id, "service", audit_view(s)), kInsert,
             {agency_id, s.template_key, s.name_th, s.name_en, store::nullable(s.unit_id), std::int64_t{s.target_days},
              std::int64_t{s.calendar_days ? 1 : 0}, std::int64_t{s.contact_required ? 1 : 0}, joined(s.documents),
              to_json(s.form).dump(), std::int64_t{s.published ? 1 : 0}, tx.now(), tx.now()})
      .at(0)
      .integer("id");
}

Result<std::int64_t> Catalogue::add_from_template(const http::Principal& by, std::string_view key) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto list = templates();
  if (!list) return fail(list.error());
  auto t = std::find_if(list->begin(), list->end(), [&](const Template& x) { return x.key == key; });
  if (t == list->end()) return fail(Error::invalid_field("template", "error.choice"));
  Service s = from_template(by.agency_id, *t);
  return store_.write(accounts::actor_of(by),
                      [&](store::WriteTx& tx) -> Result<std::int64_t> { return insert(tx, by.agency_id, s); });
}

Result<int> Catalogue::install_templates(std::int64_t agency_id, const store::Actor& actor) {
  auto list = templates();
  if (!list) return fail(list.error());
  std::vector<Service> existing = of_agency(agency_id);
  std::vector<Service> adding;
  for (const Template& t : *list) {
    if (std::any_of(existing.begin(), existing.end(), [&](const Service& e) { return e.name_th == t.name_th; }))
      continue;
    adding.push_back(from_template(agency_id, t));
    adding.back().published = true;
  }
  return store_.write(actor, [&](store::WriteTx& tx) -> Result<int> {
    for (const Service& s : adding)
      if (auto id = insert(tx, agency_id, s); !id) return fail(id.error());
    return static_cast<int>(adding.size());
  });
}

Result<void> Catalogue::set_form(const http::Principal& by, std::int64_t id, const json& definition) {
  auto current = get(by, id);
  if (!current) return fail(current.error());
  auto form = parse_definition(definition);
  if (!form) return fail(form.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "service", id, {{"form", to_json(current->form)}},
                                   {{"form", to_json(*form)}}),
             kSetForm, {to_json(*form).dump(), tx.now(), by.agency_id, id});
    return ok();
  });
}

Result<void> Catalogue::update(const http::Principal& by, std::int64_t id, const ServiceInput& in) {
  auto current = get(by, id);
  if (!current) return fail(current.error());
  Service s = *current;
  auto name_th = text::form_field("name_th", in.name_th, 200, true);
  if (!name_th) return fail(name_th.error());
  auto name_en = text::form_field("name_en", in.name_en, 200, false);
  if (!name_en) return fail(name_en.error());
  s.name_th = *name_th;
  s.name_en = *name_en;
  s.unit_id.reset();
  if (!text::trim(in.unit_id).empty()) {
    auto unit = text::parse_id(text::trim(in.unit_id));
    if (!unit || !accounts_.is_active_unit(by.agency_id, *unit))
      return fail(Error::invalid_field("unit_id", "error.unknown_unit"));
    s.unit_id = *unit;
  }
  auto days = text::parse_id(text::trim(in.target_days));
  if (!days || *days < 1 || *days > kMaxTargetDays)
    return fail(Error::invalid_field("target_days", "error.number_range"));
  s.target_days = static_cast<int>(*days);
  if (!in.count.empty()) {  // a form from before the choice existed keeps the count as it was
    if (in.count != "working" && in.count != "calendar") return fail(Error::invalid_field("count", "error.choice"));
    s.calendar_days = in.count == "calendar";
  }
  if (in.contact != "required" && in.contact != "optional")
    return fail(Error::invalid_field("contact", "error.choice"));
  s.contact_required = in.contact == "required";
  auto docs = text::form_field("documents", in.documents, 4000, false, text::Lines::multiple);
  if (!docs) return fail(docs.error());
  s.documents.clear();
  for (auto line : text::split(*docs, '\n')) {
    auto l = text::trim(line);
    if (l.empty()) continue;
    if (text::code_points(l) > 300) return fail(Error::invalid_field("documents", "error.too_long"));
    s.documents.emplace_back(l);
  }
  if (s.documents.size() > kMaxDocuments) return fail(Error::invalid_field("documents", "error.too_many"));
  s.published = in.published;
  if (s.published && !s.unit_id) return fail(Error::invalid_field("unit_id", "error.service_needs_unit"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto clash = tx.query_one("SELECT id FROM services WHERE agency_id = ? AND name_th = ? AND id <> ?",
                              {by.agency_id, s.name_th, id});
    if (clash) return fail(Error::make(ErrorKind::conflict, "error.service_exists", "", "name_th"));
    tx.apply(store::Change::update(by.agency_id, "service", id, audit_view(*current), audit_view(s)), kUpdate,
             {s.name_th, s.name_en, store::nullable(s.unit_id), std::int64_t{s.target_days},
              std::int64_t{s.calendar_days ? 1 : 0}, std::int64_t{s.contact_required ? 1 : 0}, joined(s.documents),
              std::int64_t{s.published ? 1 : 0}, tx.now(), by.agency_id, id});
    return ok();
  });
}

}  // namespace prongsai::services
