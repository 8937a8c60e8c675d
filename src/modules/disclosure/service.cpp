// The OIT registry: reading it with its readiness, adding and removing evidence (audited, one
// transaction with the file's bytes), responsible units, carry-over and the assessors' list.
#include <map>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "documents/csv.hpp"
#include "files/personal_data.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/disclosure/queries.hpp"

namespace prongsai::disclosure {
namespace {

using nlohmann::json;
constexpr std::size_t kMaxTitleChars = 300;
constexpr std::size_t kMaxBodyChars = 20000;
constexpr std::size_t kMaxUrlChars = 2000;

Evidence evidence_from(const store::Row& r) {
  Evidence e;
  e.id = r.integer("id");
  e.item_code = r.text("item_code");
  e.period = r.text("period");
  e.kind = parse_evidence_kind(r.text("kind")).value_or(EvidenceKind::text);
  e.title = r.text("title");
  e.body = r.text("body");
  e.url = r.text("url");
  e.file = {r.text("sha256"), r.text("file_name"), r.text("content_type"), r.integer("size")};
  e.published_on = calendar::parse_iso(r.text("published_on")).value_or(calendar::make_date(1970, 1, 1));
  e.created_at = r.integer("created_at");
  return e;
}

// Evidence on the registry is found by search, under its item's code and title, and leads to
// the item's public page; evidence taken off the registry is not found.
store::SearchEntry search_entry(std::int64_t agency_id, int fiscal_year, const framework::Item& item, const Evidence& e,
                                std::int64_t visible_from) {
  std::string body = item.code + " " + item.name_th;
  if (!e.body.empty()) body += "\n" + e.body;
  return {agency_id,   "evidence", std::to_string(e.id),
          e.title,     body,       "/ita/" + std::to_string(fiscal_year) + "/" + item.code,
          visible_from};
}

json audit_view(const Evidence& e) {
  return {{"item_code", e.item_code},
          {"period", e.period},
          {"kind", std::string(to_string(e.kind))},
          {"title", e.title},
          {"url", e.url},
          {"file", e.file.name},
          {"sha256", e.file.sha256},
          {"published_on", calendar::iso(e.published_on)}};
}

}  // namespace

const ItemState* Registry::find(std::string_view code) const {
  for (const ItemState& i : items) {
    if (i.item->code == code) return &i;
  }
  return nullptr;
}

Result<Registry> Service::registry(std::int64_t agency_id, int fiscal_year, calendar::Date today, Lang lang) {
  const framework::Framework* fw = catalogue_.year(fiscal_year);
  if (!fw) return fail(Error::no_framework(fiscal_year));
  calendar::FiscalYear fy(fiscal_year);
  Registry reg;
  reg.framework = fw;
  reg.fiscal_year = fiscal_year;
  std::vector<std::pair<std::string, std::int64_t>> units;
  std::vector<Evidence> evidence;
  std::map<std::string, ProducedOff> off;
  std::map<std::int64_t, LinkCheck> checks;
  calendar::Date agency_since = today;
  if (producer_) {
    auto agency = accounts_.agency(agency_id);
    agency_since = calendar::local_date(agency ? agency->created_at : 0);
  }
  store_.read([&](store::ReadTx& tx) {
    for (const auto& r : tx.query(q::kSelectUnits, {agency_id, std::int64_t{fiscal_year}}))
      units.emplace_back(r.text("item_code"), r.integer("unit_id"));
    for (const auto& r : tx.query(q::kSelectEvidence, {agency_id, std::int64_t{fiscal_year}}))
      evidence.push_back(evidence_from(r));
    for (const auto& r : tx.query(q::kSelectProducedOff, {agency_id, std::int64_t{fiscal_year}}))
      off[r.text("item_code")] = {r.text("reason"), r.integer("created_at")};
    for (const auto& r : tx.query(q::kSelectLinkChecks, {agency_id, std::int64_t{fiscal_year}})) {
      LinkCheck c;
      c.state = parse_link_state(r.text("state")).value_or(LinkState::ok);
      c.http_status = static_cast<int>(r.integer("http_status"));
      c.detail = r.text("detail");
      c.checked_at = r.integer("checked_at");
      if (!r.is_null("failing_since")) c.failing_since = r.integer("failing_since");
      checks[r.integer("evidence_id")] = c;
    }
    return true;
  });
  for (Evidence& e : evidence) {
    if (auto c = checks.find(e.id); c != checks.end()) e.link = c->second;
  }
  for (const framework::Item& item : fw->items) {
    if (item.tool != framework::Tool::oit) continue;
    ItemState state;
    state.item = &item;
    for (const auto& [code, unit] : units) {
      if (code == item.code) state.unit_id = unit;
    }
    state.slots = slots_for(item.cadence.kind, fy, today);
    state.produced = produce(agency_id, item, fiscal_year, today, lang, agency_since);
    if (auto o = off.find(item.code); o != off.end()) state.produced_off = o->second;
    for (const Evidence& e : state.produced_off ? std::vector<Evidence>{} : state.produced) {
      for (Slot& slot : state.slots) {
        if (slot.period == e.period) slot.entries.push_back(e);
      }
    }
    for (const Evidence& e : evidence) {
      if (e.item_code != item.code) continue;
      for (Slot& slot : state.slots) {
        if (slot.period == e.period) slot.entries.push_back(e);
      }
    }
    state.readiness = assess(item.cadence.kind, fy, state.slots, today, lang);
    reg.items.push_back(std::move(state));
  }
  reg.estimate = fw->estimate_oit([&](const std::string& code) {
    const ItemState* s = reg.find(code);
    return s && s->readiness.status == Status::ready;
  });
  return reg;
}

std::vector<Evidence> Service::produce(std::int64_t agency_id, const framework::Item& item, int fiscal_year,
                                       calendar::Date today, Lang lang, calendar::Date agency_since) const {
  if (!producer_ || item.roles.empty()) return {};
  // An item that reports on the year before is asked about that year; what it produces fills
  // the assessment's period in the same place (the year, its n-th month or half).
  calendar::FiscalYear about(item.cadence.basis == framework::FiscalBasis::previous ? fiscal_year - 1 : fiscal_year);
  std::vector<Slot> own = slots_for(item.cadence.kind, calendar::FiscalYear(fiscal_year), today);
  std::vector<Slot> of_about = slots_for(item.cadence.kind, about, today);
  web::EvidenceQuery query{agency_id, fiscal_year, about, {}, today, lang, agency_since};
  for (const Slot& s : of_about) query.periods.push_back({s.period, s.span});
  std::vector<Evidence> out;
  for (const std::string& role : item.roles) {
    for (web::ProducedEvidence& p : producer_(role, query)) {
      auto at = std::find_if(of_about.begin(), of_about.end(), [&](const Slot& s) { return s.period == p.period; });
      if (at == of_about.end()) continue;
      Evidence e;
      e.produced = true;
      e.kind = EvidenceKind::link;
      e.item_code = item.code;
      e.period = own.at(static_cast<std::size_t>(at - of_about.begin())).period;
      e.title = std::move(p.title);
      e.url = std::move(p.url);
      e.published_on = p.changed_on;
      out.push_back(std::move(e));
    }
  }
  return out;
}

Result<void> Service::set_produced_off(const http::Principal& by, int fiscal_year, const std::string& item_code,
                                       const std::optional<std::string>& reason) {
  if (auto r = accounts::admin_only(by, "only the admin sets aside produced evidence"); !r) return fail(r.error());
  const framework::Framework* fw = catalogue_.year(fiscal_year);
  const framework::Item* item = fw ? fw->item(item_code) : nullptr;
  if (!item || item->tool != framework::Tool::oit) return fail(Error::not_found("item"));
  std::optional<std::string> why;
  if (reason) {
    auto cleaned = text::clean(*reason, text::Lines::multiple);
    if (!cleaned) return fail(Error::invalid_field("reason", cleaned.error().message_key));
    if (cleaned->empty()) return fail(Error::invalid_field("reason", "error.reason_required"));
    if (text::code_points(*cleaned) > kMaxTitleChars) return fail(Error::invalid_field("reason", "error.too_long"));
    why = *cleaned;
  }
  const std::string key = std::to_string(fiscal_year) + "/" + item_code;
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(q::kSelectOneProducedOff, {by.agency_id, std::int64_t{fiscal_year}, item_code});
    json b = before ? json{{"reason", before->text("reason")}} : json(nullptr);
    json a = why ? json{{"reason", *why}} : json(nullptr);
    tx.apply(store::Change{by.agency_id, "oit_produced_off", key, "update", b, a}, q::kDeleteProducedOff,
             {by.agency_id, std::int64_t{fiscal_year}, item_code});
    if (why)
      tx.also(q::kInsertProducedOff, {by.agency_id, std::int64_t{fiscal_year}, item_code, *why, by.user_id, tx.now()});
    return ok();
  });
}

bool Service::may_edit(const http::Principal& p, const ItemState& item) {
  if (p.roles.has(http::Role::admin)) return true;
  if (!p.roles.has(http::Role::staff) || !item.unit_id) return false;
  auto me = accounts_.user(p.agency_id, p.user_id);
  return me && std::find(me->unit_ids.begin(), me->unit_ids.end(), *item.unit_id) != me->unit_ids.end();
}

Result<std::int64_t> Service::add_evidence(const http::Principal& by, int fiscal_year, const std::string& item_code,
                                           const EvidenceInput& in) {
  const framework::Framework* fw = catalogue_.year(fiscal_year);
  const framework::Item* item = fw ? fw->item(item_code) : nullptr;
  if (!item || item->tool != framework::Tool::oit) return fail(Error::not_found("item"));
  calendar::FiscalYear fy(fiscal_year);
  ItemState state;
  state.item = item;
  state.unit_id = store_.read([&](store::ReadTx& tx) -> std::optional<std::int64_t> {
    auto r = tx.query_one(q::kSelectUnit, {by.agency_id, std::int64_t{fiscal_year}, item_code});
    return r ? std::optional(r->integer("unit_id")) : std::nullopt;
  });
  if (!may_edit(by, state))
    return fail(Error::make(ErrorKind::forbidden, "error.not_responsible", "not the item's unit"));

  auto kind = parse_evidence_kind(in.kind);
  if (!kind) return fail(Error::invalid_field("kind", "error.choice"));
  Evidence e;
  e.item_code = item_code;
  e.kind = *kind;
  auto title = text::clean(in.title);
  if (!title) return fail(Error::invalid_field("title", title.error().message_key));
  auto body = text::clean(in.body, text::Lines::multiple);
  if (!body) return fail(Error::invalid_field("body", body.error().message_key));
  auto url = text::clean(in.url);
  if (!url) return fail(Error::invalid_field("url", url.error().message_key));
  if (text::code_points(*title) > kMaxTitleChars) return fail(Error::invalid_field("title", "error.too_long"));
  if (text::code_points(*body) > kMaxBodyChars) return fail(Error::invalid_field("body", "error.too_long"));
  if (url->size() > kMaxUrlChars) return fail(Error::invalid_field("url", "error.too_long"));
  e.title = *title;
  e.body = *body;
  e.url = *url;

  if (in.replaces) {  // the new version fills the old one's period, whatever the form said
    auto old = current_evidence(by.agency_id, fiscal_year, item_code, *in.replaces);
    if (!old) return fail(old.error());
    e.period = old->period;
  } else {
    e.period = in.period;
  }
  auto period = period_span(item->cadence.kind, fy, e.period);
  if (!period) return fail(Error::invalid_field("period", "error.choice"));
  auto date = calendar::parse_iso(text::trim(in.published_on));
  if (!date) return fail(Error::invalid_field("published_on", "error.date"));
  if (!fy.contains(*date)) return fail(Error::invalid_field("published_on", "error.date_outside_year"));
  if (*date < period->first) return fail(Error::invalid_field("published_on", "error.date_before_period"));
  e.published_on = *date;

  std::optional<files::Kind> file_kind;
  std::vector<files::Upload> uploads;  // what checked_files point at
  std::vector<files::Checked> checked_files;
  switch (e.kind) {
    case EvidenceKind::text:
      if (e.body.empty()) return fail(Error::invalid_field("body", "error.required"));
      break;
    case EvidenceKind::link:
      if (!text::is_web_link(e.url) && !text::is_site_path(e.url))
        return fail(Error::invalid_field("url", "error.link"));
      break;
    case EvidenceKind::file: {
      if (!in.upload || in.upload->data.empty()) return fail(Error::invalid_field("file", "error.required"));
      uploads = {*in.upload};
      auto checked = files::check(uploads, {.field = "file", .max_bytes = max_file_bytes_});
      if (!checked) return fail(checked.error());
      file_kind = checked->front().kind;
      checked_files = *checked;
      e.file = {crypto::sha256_hex(in.upload->data), files::clean_name(in.upload->name, *file_kind),
                std::string(file_kind->content_type), static_cast<std::int64_t>(in.upload->data.size())};
      break;
    }
  }
  if (e.title.empty()) {
    if (e.kind == EvidenceKind::file)
      e.title = e.file.name;
    else
      return fail(Error::invalid_field("title", "error.required"));
  }
  // What the registry would publish, scanned for personal data (files/personal_data.hpp): held
  // until the officer confirms, which the audit keeps. Evidence of this site's own pages (a
  // link) is what those pages publish: nothing new to scan.
  const Strings& strings = Strings::instance();
  const files::PublishCheck personal =
      files::check_publishing({{std::string(strings.get(in.lang, "oit.entry_title")), e.title},
                               {std::string(strings.get(in.lang, "oit.text")), e.body}},
                              checked_files, accounts_.own_contacts(by.agency_id));
  if (!personal.clear() && !in.confirm_personal_data) return fail(files::personal_data_error(personal, in.lang));
  json created = audit_view(e);
  if (!personal.clear()) created["personal_data_confirmed"] = personal.audit();
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    std::int64_t id = tx.apply(store::Change::create(by.agency_id, "oit_evidence", created), q::kInsertEvidence,
                               {by.agency_id, std::int64_t{fiscal_year}, item_code, e.period,
                                std::string(to_string(e.kind)), e.title, e.body, e.url, e.file.sha256, e.file.name,
                                e.file.content_type, e.file.size, calendar::iso(e.published_on), by.user_id, tx.now()})
                          .at(0)
                          .integer("id");
    if (file_kind) files::put(tx, by.agency_id, in.upload->name, in.upload->data, *file_kind);
    e.id = id;
    tx.index(search_entry(by.agency_id, fiscal_year, *item, e, tx.now()));
    if (in.replaces) {
      // Read again inside the transaction: someone may have removed it since the check above.
      auto row =
          tx.query_one(q::kSelectOneEvidence, {by.agency_id, std::int64_t{fiscal_year}, item_code, *in.replaces});
      if (!row) return fail(Error::not_found("evidence"));
      json before = audit_view(evidence_from(*row));
      json after = before;
      after["replaced_by"] = id;
      tx.apply(store::Change::update(by.agency_id, "oit_evidence", *in.replaces, before, after), q::kReplaceEvidence,
               {tx.now(), id, by.agency_id, *in.replaces});
      tx.unindex(by.agency_id, "evidence", std::to_string(*in.replaces));
    }
    return id;
  });
}

Result<Evidence> Service::current_evidence(std::int64_t agency_id, int fiscal_year, const std::string& item_code,
                                           std::int64_t evidence_id) {
  auto row = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(q::kSelectOneEvidence, {agency_id, std::int64_t{fiscal_year}, item_code, evidence_id});
  });
  if (!row) return fail(Error::not_found("evidence"));
  return evidence_from(*row);
}

std::vector<PastEvidence> Service::history(std::int64_t agency_id, int fiscal_year, const std::string& item_code) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<PastEvidence> out;
    for (const auto& r : tx.query(q::kSelectHistory, {agency_id, std::int64_t{fiscal_year}, item_code}))
      out.push_back({evidence_from(r), r.integer("removed_at"),
                     r.is_null("replaced_by_title") ? std::string() : r.text("replaced_by_title")});
    return out;
  });
}

Result<void> Service::remove_evidence(const http::Principal& by, int fiscal_year, const std::string& item_code,
                                      std::int64_t evidence_id) {
  const framework::Framework* fw = catalogue_.year(fiscal_year);
  if (!fw || !fw->item(item_code)) return fail(Error::not_found("item"));
  ItemState state;
  state.item = fw->item(item_code);
  state.unit_id = store_.read([&](store::ReadTx& tx) -> std::optional<std::int64_t> {
    auto r = tx.query_one(q::kSelectUnit, {by.agency_id, std::int64_t{fiscal_year}, item_code});
    return r ? std::optional(r->integer("unit_id")) : std::nullopt;
  });
  if (!may_edit(by, state))
    return fail(Error::make(ErrorKind::forbidden, "error.not_responsible", "not the item's unit"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kSelectOneEvidence, {by.agency_id, std::int64_t{fiscal_year}, item_code, evidence_id});
    if (!row) return fail(Error::not_found("evidence"));
    tx.apply(store::Change::remove(by.agency_id, "oit_evidence", evidence_id, audit_view(evidence_from(*row))),
             q::kRemoveEvidence, {tx.now(), by.agency_id, evidence_id});
    tx.unindex(by.agency_id, "evidence", std::to_string(evidence_id));
    return ok();
  });
}

Result<void> Service::set_unit(const http::Principal& by, int fiscal_year, const std::string& item_code,
                               std::optional<std::int64_t> unit_id) {
  if (auto r = accounts::admin_only(by, "only the admin assigns units"); !r) return fail(r.error());
  const framework::Framework* fw = catalogue_.year(fiscal_year);
  if (!fw || !fw->item(item_code)) return fail(Error::not_found("item"));
  if (unit_id && !accounts_.is_active_unit(by.agency_id, *unit_id))
    return fail(Error::invalid_field("unit", "error.choice"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto before = tx.query_one(q::kSelectUnit, {by.agency_id, std::int64_t{fiscal_year}, item_code});
    json b = before ? json(before->integer("unit_id")) : json(nullptr);
    json a = unit_id ? json(*unit_id) : json(nullptr);
    tx.apply(store::Change{by.agency_id,
                           "oit_item_unit",
                           std::to_string(fiscal_year) + "/" + item_code,
                           "update",
                           {{"unit_id", b}},
                           {{"unit_id", a}}},
             q::kDeleteUnit, {by.agency_id, std::int64_t{fiscal_year}, item_code});
    if (unit_id) tx.also(q::kInsertUnit, {by.agency_id, std::int64_t{fiscal_year}, item_code, *unit_id});
    return ok();
  });
}

Result<int> Service::carry_over(const http::Principal& by, int fiscal_year) {
  if (auto r = accounts::admin_only(by, "only the admin starts a year"); !r) return fail(r.error());
  const framework::Framework* fw = catalogue_.year(fiscal_year);
  const framework::Framework* prev = catalogue_.year(fiscal_year - 1);
  if (!fw) return fail(Error::no_framework(fiscal_year));
  if (!prev) return fail(Error::no_framework(fiscal_year - 1));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<int> {
    if (tx.count(q::kCountEvidence, {by.agency_id, std::int64_t{fiscal_year}}) > 0)
      return fail(Error::make(ErrorKind::conflict, "error.year_started", "the year has evidence already"));
    std::vector<Evidence> old;
    for (const auto& r : tx.query(q::kSelectEvidence, {by.agency_id, std::int64_t{fiscal_year - 1}}))
      old.push_back(evidence_from(r));
    std::vector<std::pair<std::string, std::int64_t>> old_units;
    for (const auto& r : tx.query(q::kSelectUnits, {by.agency_id, std::int64_t{fiscal_year - 1}}))
      old_units.emplace_back(r.text("item_code"), r.integer("unit_id"));
    tx.record(store::Change{
        by.agency_id, "oit_registry", std::to_string(fiscal_year), "carry_over", nullptr, {{"from", fiscal_year - 1}}});
    int carried = 0;
    for (const auto& [code, unit] : old_units) {
      auto to = catalogue_.translate(code, fiscal_year - 1, fiscal_year);
      if (to && fw->item(*to)) tx.also(q::kInsertUnit, {by.agency_id, std::int64_t{fiscal_year}, *to, unit});
    }
    for (const Evidence& e : old) {
      auto to = catalogue_.translate(e.item_code, fiscal_year - 1, fiscal_year);
      const framework::Item* item = to ? fw->item(*to) : nullptr;
      if (!item || item->cadence.kind != framework::CadenceKind::standing || !e.period.empty()) continue;
      Evidence carried_over = e;
      carried_over.id = tx.also(q::kInsertEvidence,
                                {by.agency_id, std::int64_t{fiscal_year}, *to, std::string(),
                                 std::string(to_string(e.kind)), e.title, e.body, e.url, e.file.sha256, e.file.name,
                                 e.file.content_type, e.file.size, calendar::iso(e.published_on), by.user_id, tx.now()})
                            .at(0)
                            .integer("id");
      tx.index(search_entry(by.agency_id, fiscal_year, *item, carried_over, tx.now()));
      ++carried;
    }
    return carried;
  });
}

void Service::reindex(store::WriteTx& tx) {
  tx.unindex_kind("evidence");
  for (const auto& r : tx.query(q::kAllCurrentEvidence)) {
    Evidence e = evidence_from(r);
    int year = static_cast<int>(r.integer("fiscal_year"));
    const framework::Framework* fw = catalogue_.year(year);
    const framework::Item* item = fw ? fw->item(e.item_code) : nullptr;
    if (item) tx.index(search_entry(r.integer("agency_id"), year, *item, e, e.created_at));
  }
}

Result<std::pair<files::Ref, std::string>> Service::evidence_file(std::int64_t agency_id, int fiscal_year,
                                                                  const std::string& item_code,
                                                                  std::int64_t evidence_id) {
  auto found = store_.read([&](store::ReadTx& tx) -> std::optional<std::pair<files::Ref, std::string>> {
    auto r = tx.query_one(q::kSelectOneEvidence, {agency_id, std::int64_t{fiscal_year}, item_code, evidence_id});
    if (!r) return std::nullopt;
    Evidence e = evidence_from(*r);
    if (e.kind != EvidenceKind::file) return std::nullopt;
    auto data = files::get(tx, agency_id, e.file.sha256);
    if (!data) return std::nullopt;
    return std::make_pair(e.file, std::move(*data));
  });
  if (!found) return fail(Error::not_found("file"));
  return std::move(*found);
}

std::vector<std::pair<int, std::string>> Service::evidence_at(std::int64_t agency_id, const std::string& url) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<std::pair<int, std::string>> out;
    for (const auto& r : tx.query(q::kEvidenceAt, {agency_id, url}))
      out.emplace_back(static_cast<int>(r.integer("fiscal_year")), r.text("item_code"));
    return out;
  });
}

Result<std::string> Service::ita_urls_csv(std::int64_t agency_id, int fiscal_year, const std::string& base_url) {
  (void)agency_id;  // the URLs are the same shape for every agency: its own host
  const framework::Framework* fw = catalogue_.year(fiscal_year);
  if (!fw) return fail(Error::no_framework(fiscal_year));
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  // Quoted only where needed: the assessors paste the codes and URLs elsewhere.
  std::vector<documents::CsvRow> rows = {{std::string("ข้อ"), std::string("ชื่อข้อมูล"), std::string("URL")}};
  for (const framework::Item& item : fw->items) {
    if (item.tool != framework::Tool::oit) continue;
    rows.push_back({item.code, item.name_th, base + "/ita/" + std::to_string(fiscal_year) + "/" + item.code});
  }
  return documents::render_csv(rows, documents::CsvQuotes::minimal);
}

}  // namespace prongsai::disclosure
