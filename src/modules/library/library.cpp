// The document library: reading with filters and the Thai search, the editors' saves (checked,
// audited, files judged by content), removal guarded by the OIT registries, and attaching a
// document to an OIT item. See library.hpp.
#include "modules/library/library.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/search_text.hpp"
#include "core/text.hpp"
#include "files/personal_data.hpp"
#include "modules/library/queries.hpp"

namespace prongsai::library {
namespace {

using nlohmann::json;

std::vector<std::string> roles_from(std::string_view stored) {
  std::vector<std::string> out;
  for (std::string_view r : text::split(stored, ' '))
    if (!r.empty()) out.emplace_back(r);
  return out;
}

std::string roles_text(const std::vector<std::string>& roles) {
  std::string out;
  for (const std::string& r : roles) out += (out.empty() ? "" : " ") + r;
  return out;
}

Document document_from(const store::Row& r) {
  Document d;
  d.id = r.integer("id");
  d.kind = r.text("kind");
  d.title = r.text("title");
  d.number = r.text("number");
  d.issued_on = calendar::parse_iso(r.text("issued_on")).value_or(calendar::Date{});
  d.fiscal_year = static_cast<int>(r.integer("fiscal_year"));
  if (auto until = r.opt_integer("until_year")) d.until_year = static_cast<int>(*until);
  d.unit_id = r.opt_integer("unit_id");
  d.summary = r.text("summary");
  d.roles = roles_from(r.text("roles"));
  d.created_at = r.integer("created_at");
  d.updated_at = r.integer("updated_at");
  return d;
}

std::vector<DocumentFile> files_of(store::ReadTx& tx, std::int64_t agency_id, std::int64_t id) {
  std::vector<DocumentFile> out;
  for (const auto& r : tx.query(q::kFiles, {agency_id, id}))
    out.push_back({r.integer("id"), {r.text("sha256"), r.text("name"), r.text("content_type"), r.integer("size")}});
  return out;
}

json audit_view(const Document& d) {
  return {{"kind", d.kind},
          {"title", d.title},
          {"number", d.number},
          {"issued_on", calendar::iso(d.issued_on)},
          {"fiscal_year", d.fiscal_year},
          {"until_year", d.until_year ? json(*d.until_year) : json(nullptr)},
          {"unit_id", d.unit_id ? json(*d.unit_id) : json(nullptr)},
          {"roles", d.roles}};
}

// Found by the search from the moment it is saved: its title, number and summary.
void keep_indexed(store::WriteTx& tx, std::int64_t agency_id, const Document& d) {
  std::string body = d.number.empty() ? d.summary : d.number + "\n" + d.summary;
  tx.index({agency_id, "library", std::to_string(d.id), d.title, body, d.url(), 0});
}

Result<void> may_edit(const http::Principal& by) {
  if (!may_edit_library(by)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not an editor"));
  return ok();
}

// "2570" within [low, high].
std::optional<int> year_in(std::string_view raw, int low, int high) {
  auto y = text::parse_id(text::trim(raw));
  if (!y || *y < low || *y > high) return std::nullopt;
  return static_cast<int>(*y);
}

}  // namespace

bool Document::answers(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool may_edit_library(const http::Principal& by) {
  return by.roles.has(http::Role::admin) || by.roles.has(http::Role::staff);
}

bool known_kind(std::string_view kind) {
  return std::find(std::begin(kKinds), std::end(kKinds), kind) != std::end(kKinds);
}

Found Library::find(std::int64_t agency_id, const Filter& filter, std::int64_t limit, std::int64_t offset) {
  return store_.read([&](store::ReadTx& tx) {
    std::optional<std::set<std::int64_t>> matching;  // the search's documents, when there are words
    if (std::u32string words = search::fold(filter.query); !words.empty()) {
      matching.emplace();
      for (const store::SearchHit& h : tx.search(agency_id, words, clock_.now(), 10000, 0).hits)
        if (h.kind == "library")
          if (auto id = text::parse_id(h.ref)) matching->insert(*id);
    }
    Found out;
    for (const auto& r : tx.query(q::kDocuments, {agency_id})) {
      Document d = document_from(r);
      if (!filter.kind.empty() && d.kind != filter.kind) continue;
      if (filter.year && !d.covers(*filter.year)) continue;
      if (filter.unit_id && d.unit_id != filter.unit_id) continue;
      if (matching && !matching->contains(d.id)) continue;
      if (out.total++ >= offset && static_cast<std::int64_t>(out.documents.size()) < limit)
        out.documents.push_back(std::move(d));
    }
    return out;
  });
}

std::optional<Document> Library::get(std::int64_t agency_id, std::int64_t id) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<Document> {
    auto r = tx.query_one(q::kDocument, {agency_id, id});
    if (!r) return std::nullopt;
    Document d = document_from(*r);
    d.files = files_of(tx, agency_id, id);
    return d;
  });
}

std::vector<Document> Library::answering(std::int64_t agency_id, std::string_view role, int be) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Document> out;
    for (const auto& r : tx.query(q::kDocuments, {agency_id})) {
      Document d = document_from(r);
      if (d.answers(role) && d.covers(be)) out.push_back(std::move(d));
    }
    return out;
  });
}

std::vector<int> Library::years(std::int64_t agency_id) {
  const int now = calendar::FiscalYear::of(calendar::local_date(clock_.now())).be();
  std::set<int, std::greater<>> out;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& r : tx.query(q::kDocuments, {agency_id})) {
      Document d = document_from(r);
      // An open-ended document is in force up to this year, or its first year if that is later.
      for (int y = d.fiscal_year, last = d.until_year.value_or(std::max(now, d.fiscal_year)); y <= last; ++y)
        out.insert(y);
    }
    return true;
  });
  return {out.begin(), out.end()};
}

Result<std::pair<files::Ref, std::string>> Library::file(std::int64_t agency_id, std::int64_t id,
                                                         std::int64_t file_id) {
  return store_.read([&](store::ReadTx& tx) -> Result<std::pair<files::Ref, std::string>> {
    auto r = tx.query_one(q::kFile, {agency_id, id, file_id});
    if (!r) return fail(Error::not_found("file"));
    files::Ref ref{r->text("sha256"), r->text("name"), r->text("content_type"), r->integer("size")};
    auto data = files::get(tx, agency_id, ref.sha256);
    if (!data) return fail(Error::not_found("file"));
    return std::make_pair(ref, std::move(*data));
  });
}

Result<std::int64_t> Library::save(const http::Principal& by, std::optional<std::int64_t> id, const DocumentInput& in) {
  if (auto r = may_edit(by); !r) return fail(r.error());
  std::optional<Document> before;
  if (id) {
    before = get(by.agency_id, *id);
    if (!before) return fail(Error::not_found("document"));
  }
  Document d = before.value_or(Document{});
  if (!known_kind(in.kind)) return fail(Error::invalid_field("kind", "error.choice"));
  d.kind = in.kind;
  auto title = text::form_field("title", in.title, kMaxTitle, true);
  if (!title) return fail(title.error());
  d.title = std::move(*title);
  auto number = text::form_field("number", in.number, kMaxNumber, false);
  if (!number) return fail(number.error());
  d.number = std::move(*number);
  // A date a document of an agency may carry: from 1950 to a year from today.
  const calendar::Date today = calendar::local_date(clock_.now());
  auto issued = calendar::parse_iso(text::trim(in.issued_on));
  if (text::trim(in.issued_on).empty()) return fail(Error::invalid_field("issued_on", "error.required"));
  if (!issued || *issued < calendar::make_date(1950, 1, 1) || *issued > calendar::add_days(today, 366))
    return fail(Error::invalid_field("issued_on", "error.date_range"));
  d.issued_on = *issued;
  const int this_year = calendar::FiscalYear::of(today).be();
  auto fiscal = year_in(in.fiscal_year, 2493, this_year + 10);
  if (!fiscal) return fail(Error::invalid_field("fiscal_year", "error.fiscal_year_range"));
  d.fiscal_year = *fiscal;
  std::string_view until = text::trim(in.until);
  if (until.empty()) {
    d.until_year = d.fiscal_year;
  } else if (until == "ongoing") {
    d.until_year.reset();
  } else {
    auto last = year_in(until, d.fiscal_year, d.fiscal_year + 20);
    if (!last) return fail(Error::invalid_field("until", "error.until_year"));
    d.until_year = *last;
  }
  d.unit_id.reset();
  if (std::string raw(text::trim(in.unit_id)); !raw.empty()) {
    auto unit = text::parse_id(raw);
    if (!unit || !accounts_.is_active_unit(by.agency_id, *unit))
      return fail(Error::invalid_field("unit_id", "error.choice"));
    d.unit_id = *unit;
  }
  auto summary = text::form_field("summary", in.summary, kMaxSummary, false, text::Lines::multiple);
  if (!summary) return fail(summary.error());
  d.summary = std::move(*summary);
  d.roles.clear();
  for (const std::string& r : in.roles) {
    if (std::find(std::begin(kRoles), std::end(kRoles), r) == std::end(kRoles))
      return fail(Error::invalid_field("roles", "error.choice"));
    if (!d.answers(r)) d.roles.push_back(r);
  }
  auto checked = files::check(in.files, {.field = "files", .max_bytes = max_file_bytes_});
  if (!checked) return fail(checked.error());
  const Strings& strings = Strings::instance();
  const files::PublishCheck personal =
      files::check_publishing({{std::string(strings.get(in.lang, "library.doc_title")), d.title},
                               {std::string(strings.get(in.lang, "library.summary")), d.summary}},
                              *checked, accounts_.own_contacts(by.agency_id));
  if (!personal.clear() && !in.confirm_personal_data) return fail(files::personal_data_error(personal, in.lang));
  nlohmann::json after = audit_view(d);
  if (!personal.clear()) after["personal_data_confirmed"] = personal.audit();

  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    store::Params values = {d.kind,
                            d.title,
                            d.number,
                            calendar::iso(d.issued_on),
                            std::int64_t{d.fiscal_year},
                            d.until_year ? store::Value(std::int64_t{*d.until_year}) : store::Value(nullptr),
                            d.unit_id ? store::Value(*d.unit_id) : store::Value(nullptr),
                            d.summary,
                            roles_text(d.roles)};
    std::size_t kept = 0;
    if (before) {
      values.push_back(tx.now());
      values.push_back(by.agency_id);
      values.push_back(*id);
      tx.apply(store::Change::update(by.agency_id, "library_document", *id, audit_view(*before), after),
               q::kUpdateDocument, values);
      for (std::int64_t f : in.remove_files) tx.also(q::kDeleteFile, {by.agency_id, *id, f});
      kept = files_of(tx, by.agency_id, *id).size();
    } else {
      values.insert(values.begin(), by.agency_id);
      values.push_back(by.user_id);
      values.push_back(tx.now());
      values.push_back(tx.now());
      d.id = tx.apply(store::Change::create(by.agency_id, "library_document", after), q::kInsertDocument, values)
                 .at(0)
                 .integer("id");
    }
    if (kept + checked->size() > kMaxFiles) return fail(Error::invalid_field("files", "error.too_many"));
    if (kept + checked->size() == 0) return fail(Error::invalid_field("files", "error.file_required"));
    for (const files::Checked& c : *checked) {
      files::Ref ref = files::put(tx, by.agency_id, c.upload->name, c.data(), c.kind);
      tx.also(q::kInsertFile, {by.agency_id, d.id, ref.sha256, ref.name, ref.content_type, ref.size});
    }
    keep_indexed(tx, by.agency_id, d);
    return d.id;
  });
}

std::vector<std::pair<int, std::string>> Library::evidence_of(std::int64_t agency_id, std::int64_t id) {
  return disclosure_.evidence_at(agency_id, "/library/" + std::to_string(id));
}

std::vector<Use> Library::uses(std::int64_t agency_id, std::int64_t id, Lang lang) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Use> out;
    for (const UsesOf& of : uses_of_)
      for (Use& u : of(tx, agency_id, id, lang)) out.push_back(std::move(u));
    return out;
  });
}

Result<void> Library::remove(const http::Principal& by, std::int64_t id, Lang lang) {
  if (auto r = may_edit(by); !r) return r;
  auto before = get(by.agency_id, id);
  if (!before) return fail(Error::not_found("document"));
  if (auto held = evidence_of(by.agency_id, id); !held.empty()) {
    std::string where;
    for (const auto& [year, code] : held) where += (where.empty() ? "" : ", ") + code + " " + std::to_string(year);
    return fail(Error::said(ErrorKind::conflict, "error.document_is_evidence", where));
  }
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    // Asked in the transaction that deletes: a use that came meanwhile is seen.
    std::string where;
    for (const UsesOf& of : uses_of_)
      for (const Use& u : of(tx, by.agency_id, id, lang)) where += (where.empty() ? "" : "; ") + u.label;
    if (!where.empty()) return fail(Error::said(ErrorKind::conflict, "error.document_in_use", where));
    tx.apply(store::Change::remove(by.agency_id, "library_document", id, audit_view(*before)), q::kDeleteFiles,
             {by.agency_id, id});
    tx.also(q::kDeleteDocument, {by.agency_id, id});
    tx.unindex(by.agency_id, "library", std::to_string(id));
    return ok();
  });
}

Result<void> Library::attach(const http::Principal& by, std::int64_t id, int fiscal_year, const std::string& item_code,
                             const std::string& period) {
  if (auto r = may_edit(by); !r) return r;
  auto d = get(by.agency_id, id);
  if (!d) return fail(Error::not_found("document"));
  for (const auto& [year, code] : evidence_of(by.agency_id, id))
    if (year == fiscal_year && code == item_code) return fail(Error::invalid_field("target", "error.already_evidence"));
  disclosure::EvidenceInput in;
  in.period = period;
  in.kind = "link";
  in.title = d->number.empty() ? d->title : d->title + " (" + d->number + ")";
  in.url = d->url();
  // The day it was issued, if that is in the year (and the period); else today. The registry
  // judges either as it judges any evidence.
  const calendar::FiscalYear fy(fiscal_year);
  std::optional<calendar::Period> span;
  if (const framework::Framework* fw = catalogue_.year(fiscal_year))
    if (const framework::Item* item = fw->item(item_code)) {
      for (const disclosure::Slot& s : disclosure::slots_for(item->cadence.kind, fy, d->issued_on))
        if (s.period == period) span = s.span;
    }
  bool issued_fits = fy.contains(d->issued_on) && (!span || span->contains(d->issued_on));
  in.published_on = calendar::iso(issued_fits ? d->issued_on : calendar::local_date(clock_.now()));
  auto added = disclosure_.add_evidence(by, fiscal_year, item_code, in);
  if (!added) {
    Error e = added.error();
    if (e.kind == ErrorKind::invalid || e.kind == ErrorKind::not_found) e.field = "target";
    if (e.kind == ErrorKind::not_found) e.kind = ErrorKind::invalid;
    return fail(e);
  }
  return ok();
}

void Library::reindex(store::WriteTx& tx) {
  tx.unindex_kind("library");
  for (const auto& r : tx.query(q::kAllDocuments)) keep_indexed(tx, r.integer("agency_id"), document_from(r));
}

}  // namespace prongsai::library
