// /about/executives and /about/structure (public, page-cached): the people in office, past
// terms, and the organisation as two sides, the units under the ปลัด each with its head;
// /about/people/{id}/photo; /about/duties and /about/laws. /admin/about: the admin's list and
// forms, /admin/about/duties and /admin/about/laws.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/errors.hpp"
#include "modules/about/module.hpp"

namespace prongsai::about {
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
  Handlers(People& people, Texts& texts, accounts::Service& accounts, web::Pages& pages, const Clock& clock)
      : people_(people), texts_(texts), accounts_(accounts), pages_(pages), clock_(clock) {}

  Response duties(Request& req) {
    Texts::Text text = texts_.text(req.agency_id, Texts::Page::duties);
    return pages_.page(req, "about/duties",
                       {{"title", t(req, "about.duties_title")},
                        {"agency", pages_.shell(req).agency_name},
                        {"text", text.body},
                        {"updated", updated(req, text.changed_at)},
                        {"empty", text.body.empty()}});
  }

  Response laws(Request& req) {
    json rows = json::array();
    for (const Law& l : texts_.laws(req.agency_id)) rows.push_back({{"title", l.title}, {"url", l.url}});
    return pages_.page(req, "about/laws",
                       {{"title", t(req, "about.laws_title")},
                        {"laws", rows},
                        {"updated", updated(req, texts_.text(req.agency_id, Texts::Page::laws).changed_at)},
                        {"empty", rows.empty()}});
  }

  Response duties_form(Request& req) { return duties_page(req, std::nullopt, 200); }

  Response save_duties(Request& req) {
    auto r = texts_.save_duties(*req.principal, req.form().value("duties"));
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return duties_page(req, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/admin/about/duties?saved=1");
  }

  Response laws_list(Request& req) { return laws_page(req, std::nullopt, std::nullopt, 200); }
  Response law_edit(Request& req) {
    auto id = req.id_param("id");
    if (!id || !texts_.law(req.agency_id, *id)) return pages_.error(req, Error::not_found("law"));
    return laws_page(req, id, std::nullopt, 200);
  }

  Response save_law(Request& req) {
    std::optional<std::int64_t> id;
    if (!req.param("id").empty()) {
      id = req.id_param("id");
      if (!id) return pages_.error(req, Error::not_found());
    }
    const http::Form& f = req.form();
    auto r = texts_.save_law(*req.principal, id, {f.value("title"), f.value("url"), f.value("sort")});
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return laws_page(req, id, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/admin/about/laws?saved=1#law-" + std::to_string(*r));
  }

  Response remove_law(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto r = texts_.remove_law(*req.principal, *id);
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/admin/about/laws?removed=1");
  }

  Response executives(Request& req) {
    const calendar::Date today = calendar::local_date(clock_.now());
    json sides = json::array(), past = json::array();
    for (Side side : {Side::executive, Side::council}) {
      json people = json::array();
      for (const Person& p : people_.all(req.agency_id)) {
        if (p.side != side) continue;
        (p.current(today) ? people : past).push_back(person_json(req, p));
      }
      if (!people.empty())
        sides.push_back({{"heading", t(req, "about.side." + std::string(to_string(side)))}, {"people", people}});
    }
    return pages_.page(req, "about/executives",
                       {{"title", t(req, "about.executives_title")},
                        {"sides", sides},
                        {"empty", sides.empty()},
                        {"past", past},
                        {"has_past", !past.empty()}});
  }

  Response structure(Request& req) {
    const calendar::Date today = calendar::local_date(clock_.now());
    std::vector<Person> all = people_.all(req.agency_id);
    auto in_office = [&](Side side, std::optional<std::int64_t> unit) {
      json out = json::array();
      for (const Person& p : all)
        if (p.side == side && p.current(today) && p.unit_id == unit) out.push_back(person_json(req, p));
      return out;
    };
    json units = json::array();
    for (const accounts::Unit& u : accounts_.units(req.agency_id)) {
      if (!u.active) continue;
      json head = nullptr, staff = json::array();
      for (const Person& p : all) {
        if (p.side != Side::official || p.unit_id != u.id || !p.current(today)) continue;
        if (p.heads_unit && head.is_null())
          head = person_json(req, p);
        else
          staff.push_back(person_json(req, p));
      }
      units.push_back({{"name", u.name_th}, {"head", head}, {"staff", staff}, {"has_staff", !staff.empty()}});
    }
    json executives = in_office(Side::executive, std::nullopt), council = in_office(Side::council, std::nullopt),
         officials = in_office(Side::official, std::nullopt);
    return pages_.page(req, "about/structure",
                       {{"title", t(req, "about.structure_title")},
                        {"agency", pages_.shell(req).agency_name},
                        {"executives", executives},
                        {"council", council},
                        {"officials", officials},
                        {"units", units},
                        {"has_executives", !executives.empty()},
                        {"has_council", !council.empty()},
                        {"has_political", !executives.empty() || !council.empty()}});
  }

  Response photo(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto found = people_.photo(req.agency_id, *id);
    if (!found) return pages_.error(req, found.error());
    return files::download(found->first, std::move(found->second));
  }

  Response list(Request& req) { return admin_page(req, std::nullopt, std::nullopt, 200); }
  Response edit(Request& req) {
    auto id = req.id_param("id");
    if (!id || !people_.find(req.agency_id, *id)) return pages_.error(req, Error::not_found("person"));
    return admin_page(req, id, std::nullopt, 200);
  }

  Response save(Request& req) {
    std::optional<std::int64_t> id;
    if (!req.param("id").empty()) {
      id = req.id_param("id");
      if (!id) return pages_.error(req, Error::not_found());
    }
    const http::Form& f = req.form();
    PersonInput in{f.value("side"),  f.value("position"),  f.value("name"),    f.value("unit_id"), f.value("phone"),
                   f.value("email"), f.value("term_from"), f.value("term_to"), f.value("sort")};
    in.heads_unit = f.value("heads_unit") == "1";
    in.remove_photo = f.value("remove_photo") == "1";
    if (const http::UploadedFile* u = f.file("photo"); u && !u->data.empty())
      in.photo = files::Upload{u->filename, u->data};
    auto r = people_.save(*req.principal, id, in);
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return admin_page(req, id, r.error(), http::status_of(r.error().kind));
    }
    return Response::redirect("/admin/about?saved=1#person-" + std::to_string(*r));
  }

  Response remove(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto r = people_.remove(*req.principal, *id);
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/admin/about?removed=1");
  }

 private:
  std::string t(const Request& req, const std::string& key) const { return std::string(pages_.t(req, key)); }

  // "ปรับปรุงล่าสุด 5 ธันวาคม 2569", or nothing for a page never saved.
  std::string updated(const Request& req, std::int64_t at) const {
    if (at == 0) return {};
    return calendar::format(calendar::local_date(at), req.lang, calendar::Style::long_form);
  }

  Response duties_page(Request& req, const std::optional<Error>& error, int status) {
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
    return pages_.form(req, "about/duties_admin",
                       {{"title", t(req, "about.duties_title")},
                        {"saved", req.query_param("saved").has_value()},
                        {"text", f ? f->value("duties") : texts_.text(req.agency_id, Texts::Page::duties).body},
                        {"max", std::to_string(kMaxDutiesChars)}},
                       error, status);
  }

  Response laws_page(Request& req, std::optional<std::int64_t> id, const std::optional<Error>& error, int status) {
    std::optional<Law> editing = id ? texts_.law(req.agency_id, *id) : std::nullopt;
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
    auto value = [&](const char* name, const std::string& stored) { return f ? f->value(name) : stored; };
    Law shown = editing.value_or(Law{});
    json rows = json::array();
    for (const Law& l : texts_.laws(req.agency_id))
      rows.push_back({{"id", std::to_string(l.id)},
                      {"title", l.title},
                      {"url", l.url},
                      {"sort", std::to_string(l.sort)},
                      {"href", "/admin/about/laws/" + std::to_string(l.id) + "#law-form"}});
    std::string action = editing ? "/admin/about/laws/" + std::to_string(editing->id) : "/admin/about/laws";
    return pages_.form(req, "about/laws_admin",
                       {{"title", t(req, "about.laws_title")},
                        {"rows", rows},
                        {"editing", editing.has_value()},
                        {"action", action},
                        {"delete_action", editing ? action + "/delete" : std::string()},
                        {"saved", req.query_param("saved").has_value()},
                        {"removed", req.query_param("removed").has_value()},
                        {"f",
                         {{"title", value("title", shown.title)},
                          {"url", value("url", shown.url)},
                          {"sort", value("sort", std::to_string(shown.sort))}}}},
                       error, status);
  }

  json person_json(const Request& req, const Person& p) const {
    auto date = [&](const std::string& iso) {
      auto d = calendar::parse_iso(iso);
      return d ? calendar::format(*d, req.lang, calendar::Style::long_form) : std::string();
    };
    std::string term;
    if (!p.term_from.empty() || !p.term_to.empty())
      term = date(p.term_from) + " – " + (p.term_to.empty() ? t(req, "about.in_office") : date(p.term_to));
    return {{"id", std::to_string(p.id)},
            {"name", p.name},
            {"position", p.position},
            {"phone", p.phone},
            {"email", p.email},
            {"photo", p.photo.sha256.empty() ? "" : "/about/people/" + std::to_string(p.id) + "/photo"},
            {"term", term}};
  }

  Response admin_page(Request& req, std::optional<std::int64_t> id, const std::optional<Error>& error, int status) {
    std::optional<Person> editing = id ? people_.find(req.agency_id, *id) : std::nullopt;
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
    auto value = [&](const char* name, const std::string& stored) { return f ? f->value(name) : stored; };
    Person shown = editing.value_or(Person{});
    std::string side = value("side", std::string(to_string(shown.side)));
    std::string unit = value("unit_id", shown.unit_id ? std::to_string(*shown.unit_id) : "");
    json sides = json::array();
    for (Side s : kSides) {
      std::string v(to_string(s));
      sides.push_back({{"value", v}, {"label", t(req, "about.side." + v)}, {"selected", v == side}});
    }
    json units = json::array({{{"value", ""}, {"label", t(req, "about.no_unit")}, {"selected", unit.empty()}}});
    auto all_units = accounts_.units(req.agency_id);
    for (const accounts::Unit& u : all_units)
      if (u.active)
        units.push_back(
            {{"value", std::to_string(u.id)}, {"label", u.name_th}, {"selected", std::to_string(u.id) == unit}});
    json rows = json::array();
    for (const Person& p : people_.all(req.agency_id)) {
      rows.push_back({{"id", std::to_string(p.id)},
                      {"name", p.name},
                      {"position", p.position},
                      {"side", t(req, "about.side." + std::string(to_string(p.side)))},
                      {"unit", accounts::unit_name(all_units, p.unit_id)},
                      {"current", p.current(calendar::local_date(clock_.now()))},
                      {"href", "/admin/about/" + std::to_string(p.id) + "#person-form"}});
    }
    json data = {
        {"title", t(req, "about.admin_title")},
        {"rows", rows},
        {"editing", editing.has_value()},
        {"action", editing ? "/admin/about/" + std::to_string(editing->id) : std::string("/admin/about")},
        {"delete_action", editing ? "/admin/about/" + std::to_string(editing->id) + "/delete" : std::string()},
        {"has_photo", editing && !editing->photo.sha256.empty()},
        {"photo", editing && !editing->photo.sha256.empty() ? "/about/people/" + std::to_string(editing->id) + "/photo"
                                                            : std::string()},
        {"sides", sides},
        {"units", units},
        {"saved", req.query_param("saved").has_value()},
        {"removed", req.query_param("removed").has_value()},
        {"f",
         {{"position", value("position", shown.position)},
          {"name", value("name", shown.name)},
          {"phone", value("phone", shown.phone)},
          {"email", value("email", shown.email)},
          {"term_from", value("term_from", shown.term_from)},
          {"term_to", value("term_to", shown.term_to)},
          {"sort", value("sort", std::to_string(shown.sort))},
          {"heads_unit", f ? f->value("heads_unit") == "1" : shown.heads_unit}}}};
    return pages_.form(req, "about/admin", std::move(data), error, status);
  }

  People& people_;
  Texts& texts_;
  accounts::Service& accounts_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, People& people, Texts& texts, accounts::Service& accounts,
           const Clock& clock) {
  auto h = std::make_shared<Handlers>(people, texts, accounts, pages, clock);
  const Access admin = Access::roles({Role::admin});
  router.add(Route(Method::get, "/about/executives", Access::anyone(), http::member(h, &Handlers::executives)))
      .cached();
  router.add(Route(Method::get, "/about/structure", Access::anyone(), http::member(h, &Handlers::structure))).cached();
  router.add(Route(Method::get, "/about/people/{id}/photo", Access::anyone(), http::member(h, &Handlers::photo))
                 .on(http::Work::worker_pool));
  router.add(Route(Method::get, "/about/duties", Access::anyone(), http::member(h, &Handlers::duties))).cached();
  router.add(Route(Method::get, "/about/laws", Access::anyone(), http::member(h, &Handlers::laws))).cached();
  router.add(Route(Method::get, "/admin/about/duties", admin, http::member(h, &Handlers::duties_form)));
  router.add(Route(Method::post, "/admin/about/duties", admin, http::member(h, &Handlers::save_duties))
                 .takes(http::BodyRule::form(kMaxDutiesChars * 9 + (16 << 10))));
  router.add(Route(Method::get, "/admin/about/laws", admin, http::member(h, &Handlers::laws_list)));
  router.add(Route(Method::post, "/admin/about/laws", admin, http::member(h, &Handlers::save_law))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/admin/about/laws/{id}", admin, http::member(h, &Handlers::law_edit)));
  router.add(Route(Method::post, "/admin/about/laws/{id}", admin, http::member(h, &Handlers::save_law))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/admin/about/laws/{id}/delete", admin, http::member(h, &Handlers::remove_law))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/admin/about", admin, http::member(h, &Handlers::list)));
  router.add(Route(Method::post, "/admin/about", admin, http::member(h, &Handlers::save))
                 .takes(http::BodyRule::upload(kMaxPhotoBytes + (1 << 20))));
  router.add(Route(Method::get, "/admin/about/{id}", admin, http::member(h, &Handlers::edit)));
  router.add(Route(Method::post, "/admin/about/{id}", admin, http::member(h, &Handlers::save))
                 .takes(http::BodyRule::upload(kMaxPhotoBytes + (1 << 20))));
  router.add(Route(Method::post, "/admin/about/{id}/delete", admin, http::member(h, &Handlers::remove))
                 .takes(http::BodyRule::small_form()));
  pages.add_menu({"menu.about", "/admin/about", admin, "public"});
}

}  // namespace prongsai::about
