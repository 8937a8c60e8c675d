// The library. Public, page-cached: /library (?kind=, ?year=, ?unit=, ?q=, ?page=), a document at
// /library/{id}, its files at /library/{id}/files/{file}. Editors (admin, staff):
// /library/manage, the form (new, edit, delete) and attaching a document to an OIT item.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/errors.hpp"
#include "modules/disclosure/readiness.hpp"
#include "modules/library/module.hpp"

namespace prongsai::library {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

constexpr std::int64_t kPageSize = 20;
constexpr std::size_t kMaxQuery = 100;

class Handlers {
 public:
  Handlers(Library& library, accounts::Service& accounts, const framework::Catalogue& catalogue, web::Pages& pages)
      : library_(library), accounts_(accounts), catalogue_(catalogue), pages_(pages) {}

  // ---- Public ----

  Response list(Request& req) {
    Filter filter;
    filter.kind = req.query_param("kind").value_or("");
    if (!filter.kind.empty() && !known_kind(filter.kind)) return pages_.error(req, Error::not_found("kind"));
    if (auto raw = req.query_param("year"); raw && !raw->empty()) {
      auto y = text::parse_id(*raw);
      if (!y || *y < 2400 || *y > 2800) return pages_.error(req, Error::not_found("year"));
      filter.year = static_cast<int>(*y);
    }
    if (auto raw = req.query_param("unit"); raw && !raw->empty()) {
      filter.unit_id = text::parse_id(*raw);
      if (!filter.unit_id) return pages_.error(req, Error::not_found("unit"));
    }
    std::string raw_query = req.query_param("q").value_or("");
    auto query = text::form_field("q", raw_query, kMaxQuery, false);
    std::int64_t page = text::parse_id(req.query_param("page").value_or("1")).value_or(0);
    if (page < 1 || page > 100000) return pages_.error(req, Error::not_found("page"));
    if (query) filter.query = *query;
    Found found = library_.find(req.agency_id, filter, kPageSize, (page - 1) * kPageSize);
    std::int64_t pages = (found.total + kPageSize - 1) / kPageSize;
    if (page > 1 && page > pages) return pages_.error(req, Error::not_found("page"));

    auto units = accounts_.units(req.agency_id);
    json documents = json::array();
    for (const Document& d : found.documents) documents.push_back(summary(req, d, units));
    json kinds =
        json::array({{{"value", ""}, {"label", t(req, "library.any_kind")}, {"selected", filter.kind.empty()}}});
    for (std::string_view k : kKinds)
      kinds.push_back({{"value", std::string(k)}, {"label", kind_label(req, k)}, {"selected", filter.kind == k}});
    json years = json::array({{{"value", ""}, {"label", t(req, "library.any_year")}, {"selected", !filter.year}}});
    for (int y : library_.years(req.agency_id))
      years.push_back({{"value", std::to_string(y)}, {"label", std::to_string(y)}, {"selected", filter.year == y}});
    json unit_options =
        json::array({{{"value", ""}, {"label", t(req, "library.any_unit")}, {"selected", !filter.unit_id}}});
    for (const accounts::Unit& u : units)
      if (u.active)
        unit_options.push_back(
            {{"value", std::to_string(u.id)}, {"label", u.name_th}, {"selected", filter.unit_id == u.id}});
    auto link = [&](std::int64_t n) {
      std::string q = "/library?";
      if (!filter.kind.empty()) q += "kind=" + filter.kind + "&";
      if (filter.year) q += "year=" + std::to_string(*filter.year) + "&";
      if (filter.unit_id) q += "unit=" + std::to_string(*filter.unit_id) + "&";
      if (!filter.query.empty()) q += "q=" + boost::urls::encode(filter.query, boost::urls::unreserved_chars) + "&";
      return q + "page=" + std::to_string(n);
    };
    bool filtered = !filter.kind.empty() || filter.year || filter.unit_id || !filter.query.empty();
    json data = {{"title", t(req, "library.title")},
                 {"q", query ? *query : (text::is_valid_utf8(raw_query) ? raw_query : std::string())},
                 {"kinds", kinds},
                 {"years", years},
                 {"units", unit_options},
                 {"documents", documents},
                 {"empty", documents.empty()},
                 {"filtered", filtered},
                 {"total", std::to_string(found.total)},
                 {"page", std::to_string(page)},
                 {"pages", std::to_string(std::max<std::int64_t>(pages, 1))},
                 {"prev", page > 1 ? link(page - 1) : ""},
                 {"next", page < pages ? link(page + 1) : ""}};
    if (!query) return pages_.form(req, "library/list", std::move(data), query.error(), 400);
    return pages_.page(req, "library/list", std::move(data));
  }

  Response document(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto d = library_.get(req.agency_id, *id);
    if (!d) return pages_.error(req, Error::not_found("document"));
    json data = summary(req, *d, accounts_.units(req.agency_id));
    data["title"] = d->title;
    data["summary"] = d->summary;
    json files = json::array();
    for (const DocumentFile& f : d->files)
      files.push_back({{"href", d->url() + "/files/" + std::to_string(f.id)},
                       {"name", f.ref.name},
                       {"type", files::type_label(f.ref)},
                       {"size", files::size_label(f.ref.size)}});
    data["files"] = files;
    data["in_force"] = in_force(req, *d);
    data["updated"] = calendar::format(calendar::local_date(d->updated_at), req.lang, calendar::Style::long_form);
    return pages_.page(req, "library/document", std::move(data));
  }

  Response file(Request& req) {
    auto id = req.id_param("id");
    auto fid = req.id_param("file");
    if (!id || !fid) return pages_.error(req, Error::not_found());
    auto found = library_.file(req.agency_id, *id, *fid);
    if (!found) return pages_.error(req, found.error());
    return files::download(found->first, std::move(found->second));
  }

  // ---- Editors ----

  Response manage(Request& req) {
    auto units = accounts_.units(req.agency_id);
    json rows = json::array();
    for (const Document& d : library_.find(req.agency_id, {}, 100000, 0).documents) {
      json row = summary(req, d, units);
      row["edit"] = "/library/manage/" + std::to_string(d.id);
      rows.push_back(row);
    }
    return pages_.page(req, "library/manage",
                       {{"title", t(req, "library.manage_title")},
                        {"rows", rows},
                        {"empty", rows.empty()},
                        {"deleted", req.query_param("deleted").has_value()}});
  }

  Response new_form(Request& req) { return form(req, std::nullopt, std::nullopt, 200); }

  Response edit_form(Request& req) {
    auto id = req.id_param("id");
    if (!id || !library_.get(req.agency_id, *id)) return pages_.error(req, Error::not_found("document"));
    return form(req, id, std::nullopt, 200);
  }

  Response create(Request& req) { return save(req, std::nullopt); }
  Response update(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    return save(req, id);
  }

  // Deleting takes the box ticked; a document an OIT registry holds stays, with the reason.
  Response remove(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    const std::string back = "/library/manage/" + std::to_string(*id);
    if (req.form().value("confirm") != "1") return Response::redirect(back + "?confirm_delete=1#delete");
    auto r = library_.remove(*req.principal, *id, req.lang);
    if (!r) {
      if (r.error().kind != ErrorKind::conflict) return pages_.error(req, r.error());
      return form(req, id, r.error(), 409);
    }
    return Response::redirect("/library/manage?deleted=1");
  }

  Response attach(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    // "2570|O5|" or "2570|O11|2570-03": the year, the item, the period (none for the whole year).
    const std::string target = req.form().value("target");
    std::vector<std::string_view> parts = text::split(target, '|');
    Result<void> r = fail(Error::invalid_field("target", "error.choice"));
    if (parts.size() == 3)
      if (auto year = text::parse_id(parts[0]); year && *year > 2400 && *year < 2800)
        r = library_.attach(*req.principal, *id, static_cast<int>(*year), std::string(parts[1]), std::string(parts[2]));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid && r.error().kind != ErrorKind::forbidden)
        return pages_.error(req, r.error());
      return form(req, id, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/library/manage/" + std::to_string(*id) + "?attached=1#evidence");
  }

 private:
  std::string t(const Request& req, const std::string& key) const { return std::string(pages_.t(req, key)); }
  std::string kind_label(const Request& req, std::string_view k) const {
    return t(req, "library.kind." + std::string(k));
  }

  // "ปีงบประมาณ 2570", "ปีงบประมาณ 2566–2570", "ตั้งแต่ปีงบประมาณ 2566 จนกว่าจะยกเลิก".
  std::string in_force(const Request& req, const Document& d) const {
    std::string from = std::to_string(d.fiscal_year);
    if (!d.until_year) return text::fill(t(req, "library.in_force_ongoing"), "from", from);
    if (*d.until_year == d.fiscal_year) return text::fill(t(req, "library.in_force_year"), "year", from);
    return text::fill(text::fill(t(req, "library.in_force_years"), "from", from), "to", std::to_string(*d.until_year));
  }

  json summary(const Request& req, const Document& d, const std::vector<accounts::Unit>& units) const {
    return {{"href", d.url()},
            {"doc_title", d.title},
            {"kind", kind_label(req, d.kind)},
            {"number", d.number},
            {"date", calendar::format(d.issued_on, req.lang, calendar::Style::long_form)},
            {"iso", calendar::iso(d.issued_on)},
            {"years", in_force(req, d)},
            {"unit", d.unit_id ? accounts::unit_name(units, d.unit_id) : std::string()}};
  }

  Response save(Request& req, std::optional<std::int64_t> id) {
    const http::Form& f = req.form();
    DocumentInput in{f.value("kind"),        f.value("title"),
                     f.value("number"),      f.value("issued_on"),
                     f.value("fiscal_year"), f.value("ongoing") == "1" ? "ongoing" : f.value("until"),
                     f.value("unit_id"),     f.value("summary")};
    in.roles = f.all("roles");
    for (const http::UploadedFile& u : f.files())
      if (u.field == "files") in.files.push_back({u.filename, u.data});
    for (const std::string& r : f.all("remove_file"))
      if (auto n = text::parse_id(r)) in.remove_files.push_back(*n);
    in.confirm_personal_data = f.value("confirm_personal_data") == "1";
    in.lang = req.lang;
    auto saved = library_.save(*req.principal, id, in);
    if (!saved) {
      if (saved.error().kind != ErrorKind::invalid) return pages_.error(req, saved.error());
      return form(req, id, saved.error(), http::status_of(saved.error().kind), true);
    }
    return Response::redirect("/library/manage/" + std::to_string(*saved) + "?saved=1");
  }

  // The OIT items (and their periods) of last year, this year and next, where a framework is
  // loaded: what a document can be attached to.
  json targets(const Request& req, const std::string& chosen) const {
    const calendar::Date today = calendar::local_date(library_.now());
    const int now = calendar::FiscalYear::of(today).be();
    json groups = json::array();
    for (int year : {now + 1, now, now - 1}) {
      const framework::Framework* fw = catalogue_.year(year);
      if (!fw) continue;
      json options = json::array();
      for (const framework::Item& item : fw->items) {
        if (item.tool != framework::Tool::oit) continue;
        std::string name = item.code + " " + text::truncate(item.name_th, 70);
        for (const disclosure::Slot& s : disclosure::slots_for(item.cadence.kind, calendar::FiscalYear(year), today)) {
          std::string value = std::to_string(year) + "|" + item.code + "|" + s.period;
          std::string label = s.period.empty() ? name : name + " · " + disclosure::period_label(s.period, req.lang);
          options.push_back({{"value", value}, {"label", label}, {"selected", value == chosen}});
        }
      }
      groups.push_back({{"label", "ITA " + std::to_string(year)}, {"options", options}});
    }
    return groups;
  }

  // The form shows what was typed (`typed`: a refused save), else what is stored.
  Response form(Request& req, std::optional<std::int64_t> id, const std::optional<Error>& error, int status,
                bool typed = false) {
    std::optional<Document> editing = id ? library_.get(req.agency_id, *id) : std::nullopt;
    if (id && !editing) return pages_.error(req, Error::not_found("document"));
    const http::Form* f = typed ? &req.form() : nullptr;
    Document shown = editing.value_or(Document{});
    const calendar::Date today = calendar::local_date(library_.now());
    if (!editing) {
      shown.issued_on = today;
      shown.fiscal_year = calendar::FiscalYear::of(today).be();
      shown.until_year = shown.fiscal_year;
      shown.kind = "announcement";
    }
    auto value = [&](const char* name, const std::string& stored) { return f ? f->value(name) : stored; };
    std::string kind = value("kind", shown.kind);
    std::string unit = value("unit_id", shown.unit_id ? std::to_string(*shown.unit_id) : "");
    // "ongoing", "" (the fiscal year only) or a year.
    std::string until = f                   ? (f->value("ongoing") == "1" ? "ongoing" : f->value("until"))
                        : !shown.until_year ? std::string("ongoing")
                        : *shown.until_year == shown.fiscal_year ? std::string()
                                                                 : std::to_string(*shown.until_year);
    std::vector<std::string> roles = f ? f->all("roles") : shown.roles;
    json kinds = json::array();
    for (std::string_view k : kKinds)
      kinds.push_back({{"value", std::string(k)}, {"label", kind_label(req, k)}, {"selected", kind == k}});
    json units = json::array({{{"value", ""}, {"label", t(req, "library.no_unit")}, {"selected", unit.empty()}}});
    for (const accounts::Unit& u : accounts_.units(req.agency_id))
      if (u.active)
        units.push_back(
            {{"value", std::to_string(u.id)}, {"label", u.name_th}, {"selected", std::to_string(u.id) == unit}});
    json role_options = json::array();
    for (std::string_view r : kRoles)
      role_options.push_back({{"value", std::string(r)},
                              {"label", t(req, "framework.role." + std::string(r))},
                              {"checked", std::find(roles.begin(), roles.end(), r) != roles.end()}});
    json files = json::array();
    json evidence = json::array(), uses = json::array();
    if (editing) {
      for (const DocumentFile& df : editing->files)
        files.push_back({{"id", std::to_string(df.id)},
                         {"name", df.ref.name},
                         {"size", files::size_label(df.ref.size)},
                         {"href", editing->url() + "/files/" + std::to_string(df.id)}});
      for (const auto& [year, code] : library_.evidence_of(req.agency_id, editing->id))
        evidence.push_back({{"label", code + " · ITA " + std::to_string(year)},
                            {"href", "/disclosure/" + std::to_string(year) + "/" + code}});
      for (const Use& u : library_.uses(req.agency_id, editing->id, req.lang))
        uses.push_back({{"label", u.label}, {"href", u.href}});
    }
    const std::string action = id ? "/library/manage/" + std::to_string(*id) : "/library/manage/new";
    json data = {
        {"title", t(req, id ? "library.edit_title" : "library.new_title")},
        {"action", action},
        {"editing", editing.has_value()},
        {"public_href", editing ? editing->url() : ""},
        {"delete_action", action + "/delete"},
        {"attach_action", action + "/attach"},
        {"confirm_delete", req.query_param("confirm_delete").has_value()},
        {"saved", req.query_param("saved").has_value()},
        {"attached", req.query_param("attached").has_value()},
        {"kinds", kinds},
        {"units", units},
        {"roles", role_options},
        {"files", files},
        {"has_files", !files.empty()},
        {"evidence", evidence},
        {"has_evidence", !evidence.empty()},
        {"uses", uses},
        {"has_uses", !uses.empty()},
        {"targets", editing ? targets(req, req.method == Method::post ? req.form().value("target") : "") : json()},
        {"files_hint",
         text::fill(text::fill(t(req, "library.files_hint"), "mb", std::to_string(library_.max_file_bytes() >> 20)),
                    "n", std::to_string(Library::kMaxFiles))},
        {"f",
         {{"title", value("title", shown.title)},
          {"number", value("number", shown.number)},
          {"issued_on", value("issued_on", calendar::iso(shown.issued_on))},
          {"fiscal_year", value("fiscal_year", std::to_string(shown.fiscal_year))},
          {"until", until},
          {"ongoing", until == "ongoing"},
          {"until_year", until == "ongoing" ? std::string() : until},
          {"summary", value("summary", shown.summary)}}}};
    return pages_.form(req, "library/form", std::move(data), error, status);
  }

  Library& library_;
  accounts::Service& accounts_;
  const framework::Catalogue& catalogue_;
  web::Pages& pages_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Library& library, accounts::Service& accounts,
           const framework::Catalogue& catalogue) {
  auto h = std::make_shared<Handlers>(library, accounts, catalogue, pages);
  router.add(Route(Method::get, "/library", Access::anyone(), http::member(h, &Handlers::list))).cached();
  router.add(Route(Method::get, "/library/{id}", Access::anyone(), http::member(h, &Handlers::document))).cached();
  router.add(Route(Method::get, "/library/{id}/files/{file}", Access::anyone(), http::member(h, &Handlers::file))
                 .on(http::Work::worker_pool));  // a file to read: never on an I/O thread
  const Access editors = Access::roles({Role::admin, Role::staff});
  const std::size_t body = library.max_file_bytes() * 4 + (1 << 20);  // a few files at once
  router.add(Route(Method::get, "/library/manage", editors, http::member(h, &Handlers::manage)));
  router.add(Route(Method::get, "/library/manage/new", editors, http::member(h, &Handlers::new_form)));
  router.add(Route(Method::post, "/library/manage/new", editors, http::member(h, &Handlers::create))
                 .takes(http::BodyRule::upload(body)));
  router.add(Route(Method::get, "/library/manage/{id}", editors, http::member(h, &Handlers::edit_form)));
  router.add(Route(Method::post, "/library/manage/{id}", editors, http::member(h, &Handlers::update))
                 .takes(http::BodyRule::upload(body)));
  router.add(Route(Method::post, "/library/manage/{id}/delete", editors, http::member(h, &Handlers::remove))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/library/manage/{id}/attach", editors, http::member(h, &Handlers::attach))
                 .takes(http::BodyRule::small_form()));
  pages.add_menu({"menu.library", "/library/manage", editors, "public"});
}

}  // namespace prongsai::library
