// The agency's people: reading, the admin's edits (checked, audited, a photo judged by its
// bytes) and their photos. See about.hpp.
#include "modules/about/about.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "mail/mail.hpp"
#include "modules/about/queries.hpp"

namespace prongsai::about {
namespace {

using nlohmann::json;

Person person_from(const store::Row& r) {
  Person p;
  p.id = r.integer("id");
  p.side = parse_side(r.text("side")).value_or(Side::official);
  p.position = r.text("position");
  p.name = r.text("name");
  if (!r.is_null("unit_id")) p.unit_id = r.integer("unit_id");
  p.heads_unit = r.integer("heads_unit") != 0;
  p.phone = r.text("phone");
  p.email = r.text("email");
  p.photo = {r.text("photo_sha256"), r.text("photo_name"), r.text("photo_type"), r.integer("photo_size")};
  p.term_from = r.text("term_from");
  p.term_to = r.text("term_to");
  p.sort = r.integer("sort");
  p.updated_at = r.integer("updated_at");
  return p;
}

json audit_view(const Person& p) {
  return {{"side", std::string(to_string(p.side))},
          {"position", p.position},
          {"name", p.name},
          {"unit_id", p.unit_id ? json(*p.unit_id) : json(nullptr)},
          {"heads_unit", p.heads_unit},
          {"phone", p.phone},
          {"email", p.email},
          {"photo", p.photo.sha256},
          {"term_from", p.term_from},
          {"term_to", p.term_to},
          {"sort", p.sort}};
}

Result<std::string> date_field(const char* name, const std::string& raw) {
  std::string v(text::trim(raw));
  if (v.empty()) return v;
  auto d = calendar::parse_iso(v);
  if (!d || d->year() < std::chrono::year(1950) || d->year() > std::chrono::year(2100))
    return fail(Error::invalid_field(name, "error.date"));
  return calendar::iso(*d);
}

Result<std::int64_t> sort_field(const std::string& raw) {
  std::string_view sort = text::trim(raw);
  if (sort.empty()) sort = "0";
  if (sort.size() > 3 || sort.find_first_not_of("0123456789") != std::string_view::npos)
    return fail(Error::invalid_field("sort", "error.number"));
  return std::stoll(std::string(sort));
}

std::string_view page_name(Texts::Page page) { return page == Texts::Page::duties ? "duties" : "laws"; }

Law law_from(const store::Row& r) { return {r.integer("id"), r.text("title"), r.text("url"), r.integer("sort")}; }

json audit_view(const Law& l) { return {{"title", l.title}, {"url", l.url}, {"sort", l.sort}}; }

}  // namespace

std::string_view to_string(Side s) {
  constexpr std::string_view kNames[] = {"executive", "council", "official"};
  return kNames[static_cast<int>(s)];
}

std::optional<Side> parse_side(std::string_view s) {
  for (Side k : kSides)
    if (to_string(k) == s) return k;
  return std::nullopt;
}

bool Person::current(calendar::Date day) const {
  auto to = calendar::parse_iso(term_to);
  return !to || *to >= day;
}

std::vector<Person> People::all(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Person> out;
    for (const auto& r : tx.query(q::kPeople, {agency_id})) out.push_back(person_from(r));
    std::stable_sort(out.begin(), out.end(), [](const Person& a, const Person& b) {
      return std::pair(static_cast<int>(a.side), a.sort) < std::pair(static_cast<int>(b.side), b.sort);
    });
    return out;
  });
}

std::optional<Person> People::find(std::int64_t agency_id, std::int64_t id) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<Person> {
    auto r = tx.query_one(q::kPerson, {agency_id, id});
    return r ? std::optional(person_from(*r)) : std::nullopt;
  });
}

std::int64_t People::changed_at(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) -> std::int64_t {
    auto r = tx.query_one(q::kChanged, {agency_id});
    return r ? r->integer("changed_at") : 0;
  });
}

Result<std::int64_t> People::save(const http::Principal& by, std::optional<std::int64_t> id, const PersonInput& in) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  std::optional<Person> before;
  if (id) {
    before = find(by.agency_id, *id);
    if (!before) return fail(Error::not_found("person"));
  }
  Person p = before.value_or(Person{});
  auto side = parse_side(in.side);
  if (!side) return fail(Error::invalid_field("side", "error.choice"));
  p.side = *side;
  struct Field {
    std::string& out;
    const char* name;
    const std::string& raw;
    std::size_t max;
    bool required;
  };
  for (Field f : {Field{p.position, "position", in.position, 200, true}, Field{p.name, "name", in.name, 200, true},
                  Field{p.phone, "phone", in.phone, 80, false}, Field{p.email, "email", in.email, 200, false}}) {
    auto v = text::form_field(f.name, f.raw, f.max, f.required);
    if (!v) return fail(v.error());
    f.out = std::move(*v);
  }
  if (!p.email.empty() && !mail::plausible_address(p.email)) return fail(Error::invalid_field("email", "error.email"));
  p.unit_id.reset();
  p.heads_unit = false;
  if (std::string raw(text::trim(in.unit_id)); !raw.empty() && p.side == Side::official) {
    auto unit = text::parse_id(raw);
    if (!unit || !accounts_.is_active_unit(by.agency_id, *unit))
      return fail(Error::invalid_field("unit_id", "error.choice"));
    p.unit_id = *unit;
    p.heads_unit = in.heads_unit;
  }
  auto from = date_field("term_from", in.term_from);
  if (!from) return fail(from.error());
  auto to = date_field("term_to", in.term_to);
  if (!to) return fail(to.error());
  if (!from->empty() && !to->empty() && *to < *from) return fail(Error::invalid_field("term_to", "error.date_order"));
  p.term_from = *from;
  p.term_to = *to;
  auto sort = sort_field(in.sort);
  if (!sort) return fail(sort.error());
  p.sort = *sort;

  std::optional<files::Checked> photo;
  std::vector<files::Upload> uploads;  // what `photo` points into
  if (in.photo && !in.photo->data.empty()) {
    uploads.push_back(*in.photo);
    auto checked =
        files::check(uploads, {.field = "photo",
                               .max_bytes = kMaxPhotoBytes,
                               .max_files = 1,
                               .accepts = [](const files::Kind& k) { return k.content_type.starts_with("image/"); },
                               .not_accepted = "error.not_an_image",
                               .strip = true});
    if (!checked) return fail(checked.error());
    photo = checked->front();
  }
  if (photo)
    p.photo = {crypto::sha256_hex(photo->data()), files::clean_name(photo->upload->name, photo->kind),
               std::string(photo->kind.content_type), static_cast<std::int64_t>(photo->data().size())};
  else if (in.remove_photo)
    p.photo = {};
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    if (!before && tx.count(q::kCountPeople, {by.agency_id}) >= static_cast<std::int64_t>(kMaxPeople))
      return fail(Error::invalid_field("name", "error.too_many"));
    store::Params values = {std::string(to_string(p.side)),
                            p.position,
                            p.name,
                            p.unit_id ? store::Value(*p.unit_id) : store::Value(nullptr),
                            std::int64_t{p.heads_unit ? 1 : 0},
                            p.phone,
                            p.email,
                            p.photo.sha256,
                            p.photo.name,
                            p.photo.content_type,
                            p.photo.size,
                            p.term_from,
                            p.term_to,
                            p.sort,
                            tx.now()};
    std::int64_t saved = 0;
    if (before) {
      values.push_back(by.agency_id);
      values.push_back(*id);
      tx.apply(store::Change::update(by.agency_id, "about_person", *id, audit_view(*before), audit_view(p)),
               q::kUpdatePerson, values);
      saved = *id;
    } else {
      values.insert(values.begin(), by.agency_id);
      saved = tx.apply(store::Change::create(by.agency_id, "about_person", audit_view(p)), q::kInsertPerson, values)
                  .at(0)
                  .integer("id");
    }
    if (photo) files::put(tx, by.agency_id, photo->upload->name, photo->data(), photo->kind);
    tx.also(q::kSaveChanged, {by.agency_id, tx.now()});
    return saved;
  });
}

Result<void> People::remove(const http::Principal& by, std::int64_t id) {
  if (auto r = accounts::admin_only(by); !r) return r;
  auto before = find(by.agency_id, id);
  if (!before) return fail(Error::not_found("person"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::remove(by.agency_id, "about_person", id, audit_view(*before)), q::kDeletePerson,
             {by.agency_id, id});
    tx.also(q::kSaveChanged, {by.agency_id, tx.now()});
    return ok();
  });
}

Result<std::pair<files::Ref, std::string>> People::photo(std::int64_t agency_id, std::int64_t id) {
  auto p = find(agency_id, id);
  if (!p || p->photo.sha256.empty()) return fail(Error::not_found("photo"));
  auto data = store_.read([&](store::ReadTx& tx) { return files::get(tx, agency_id, p->photo.sha256); });
  if (!data) return fail(Error::not_found("photo"));
  return std::make_pair(p->photo, std::move(*data));
}

Texts::Text Texts::text(std::int64_t agency_id, Page page) {
  return store_.read([&](store::ReadTx& tx) {
    auto r = tx.query_one(q::kText, {agency_id, std::string(page_name(page))});
    return r ? Text{r->text("body"), r->integer("changed_at")} : Text{};
  });
}

Result<void> Texts::save_duties(const http::Principal& by, const std::string& raw) {
  if (auto r = accounts::admin_only(by); !r) return r;
  auto body = text::form_field("duties", raw, kMaxDutiesChars, false, text::Lines::multiple);
  if (!body) return fail(body.error());
  std::string before = text(by.agency_id, Page::duties).body;
  if (*body == before) return ok();
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "about_duties", by.agency_id, {{"text", before}}, {{"text", *body}}),
             q::kSaveText, {by.agency_id, std::string(page_name(Page::duties)), *body, tx.now()});
    return ok();
  });
}

std::vector<Law> Texts::laws(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Law> out;
    for (const auto& r : tx.query(q::kLaws, {agency_id})) out.push_back(law_from(r));
    return out;
  });
}

std::optional<Law> Texts::law(std::int64_t agency_id, std::int64_t id) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<Law> {
    auto r = tx.query_one(q::kLaw, {agency_id, id});
    return r ? std::optional(law_from(*r)) : std::nullopt;
  });
}

Result<std::int64_t> Texts::save_law(const http::Principal& by, std::optional<std::int64_t> id, const LawInput& in) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  std::optional<Law> before;
  if (id) {
    before = law(by.agency_id, *id);
    if (!before) return fail(Error::not_found("law"));
  }
  Law l = before.value_or(Law{});
  auto title = text::form_field("title", in.title, 300, true);
  if (!title) return fail(title.error());
  auto url = text::form_field("url", in.url, 1000, false);
  if (!url) return fail(url.error());
  if (!url->empty() && !text::is_web_link(*url)) return fail(Error::invalid_field("url", "error.link"));
  auto sort = sort_field(in.sort);
  if (!sort) return fail(sort.error());
  l.title = std::move(*title);
  l.url = std::move(*url);
  l.sort = *sort;
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    std::int64_t saved = 0;
    if (before) {
      tx.apply(store::Change::update(by.agency_id, "about_law", *id, audit_view(*before), audit_view(l)), q::kUpdateLaw,
               {l.title, l.url, l.sort, tx.now(), by.agency_id, *id});
      saved = *id;
    } else {
      if (tx.count(q::kCountLaws, {by.agency_id}) >= static_cast<std::int64_t>(kMaxLaws))
        return fail(Error::invalid_field("title", "error.too_many"));
      saved = tx.apply(store::Change::create(by.agency_id, "about_law", audit_view(l)), q::kInsertLaw,
                       {by.agency_id, l.title, l.url, l.sort, tx.now()})
                  .at(0)
                  .integer("id");
    }
    tx.also(q::kSaveText, {by.agency_id, std::string(page_name(Page::laws)), std::string(), tx.now()});
    return saved;
  });
}

Result<void> Texts::remove_law(const http::Principal& by, std::int64_t id) {
  if (auto r = accounts::admin_only(by); !r) return r;
  auto before = law(by.agency_id, id);
  if (!before) return fail(Error::not_found("law"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::remove(by.agency_id, "about_law", id, audit_view(*before)), q::kDeleteLaw,
             {by.agency_id, id});
    tx.also(q::kSaveText, {by.agency_id, std::string(page_name(Page::laws)), std::string(), tx.now()});
    return ok();
  });
}

}  // namespace prongsai::about
