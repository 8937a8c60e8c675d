// Staff pages of the OIT registry: the readiness dashboard of a year (sortable by unit, item or
// status), one item with its evidence and forms, carry-over, and the assessors' URL list.
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
using http::Role;
using http::Route;
using nlohmann::json;

class Handlers {
 public:
  Handlers(Service& svc, accounts::Service& accounts, web::Pages& pages, const Clock& clock, NotesOf notes)
      : svc_(svc), accounts_(accounts), pages_(pages), clock_(clock), notes_(std::move(notes)) {}

  Response years(Request& req) {
    json list = json::array();
    for (int y : svc_.catalogue().years()) list.push_back({{"year", std::to_string(y)}});
    return pages_.page(req, "disclosure/years",
                       {{"title", std::string(pages_.t(req, "oit.title"))},
                        {"years", list},
                        {"current", std::to_string(calendar::FiscalYear::of(today()).be())}});
  }

  Response dashboard(Request& req) {
    auto year = req.id_param("year");
    if (!year || *year > 3000) return pages_.error(req, Error::not_found());
    auto reg = svc_.registry(req.agency_id, static_cast<int>(*year), today(), req.lang);
    if (!reg) return pages_.error(req, reg.error());
    auto units = accounts_.units(req.agency_id);
    auto unit_name = [&](std::optional<std::int64_t> id) { return accounts::unit_name(units, id); };
    std::string sort = req.query_param("sort").value_or("item");
    std::vector<const ItemState*> items;
    for (const ItemState& i : reg->items) items.push_back(&i);
    auto rank = [](Status s) { return s == Status::missing ? 0 : s == Status::stale ? 1 : 2; };
    if (sort == "unit") {
      std::stable_sort(items.begin(), items.end(), [&](const ItemState* a, const ItemState* b) {
        std::string ua = unit_name(a->unit_id), ub = unit_name(b->unit_id);
        if (ua.empty() != ub.empty()) return ub.empty();  // unassigned last
        return ua < ub;
      });
    } else if (sort == "status") {
      std::stable_sort(items.begin(), items.end(), [&](const ItemState* a, const ItemState* b) {
        return rank(a->readiness.status) < rank(b->readiness.status);
      });
    } else {
      sort = "item";
    }
    json rows = json::array();
    std::map<std::string, int> counts;
    for (const ItemState* i : items) {
      std::string status(to_string(i->readiness.status));
      ++counts[status];
      rows.push_back({{"code", i->item->code},
                      {"name", i->item->name_th},
                      {"sub", i->item->sub_indicator},
                      {"unit", unit_name(i->unit_id)},
                      {"status", status},
                      {"status_label", std::string(pages_.t(req, "oit.status." + status))},
                      {"reason", i->readiness.reason},
                      {"href", "/disclosure/" + std::to_string(*year) + "/" + i->item->code}});
    }
    json subs = json::array();
    for (const framework::Indicator& ind : reg->framework->indicators) {
      if (ind.tool != framework::Tool::oit) continue;
      json parts = json::array();
      for (const framework::SubIndicator& sub : ind.sub_indicators) {
        auto it = reg->estimate.sub_indicators.find(sub.code);
        if (it == reg->estimate.sub_indicators.end()) continue;
        parts.push_back({{"code", sub.code}, {"name", sub.name_th}, {"score", text::fixed(it->second, 2)}});
      }
      auto score = reg->estimate.indicators.find(ind.number);
      subs.push_back({{"number", std::to_string(ind.number)},
                      {"name", ind.name_th},
                      {"score", score == reg->estimate.indicators.end() ? "" : text::fixed(score->second, 2)},
                      {"subs", parts}});
    }
    json sorts = json::array();
    for (const char* s : {"item", "unit", "status"}) {
      sorts.push_back(
          {{"value", s}, {"label", std::string(pages_.t(req, std::string("oit.sort.") + s))}, {"current", sort == s}});
    }
    const std::string y = std::to_string(*year);
    return pages_.page(req, "disclosure/dashboard",
                       {{"title", std::string(pages_.t(req, "oit.title")) + " " + y},
                        {"year", y},
                        {"provisional", reg->framework->provisional ? reg->framework->provisional_note : ""},
                        {"rows", rows},
                        {"indicators", subs},
                        {"total", text::fixed(reg->estimate.total, 2)},
                        {"ready", std::to_string(counts["ready"])},
                        {"stale", std::to_string(counts["stale"])},
                        {"missing", std::to_string(counts["missing"])},
                        {"sorts", sorts},
                        {"can_carry_over", req.principal->roles.has(Role::admin) &&
                                               svc_.catalogue().year(static_cast<int>(*year) - 1) != nullptr},
                        {"carried", req.query_param("carried").value_or("")},
                        {"previous", std::to_string(*year - 1)},
                        {"today", calendar::format(today(), req.lang, calendar::Style::long_form)}});
  }

  Response item(Request& req) { return item_page(req, std::nullopt, 200); }

  Response add(Request& req) {
    auto where = target(req);
    if (!where) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    EvidenceInput in{f.value("kind"),   f.value("title"),        f.value("body"), f.value("url"),
                     f.value("period"), f.value("published_on"), std::nullopt};
    if (const http::UploadedFile* u = f.file("file"); u && !(u->filename.empty() && u->data.empty()))
      in.upload = files::Upload{u->filename, u->data};
    if (std::string raw = f.value("replaces"); !raw.empty()) {
      auto id = text::parse_id(raw);
      if (!id) return pages_.error(req, Error::not_found("evidence"));
      in.replaces = *id;
    }
    in.confirm_personal_data = f.value("confirm_personal_data") == "1";
    in.lang = req.lang;
    auto r = svc_.add_evidence(*req.principal, where->first, where->second, in);
    if (!r) return failed(req, r.error());
    return Response::redirect(item_path(*where) + (in.replaces ? "?replaced=1" : "?added=1"));
  }

  Response remove(Request& req) {
    auto where = target(req);
    auto id = req.id_param("id");
    if (!where || !id) return pages_.error(req, Error::not_found());
    auto r = svc_.remove_evidence(*req.principal, where->first, where->second, *id);
    if (!r) return failed(req, r.error());
    return Response::redirect(item_path(*where) + "?removed=1");
  }

  // The admin sets aside the pages Prongsai produces for the item (with a reason), or takes them back.
  Response set_produced(Request& req) {
    auto where = target(req);
    if (!where) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    std::optional<std::string> reason;
    if (f.value("use") != "1") reason = f.value("reason");
    auto r = svc_.set_produced_off(*req.principal, where->first, where->second, reason);
    if (!r) return failed(req, r.error());
    return Response::redirect(item_path(*where) + "?saved=1#produced-heading");
  }

  Response set_unit(Request& req) {
    auto where = target(req);
    if (!where) return pages_.error(req, Error::not_found());
    std::string raw = req.form().value("unit");
    std::optional<std::int64_t> unit;
    if (!raw.empty()) {
      unit = text::parse_id(raw);
      if (!unit) return failed(req, Error::invalid_field("unit", "error.choice"));
    }
    auto r = svc_.set_unit(*req.principal, where->first, where->second, unit);
    if (!r) return failed(req, r.error());
    return Response::redirect(item_path(*where) + "?saved=1");
  }

  Response carry_over(Request& req) {
    auto year = req.id_param("year");
    if (!year) return pages_.error(req, Error::not_found());
    auto r = svc_.carry_over(*req.principal, static_cast<int>(*year));
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/disclosure/" + std::to_string(*year) + "?carried=" + std::to_string(*r));
  }

  Response urls_csv(Request& req) {
    auto year = req.id_param("year");
    if (!year) return pages_.error(req, Error::not_found());
    // The agency's address as this officer reaches it: the assessors open the same site.
    auto csv = svc_.ita_urls_csv(req.agency_id, static_cast<int>(*year), http::public_origin(req));
    if (!csv) return pages_.error(req, csv.error());
    return Response::file(std::move(*csv), "text/csv; charset=utf-8", "ita-urls-" + std::to_string(*year) + ".csv");
  }

  Response staff_file(Request& req) {
    auto where = target(req);
    auto id = req.id_param("id");
    if (!where || !id) return pages_.error(req, Error::not_found());
    auto found = svc_.evidence_file(req.agency_id, where->first, where->second, *id);
    if (!found) return pages_.error(req, found.error());
    return files::download(found->first, std::move(found->second));
  }

 private:
  std::optional<std::pair<int, std::string>> target(const Request& req) const {
    auto year = req.id_param("year");
    std::string code = text::ascii_upper(req.param("code"));
    if (!year || *year > 3000 || code.empty() || code.size() > 4) return std::nullopt;
    return std::make_pair(static_cast<int>(*year), code);
  }
  static std::string item_path(const std::pair<int, std::string>& w) {
    return "/disclosure/" + std::to_string(w.first) + "/" + w.second;
  }

  Response failed(Request& req, const Error& e) {
    if (e.kind == ErrorKind::not_found || e.kind == ErrorKind::not_set_up || e.kind == ErrorKind::forbidden)
      return pages_.error(req, e);
    return item_page(req, e, http::status_of(e.kind));
  }

  Response item_page(Request& req, const std::optional<Error>& error, int status) {
    auto where = target(req);
    if (!where) return pages_.error(req, Error::not_found());
    auto reg = svc_.registry(req.agency_id, where->first, today(), req.lang);
    if (!reg) return pages_.error(req, reg.error());
    const ItemState* item = reg->find(where->second);
    if (!item) return pages_.error(req, Error::not_found("item"));
    const std::string base = item_path(*where);
    // The item's code in every year the crosswalks reach, from the first to the last loaded.
    json codes = json::array();
    for (int y : svc_.catalogue().years()) {
      auto code = svc_.catalogue().translate(item->item->code, where->first, y);
      codes.push_back(
          {{"year", std::to_string(y)}, {"code", code.value_or("")}, {"none", !code}, {"current", y == where->first}});
    }
    json slots = json::array();
    json periods = json::array();
    for (const Slot& slot : item->slots) {
      json entries = json::array();
      for (const Evidence& e : slot.entries) {
        if (e.produced) {
          entries.push_back(produced_json(req, e));
          continue;
        }
        entries.push_back({{"id", std::to_string(e.id)},
                           {"title", e.title},
                           {"body", e.body},
                           {"url", e.url},
                           {"is_link", e.kind == EvidenceKind::link},
                           {"is_file", e.kind == EvidenceKind::file},
                           {"from_system", false},
                           {"link_note", link_note(req, e)},
                           {"link_failing", !e.usable()},
                           {"file_href", base + "/files/" + std::to_string(e.id)},
                           {"file_name", e.file.name},
                           {"date", calendar::format(e.published_on, req.lang)},
                           {"remove_action", base + "/evidence/" + std::to_string(e.id) + "/remove"},
                           {"replace_href", base + "?replace=" + std::to_string(e.id) + "#add-heading"}});
      }
      std::string label =
          slot.period.empty() ? std::string(pages_.t(req, "oit.whole_year")) : period_label(slot.period, req.lang);
      slots.push_back({{"label", label},
                       {"due", slot.due},
                       {"missing", slot.due && slot.entries.empty()},
                       {"entries", entries},
                       {"has_entries", !entries.empty()}});
      // After a refusal, the period the officer had chosen stays chosen.
      const bool chosen = req.method == Method::post && req.form().value("period") == slot.period;
      periods.push_back({{"value", slot.period}, {"label", label}, {"selected", chosen}});
    }
    json units =
        json::array({{{"id", ""}, {"name", std::string(pages_.t(req, "oit.no_unit"))}, {"selected", !item->unit_id}}});
    std::string unit_name;
    for (const auto& u : accounts_.units(req.agency_id)) {
      if (!u.active) continue;
      bool selected = item->unit_id && *item->unit_id == u.id;
      if (selected) unit_name = u.name_th;
      units.push_back({{"id", std::to_string(u.id)}, {"name", u.name_th}, {"selected", selected}});
    }
    const http::Form* f = req.method == Method::post ? &req.form() : nullptr;
    std::string kind = f ? f->value("kind") : "file";
    json kinds = json::array();
    for (EvidenceKind k : {EvidenceKind::file, EvidenceKind::link, EvidenceKind::text}) {
      std::string v(to_string(k));
      kinds.push_back({{"value", v}, {"label", std::string(pages_.t(req, "oit.kind." + v))}, {"checked", kind == v}});
    }
    // Replacing: the add form becomes "replace this one", for the same period.
    json replacing = nullptr;
    std::string replace_raw = f ? f->value("replaces") : req.query_param("replace").value_or("");
    if (auto id = text::parse_id(replace_raw)) {
      if (auto old = svc_.current_evidence(req.agency_id, where->first, where->second, *id)) {
        replacing = {{"id", std::to_string(old->id)},
                     {"title", old->title},
                     {"period", old->period.empty() ? std::string(pages_.t(req, "oit.whole_year"))
                                                    : period_label(old->period, req.lang)}};
      }
    }
    json history = json::array();
    for (const PastEvidence& p : svc_.history(req.agency_id, where->first, where->second)) {
      history.push_back(
          {{"title", p.evidence.title},
           {"kind", std::string(pages_.t(req, "oit.kind." + std::string(to_string(p.evidence.kind))))},
           {"period", p.evidence.period.empty() ? std::string() : period_label(p.evidence.period, req.lang)},
           {"date", calendar::format(p.evidence.published_on, req.lang)},
           {"removed", calendar::format_time(p.removed_at, req.lang)},
           {"replaced_by", p.replaced_by_title}});
    }
    json produced = json::array();
    for (const Evidence& e : item->produced) produced.push_back(produced_json(req, e));
    std::string state(to_string(item->readiness.status));
    json notes = json::array();
    for (const web::EvidenceNote& n : notes_(req.agency_id, where->first, item->item->code, req.lang))
      notes.push_back({{"text", n.text}, {"href", n.href}, {"link_label", n.link_label}});
    json data = {{"title", item->item->code + " " + item->item->name_th},
                 {"year", std::to_string(where->first)},
                 {"code", item->item->code},
                 {"codes", codes},
                 {"requirement", item->item->requirement},
                 {"cadence", std::string(pages_.t(
                                 req, "oit.cadence." + std::string(framework::to_string(item->item->cadence.kind))))},
                 {"status", state},
                 {"status_label", std::string(pages_.t(req, "oit.status." + state))},
                 {"reason", item->readiness.reason},
                 {"unit_name", unit_name},
                 {"units", units},
                 {"slots", slots},
                 {"periods", periods},
                 {"has_periods", item->slots.size() > 1 && replacing.is_null()},
                 {"replacing", replacing},
                 {"history", history},
                 {"has_history", !history.empty()},
                 {"replaced", req.query_param("replaced").has_value()},
                 {"system_pages", produced},
                 {"notes", notes},
                 {"has_system_pages", !produced.empty() || item->produced_off},
                 {"produced_off", item->produced_off.has_value()},
                 {"produced_off_reason", item->produced_off ? item->produced_off->reason : ""},
                 {"produced_off_on",
                  item->produced_off ? calendar::format_time(item->produced_off->at, req.lang) : std::string()},
                 {"kinds", kinds},
                 {"can_edit", svc_.may_edit(*req.principal, *item)},
                 {"can_assign", req.principal->roles.has(Role::admin)},
                 {"action", base},
                 {"public_href", "/ita/" + std::to_string(where->first) + "/" + item->item->code},
                 {"added", req.query_param("added").has_value()},
                 {"removed", req.query_param("removed").has_value()},
                 {"saved", req.query_param("saved").has_value()},
                 {"f",
                  {{"title", f ? f->value("title") : ""},
                   {"body", f ? f->value("body") : ""},
                   {"url", f ? f->value("url") : ""},
                   {"reason", f ? f->value("reason") : ""},
                   {"published_on", f ? f->value("published_on") : calendar::iso(today())}}}};
    return pages_.form(req, "disclosure/item", std::move(data), error, status);
  }

  // What the link checker last found of a link or file of evidence, in words; "" before it looked.
  std::string link_note(const Request& req, const Evidence& e) const {
    if (!e.link) return "";
    const LinkCheck& c = *e.link;
    std::string key = e.kind == EvidenceKind::file && c.state == LinkState::broken
                          ? "oit.link.file_missing"
                          : "oit.link." + std::string(to_string(c.state));
    std::string since = c.failing_since ? calendar::format(calendar::local_date(*c.failing_since), req.lang) : "";
    return text::fill(
        text::fill(text::fill(std::string(pages_.t(req, key)), "at", calendar::format_time(c.checked_at, req.lang)),
                   "since", since),
        "detail", c.detail);
  }

  // A page of Prongsai's that answers the item: no file, nothing to remove or replace.
  json produced_json(const Request& req, const Evidence& e) const {
    return {{"title", e.title},
            {"url", e.url},
            {"is_link", true},
            {"from_system", true},
            {"date", calendar::format(e.published_on, req.lang)},
            {"period", e.period.empty() ? std::string() : period_label(e.period, req.lang)}};
  }

  calendar::Date today() const { return calendar::local_date(clock_.now()); }

  Service& svc_;
  accounts::Service& accounts_;
  web::Pages& pages_;
  const Clock& clock_;
  NotesOf notes_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts, const Clock& clock,
           NotesOf notes) {
  auto h = std::make_shared<Handlers>(svc, accounts, pages, clock, std::move(notes));
  const Access editors = Access::roles({Role::admin, Role::staff});
  router.add(Route(Method::get, "/disclosure", Access::signed_in(), http::member(h, &Handlers::years)));
  router.add(Route(Method::get, "/disclosure/{year}", Access::signed_in(), http::member(h, &Handlers::dashboard)));
  router.add(
      Route(Method::get, "/disclosure/{year}/urls.csv", Access::signed_in(), http::member(h, &Handlers::urls_csv)));
  router.add(Route(Method::post, "/disclosure/{year}/carry-over", Access::roles({Role::admin}),
                   http::member(h, &Handlers::carry_over))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/disclosure/{year}/{code}", Access::signed_in(), http::member(h, &Handlers::item)));
  // Evidence: the admin, or staff of the item's unit (the service checks which).
  router.add(Route(Method::post, "/disclosure/{year}/{code}/evidence", editors, http::member(h, &Handlers::add)))
      .takes(http::BodyRule::upload(svc.max_file_bytes() + (1 << 20)));
  router.add(
      Route(Method::post, "/disclosure/{year}/{code}/evidence/{id}/remove", editors, http::member(h, &Handlers::remove))
          .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/disclosure/{year}/{code}/produced", Access::roles({Role::admin}),
                   http::member(h, &Handlers::set_produced))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/disclosure/{year}/{code}/unit", Access::roles({Role::admin}),
                   http::member(h, &Handlers::set_unit))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/disclosure/{year}/{code}/files/{id}", Access::signed_in(),
                   http::member(h, &Handlers::staff_file))
                 .on(http::Work::worker_pool));
  mount_public(router, pages, svc, accounts, clock);
  pages.add_menu({"menu.disclosure", "/disclosure", Access::signed_in(), "ita"});
}

}  // namespace prongsai::disclosure
