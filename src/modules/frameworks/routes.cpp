// The framework workshop and files in the browser. /admin/framework/{year}/draft edits a year's
// draft section by section (the heading and calendar, the tools' weights, the result levels and
// grade bands, each item, the crosswalk from the year before), says whether it would publish,
// and publishes it. The framework files: /admin/framework/{year}/file downloads a year's framework
// in force (?version= for another) in the format of data/ita/; /admin/framework/import takes
// one back and publishes it as its year's next version. Publishing changes what every agency
// of the installation is assessed by, so only an admin of the installation's own (default)
// agency may do it; on a single-agency server that is its admin.
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/thai_calendar.hpp"

#include "core/text.hpp"
#include "http/errors.hpp"
#include "modules/frameworks/module.hpp"

namespace prongsai::frameworks {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

// A number typed in a form ("85", "94.5"); nullopt for anything else.
std::optional<double> number_of(std::string_view raw) {
  std::string s(text::trim(raw));
  if (s.empty() || s.size() > 20) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

class Handlers {
 public:
  static constexpr std::size_t kMaxRows = 30;  // indicators a form may carry (sub-indicators: four times)
  inline static const std::vector<std::string> kPolarities = {"positive", "negative", "mixed"};
  inline static const std::vector<std::string> kCadences = {"standing", "annual",     "half_yearly",
                                                            "monthly",  "multi_year", "annual_with_half_year_progress"};

  Handlers(Service& svc, accounts::Service& accounts, web::Pages& pages)
      : svc_(svc), accounts_(accounts), pages_(pages) {}

  Response file(Request& req) {
    auto year = req.id_param("year");
    std::optional<int> version;
    if (auto v = req.query_param("version")) {
      auto n = text::parse_id(*v);
      if (!n || *n > 100000) return pages_.error(req, Error::not_found("version"));
      version = static_cast<int>(*n);
    }
    if (!year || *year > 3000) return pages_.error(req, Error::not_found());
    auto text = svc_.export_year(static_cast<int>(*year), version);
    if (!text) return pages_.error(req, text.error());
    std::string name = "ita-" + std::to_string(*year) + (version ? "-v" + std::to_string(*version) : "") + ".json";
    return Response::file(std::move(*text), "application/json; charset=utf-8", name);
  }

  Response form(Request& req) { return import_page(req, std::nullopt, 200); }

  // POST /admin/framework/drafts: year, from_year.
  Response start(Request& req) {
    if (!operates_installation(req)) return pages_.error(req, not_operator());
    auto year = text::parse_id(req.form().value("year"));
    auto from = text::parse_id(req.form().value("from_year"));
    if (!year || !from || *year > 3000 || *from > 3000)
      return pages_.error(req, Error::invalid_field("year", "error.choice"));
    auto r = svc_.start_draft(accounts::actor_of(*req.principal), static_cast<int>(*year), static_cast<int>(*from));
    if (!r && r.error().kind != ErrorKind::conflict) return pages_.error(req, r.error());
    return Response::redirect(draft_path(static_cast<int>(*year)));
  }

  Response draft_page(Request& req) {
    if (!operates_installation(req)) return pages_.error(req, not_operator());
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    return render(req, *year, std::nullopt, 200);
  }

  // POST /admin/framework/{year}/draft/{section}: one section of the document, from its form.
  Response edit(Request& req) {
    if (!operates_installation(req)) return pages_.error(req, not_operator());
    auto year = year_of(req);
    auto d = year ? svc_.draft(*year) : std::nullopt;
    if (!d) return pages_.error(req, Error::not_found("draft"));
    const http::Form& f = req.form();
    const std::string section = req.param("section");
    json& doc = d->document;
    std::optional<Error> bad;
    auto need_number = [&](const char* field, std::string_view raw) -> std::optional<double> {
      auto v = number_of(raw);
      if (!v || *v < 0 || *v > 100) bad = Error::invalid_field(field, "error.number_range");
      return v;
    };
    if (section == "heading") {
      doc["title_th"] = std::string(text::trim(f.value("title_th")));
      doc["title_en"] = std::string(text::trim(f.value("title_en")));
      doc["note"] = std::string(text::trim(f.value("note")));
      doc["provisional"] = f.value("provisional") == "1";
      doc["provisional_note"] = std::string(text::trim(f.value("provisional_note")));
      if (auto pass = need_number("pass_mark", f.value("pass_mark"))) doc["pass_mark"] = *pass;
      doc["assessment"] = {{"oit_opens", std::string(text::trim(f.value("oit_opens")))},
                           {"oit_closes", std::string(text::trim(f.value("oit_closes")))},
                           {"verified", f.value("assessment_verified") == "1"},
                           {"note", std::string(text::trim(f.value("assessment_note")))}};
      // The clarification window, when the year has one: an empty day is none.
      for (const char* day : {"clarification_opens", "clarification_closes"})
        if (std::string v(text::trim(f.value(day))); !v.empty()) doc["assessment"][day] = v;
    } else if (section == "tools") {
      for (json& t : doc["tools"]) {
        std::string code = t.value("code", "");
        if (auto w = need_number(("weight_" + code).c_str(), f.value("weight_" + code))) t["weight"] = *w / 100;
      }
    } else if (section == "levels") {
      json levels = json::array();
      for (std::size_t i = 0; i < 12; ++i) {
        std::string n = std::to_string(i);
        std::string name(text::trim(f.value("level_name_" + n)));
        if (name.empty()) continue;
        json l = {{"name_th", name}, {"name_en", std::string(text::trim(f.value("level_name_en_" + n)))}};
        if (auto v = need_number("level_min_total", f.value("level_min_total_" + n))) l["min_total"] = *v;
        if (std::string each(text::trim(f.value("level_min_each_" + n))); !each.empty()) {
          if (auto v = need_number("level_min_each", each)) l["min_each_tool"] = *v;
        }
        l["passes"] = f.value("level_passes_" + n) == "1";
        levels.push_back(l);
      }
      if (levels.empty())
        doc.erase("levels");
      else
        doc["levels"] = levels;
      json bands = json::array();
      for (std::size_t i = 0; i < 12; ++i) {
        std::string n = std::to_string(i);
        std::string grade(text::trim(f.value("band_grade_" + n)));
        if (grade.empty()) continue;
        json b = {{"grade", grade}};
        if (auto v = need_number("band_min", f.value("band_min_" + n))) b["min"] = *v;
        bands.push_back(b);
      }
      if (bands.empty())
        doc.erase("grade_bands");
      else
        doc["grade_bands"] = bands;
    } else if (section == "indicators") {
      std::vector<IndicatorRow> rows;
      for (std::size_t i = 0; i < kMaxRows; ++i) {
        std::string n = std::to_string(i);
        IndicatorRow r;
        r.name_th = text::trim(f.value("ind_name_" + n));
        if (r.name_th.empty() && f.value("ind_was_" + n).empty()) continue;
        r.was = static_cast<int>(text::parse_id(f.value("ind_was_" + n)).value_or(0));
        auto number = text::parse_id(f.value("ind_number_" + n));
        if (!r.name_th.empty() && (!number || *number < 1 || *number > 99))
          bad = Error::invalid_field("ind_number_" + n, "error.number_range");
        r.number = static_cast<int>(number.value_or(0));
        r.tool = f.value("ind_tool_" + n);
        if (!r.name_th.empty() && r.tool != "IIT" && r.tool != "EIT" && r.tool != "OIT")
          bad = Error::invalid_field("ind_tool_" + n, "error.choice");
        r.name_en = text::trim(f.value("ind_name_en_" + n));
        r.verified = f.value("ind_verified_" + n) == "1";
        rows.push_back(std::move(r));
      }
      std::vector<SubIndicatorRow> subs;
      for (std::size_t i = 0; i < kMaxRows * 4; ++i) {
        std::string n = std::to_string(i);
        SubIndicatorRow r;
        r.was = text::trim(f.value("sub_was_" + n));
        r.code = text::trim(f.value("sub_code_" + n));
        r.name_th = text::trim(f.value("sub_name_" + n));
        if (r.code.empty() && r.was.empty()) continue;
        r.indicator = static_cast<int>(text::parse_id(f.value("sub_indicator_" + n)).value_or(0));
        r.name_en = text::trim(f.value("sub_name_en_" + n));
        subs.push_back(std::move(r));
      }
      if (!bad) set_indicators(doc, rows, subs);
    } else if (section == "crosswalk") {
      if (!doc.contains("crosswalk")) return pages_.error(req, Error::not_found("crosswalk"));
      json& map = doc["crosswalk"]["map"];
      for (auto& [from, to] : map.items()) {
        std::string v = text::ascii_upper(text::trim(f.value("to_" + from)));
        to = v.empty() || v == "-" ? json(nullptr) : json(v);
      }
      doc["crosswalk"]["verified"] = f.value("confirmed") == "1";
    } else {
      return pages_.error(req, Error::not_found());
    }
    if (bad) return render(req, *year, bad, 422);
    if (auto saved = svc_.save_draft(accounts::actor_of(*req.principal), *year, doc); !saved)
      return pages_.error(req, saved.error());
    return Response::redirect(draft_path(*year) + "?saved=" + section + "#" + section);
  }

  // POST /admin/framework/{year}/draft/items/{code}: an item changed, added (code "new") or removed.
  Response edit_item(Request& req) {
    if (!operates_installation(req)) return pages_.error(req, not_operator());
    auto year = year_of(req);
    auto d = year ? svc_.draft(*year) : std::nullopt;
    if (!d) return pages_.error(req, Error::not_found("draft"));
    const http::Form& f = req.form();
    json& items = d->document["items"];
    const std::string code = req.param("code");
    auto at = std::find_if(items.begin(), items.end(), [&](const json& i) { return i.value("code", "") == code; });
    if (f.value("remove") == "1") {
      if (at == items.end()) return pages_.error(req, Error::not_found("item"));
      items.erase(at);
    } else {
      std::string tool = f.value("tool");
      if (tool != "EIT" && tool != "IIT") tool = "OIT";
      json item = at == items.end() ? json{{"tool", tool}} : *at;
      item["code"] = text::ascii_upper(text::trim(f.value("code")));
      if (item.value("tool", "OIT") == "OIT") {
        item["name_th"] = std::string(text::trim(f.value("name_th")));
        item["name_en"] = std::string(text::trim(f.value("name_en")));
        item["sub_indicator"] = std::string(text::trim(f.value("sub_indicator")));
        item["requirement"] = std::string(text::trim(f.value("requirement")));
        item["cadence"] = {{"kind", f.value("cadence")},
                           {"fiscal_year", f.value("basis") == "previous" ? "previous" : "current"}};
        item.erase("role");
        json roles = json::array();
        for (const std::string& role : f.all("roles"))
          if (framework::known_role(role)) roles.push_back(role);
        if (roles.empty())
          item.erase("roles");
        else
          item["roles"] = roles;
        if (f.value("answer_with") == "evidence")
          item["answer_with"] = "evidence";
        else
          item.erase("answer_with");
      } else {
        item["question_th"] = std::string(text::trim(f.value("name_th")));
        item["summary_en"] = std::string(text::trim(f.value("name_en")));
        auto indicator = text::parse_id(f.value("indicator"));
        if (!indicator || *indicator > 99)
          return render(req, *year, Error::invalid_field("indicator", "error.choice"), 422);
        item["indicator"] = *indicator;
        item["scale"] = f.value("scale");
        std::string polarity = f.value("polarity");
        if (polarity != "negative" && polarity != "mixed") polarity = "positive";
        item["polarity"] = polarity;
        json questions = sub_questions_of(f.value("sub_questions"));
        if (questions.empty())
          item.erase("sub_questions");
        else
          item["sub_questions"] = std::move(questions);
      }
      item["verified"] = f.value("verified") == "1";
      item["source"] = std::string(text::trim(f.value("source")));
      if (at == items.end()) {
        if (code != "new") return pages_.error(req, Error::not_found("item"));
        items.push_back(item);
      } else {
        *at = item;
      }
    }
    if (auto saved = svc_.save_draft(accounts::actor_of(*req.principal), *year, d->document); !saved)
      return pages_.error(req, saved.error());
    return Response::redirect(draft_path(*year) + "?saved=items#items");
  }

  Response publish_draft(Request& req) {
    if (!operates_installation(req)) return pages_.error(req, not_operator());
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    std::string note(text::trim(req.form().value("note")));
    if (text::code_points(note) > 500) return render(req, *year, Error::invalid_field("note", "error.too_long"), 422);
    auto v = svc_.publish_draft(accounts::actor_of(*req.principal), *year, note);
    if (!v) return render(req, *year, v.error(), v.error().kind == ErrorKind::not_found ? 404 : 422);
    return Response::redirect("/admin/framework/" + std::to_string(v->year) +
                              "?published=" + std::to_string(v->version));
  }

  Response discard(Request& req) {
    if (!operates_installation(req)) return pages_.error(req, not_operator());
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    if (auto r = svc_.discard_draft(accounts::actor_of(*req.principal), *year); !r) return pages_.error(req, r.error());
    return Response::redirect("/admin/framework");
  }

  Response publish(Request& req) {
    if (!operates_installation(req))
      return import_page(req, Error::make(ErrorKind::forbidden, "framework.not_operator", "not the default agency"),
                         403);
    const http::UploadedFile* upload = req.form().file("file");
    if (!upload || upload->data.empty()) return import_page(req, Error::invalid_field("file", "error.required"), 422);
    std::string note(text::trim(req.form().value("note")));
    if (text::code_points(note) > 500) return import_page(req, Error::invalid_field("note", "error.too_long"), 422);
    auto v = svc_.publish(accounts::actor_of(*req.principal), upload->data, upload->filename, note);
    if (!v) return import_page(req, v.error(), http::status_of(v.error().kind));
    return Response::redirect("/admin/framework/" + std::to_string(v->year) +
                              "?published=" + std::to_string(v->version));
  }

 private:
  bool operates_installation(const Request& req) {
    auto agency = accounts_.agency(req.agency_id);
    return agency && agency->is_default;
  }

  static Error not_operator() {
    return Error::make(ErrorKind::forbidden, "framework.not_operator", "not the default agency");
  }
  // Every role, checked where the item holds it ("roles", or "role" in a file written before an
  // item could hold several).
  json role_options(const Request& req, const json& item) const {
    json held = item.value("roles", json::array());
    if (item.contains("role")) held.push_back(item["role"]);
    json out = json::array();
    for (std::string_view r : framework::role::kAll) {
      const std::string v(r);
      out.push_back({{"value", v},
                     {"label", std::string(pages_.t(req, "framework.role." + v))},
                     {"checked", std::find(held.begin(), held.end(), json(v)) != held.end()}});
    }
    return out;
  }
  static std::string draft_path(int year) { return "/admin/framework/" + std::to_string(year) + "/draft"; }
  static std::optional<int> year_of(const Request& req) {
    auto y = req.id_param("year");
    if (!y || *y < 2500 || *y > 2800) return std::nullopt;
    return static_cast<int>(*y);
  }

  Response render(Request& req, int year, const std::optional<Error>& error, int status) {
    auto d = svc_.draft(year);
    if (!d) return pages_.error(req, Error::not_found("draft"));
    const json& doc = d->document;
    auto fixed = [](const json& v) { return v.is_number() ? text::fixed(v.get<double>(), 2) : std::string(); };
    json tools = json::array();
    for (const json& t : doc.value("tools", json::array()))
      tools.push_back({{"code", t.value("code", "")},
                       {"name", t.value("name_th", "")},
                       {"weight", t.contains("weight") ? text::fixed(t["weight"].get<double>() * 100, 2) : ""}});
    json levels = json::array();
    json level_list = doc.value("levels", json::array());
    for (std::size_t i = 0; i < level_list.size() + 1; ++i) {
      json l = i < level_list.size() ? level_list[i] : json::object();
      levels.push_back({{"n", std::to_string(i)},
                        {"row", std::to_string(i + 1)},
                        {"name", l.value("name_th", "")},
                        {"name_en", l.value("name_en", "")},
                        {"min_total", fixed(l.value("min_total", json()))},
                        {"min_each", fixed(l.value("min_each_tool", json()))},
                        {"passes", l.value("passes", false)}});
    }
    json bands = json::array();
    json band_list = doc.value("grade_bands", json::array());
    for (std::size_t i = 0; i < band_list.size() + 1; ++i) {
      json b = i < band_list.size() ? band_list[i] : json::object();
      bands.push_back({{"n", std::to_string(i)},
                       {"row", std::to_string(i + 1)},
                       {"grade", b.value("grade", "")},
                       {"min", fixed(b.value("min", json()))}});
    }
    json subs = json::array();
    json indicator_rows = json::array();
    json sub_rows = json::array();
    const json indicator_list = doc.value("indicators", json::array());
    // The indicators to choose from (all, or a tool's): "9 OIT การเปิดเผยข้อมูล".
    auto number_options = [&](int current, const std::string& tool) {
      json out = json::array();
      for (const json& ind : indicator_list) {
        if (!ind.contains("number") || !ind["number"].is_number_integer()) continue;
        if (!tool.empty() && ind.value("tool", "") != tool) continue;
        int number = ind["number"].get<int>();
        out.push_back({{"value", std::to_string(number)},
                       {"label", std::to_string(number) + " " + ind.value("tool", "") + " " + ind.value("name_th", "")},
                       {"selected", number == current}});
      }
      return out;
    };
    auto tool_options = [](const std::string& current) {
      json out = json::array();
      for (const char* t : {"IIT", "EIT", "OIT"}) out.push_back({{"value", t}, {"selected", current == t}});
      return out;
    };
    for (std::size_t i = 0; i < std::min(indicator_list.size(), kMaxRows - 2) + 2; ++i) {
      json ind = i < indicator_list.size() ? indicator_list[i] : json::object();
      int number = ind.contains("number") && ind["number"].is_number_integer() ? ind["number"].get<int>() : 0;
      indicator_rows.push_back({{"n", std::to_string(i)},
                                {"row", std::to_string(i + 1)},
                                {"was", number ? std::to_string(number) : ""},
                                {"number", number ? std::to_string(number) : ""},
                                {"tools", tool_options(ind.value("tool", ""))},
                                {"name", ind.value("name_th", "")},
                                {"name_en", ind.value("name_en", "")},
                                {"verified", ind.value("verified", false)}});
      for (const json& s : ind.value("sub_indicators", json::array())) {
        subs.push_back({{"code", s.value("code", "")}, {"name", s.value("name_th", "")}});
        if (sub_rows.size() >= kMaxRows * 4 - 3) continue;
        sub_rows.push_back({{"n", std::to_string(sub_rows.size())},
                            {"row", std::to_string(sub_rows.size() + 1)},
                            {"was", s.value("code", "")},
                            {"code", s.value("code", "")},
                            {"name", s.value("name_th", "")},
                            {"name_en", s.value("name_en", "")},
                            {"owners", number_options(number, "")}});
      }
    }
    for (int blank = 0; blank < 3; ++blank)
      sub_rows.push_back({{"n", std::to_string(sub_rows.size())},
                          {"row", std::to_string(sub_rows.size() + 1)},
                          {"was", ""},
                          {"code", ""},
                          {"name", ""},
                          {"name_en", ""},
                          {"owners", number_options(0, "OIT")}});
    const json scales = doc.value("answer_scales", json::object());
    auto scale_options = [&](const std::string& current) {  // "มาตราส่วน 4 ระดับ (likert4)"
      json out = json::array();
      for (auto& [id, scale] : scales.items())
        out.push_back(
            {{"value", id}, {"label", scale.value("name_th", id) + " (" + id + ")"}, {"selected", id == current}});
      return out;
    };
    auto options = [&](const std::vector<std::string>& values, const std::string& current, const char* prefix) {
      json out = json::array();
      for (const std::string& v : values)
        out.push_back({{"value", v},
                       {"label", v.empty() ? std::string(pages_.t(req, "framework.role.none"))
                                           : std::string(pages_.t(req, std::string(prefix) + v))},
                       {"selected", v == current}});
      return out;
    };
    json items = json::array();
    for (const json& it : doc.value("items", json::array())) {
      bool oit = it.value("tool", "") == "OIT";
      json cadence = it.value("cadence", json::object());
      std::string sub = it.value("sub_indicator", "");
      json sub_options = json::array();
      for (const json& s : subs)
        sub_options.push_back({{"value", s["code"]},
                               {"label", s["code"].get<std::string>() + " " + s["name"].get<std::string>()},
                               {"selected", s["code"] == sub}});
      int indicator = it.contains("indicator") && it["indicator"].is_number_integer() ? it["indicator"].get<int>() : 0;
      items.push_back({{"code", it.value("code", "")},
                       {"oit", oit},
                       {"tool", it.value("tool", "")},
                       {"title", oit ? it.value("name_th", "") : it.value("question_th", "")},
                       {"name_en", oit ? it.value("name_en", "") : it.value("summary_en", "")},
                       {"indicators", oit ? json::array() : number_options(indicator, it.value("tool", ""))},
                       {"scales", scale_options(it.value("scale", ""))},
                       {"polarities", options(kPolarities, it.value("polarity", "positive"), "framework.polarity.")},
                       {"sub_questions", text_of_sub_questions(it.value("sub_questions", json::array()))},
                       {"requirement", it.value("requirement", "")},
                       {"subs", sub_options},
                       {"source", it.value("source", "")},
                       {"verified", it.value("verified", false)},
                       {"cadences", options(kCadences, cadence.value("kind", "standing"), "oit.cadence.")},
                       {"previous", cadence.value("fiscal_year", "current") == "previous"},
                       {"roles", role_options(req, it)},
                       {"answer_with_evidence", it.value("answer_with", "page") == "evidence"},
                       {"action", draft_path(year) + "/items/" + it.value("code", "")}});
    }
    json crosswalk = json::array();
    bool has_crosswalk = doc.contains("crosswalk") && doc["crosswalk"].is_object();
    if (has_crosswalk) {
      const json map = doc["crosswalk"].value("map", json::object());  // kept alive for items()
      for (auto& [from, to] : map.items())
        crosswalk.push_back({{"from", from}, {"to", to.is_string() ? to.get<std::string>() : ""}});
    }
    json a = doc.value("assessment", json::object());
    json data = {{"title", std::string(pages_.t(req, "framework.draft_title")) + " " + std::to_string(year)},
                 {"year", std::to_string(year)},
                 {"action", draft_path(year)},
                 {"based_on", d->based_on},
                 {"updated", calendar::format_time(d->updated_at, req.lang)},
                 {"updated_by", d->updated_by},
                 {"problem", d->problem.value_or("")},
                 {"ready", !d->problem},
                 {"saved", req.query_param("saved").value_or("")},
                 {"title_th", doc.value("title_th", "")},
                 {"title_en", doc.value("title_en", "")},
                 {"note", doc.value("note", "")},
                 {"provisional", doc.value("provisional", false)},
                 {"provisional_note", doc.value("provisional_note", "")},
                 {"pass_mark", fixed(doc.value("pass_mark", json()))},
                 {"oit_opens", a.value("oit_opens", "")},
                 {"oit_closes", a.value("oit_closes", "")},
                 {"clarification_opens", a.value("clarification_opens", "")},
                 {"clarification_closes", a.value("clarification_closes", "")},
                 {"assessment_verified", a.value("verified", false)},
                 {"assessment_note", a.value("note", "")},
                 {"tools", tools},
                 {"levels", levels},
                 {"bands", bands},
                 {"items", items},
                 {"new_item_action", draft_path(year) + "/items/new"},
                 {"new_subs", subs},
                 {"new_cadences", options(kCadences, "standing", "oit.cadence.")},
                 {"new_survey_indicators",
                  [&] {
                    json both = number_options(0, "IIT");
                    for (json& o : number_options(0, "EIT")) both.push_back(std::move(o));
                    return both;
                  }()},
                 {"new_scales", scale_options("likert4")},
                 {"new_polarities", options(kPolarities, "positive", "framework.polarity.")},
                 {"indicator_rows", indicator_rows},
                 {"sub_rows", sub_rows},
                 {"has_crosswalk", has_crosswalk},
                 {"crosswalk", crosswalk},
                 {"crosswalk_from", has_crosswalk ? std::to_string(doc["crosswalk"].value("from_year", 0)) : ""},
                 {"crosswalk_confirmed", has_crosswalk && doc["crosswalk"].value("verified", false)}};
    return pages_.form(req, "frameworks/draft", std::move(data), error, status);
  }

  Response import_page(Request& req, const std::optional<Error>& error, int status) {
    json data = {{"title", std::string(pages_.t(req, "framework.import_title"))},
                 {"may_publish", operates_installation(req)},
                 {"note", req.method == Method::post ? req.form().value("note") : ""}};
    // The loader names the entry at fault ("items[3]: code O1 appears twice"): the person who
    // edited the file needs exactly that (Error::said).
    return pages_.form(req, "frameworks/import", std::move(data), error, status);
  }

  Service& svc_;
  accounts::Service& accounts_;
  web::Pages& pages_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts) {
  auto h = std::make_shared<Handlers>(svc, accounts, pages);
  const Access admin = Access::roles({Role::admin});
  router.add(Route(Method::get, "/admin/framework/{year}/file", admin, http::member(h, &Handlers::file)));
  router.add(Route(Method::get, "/admin/framework/import", admin, http::member(h, &Handlers::form)));
  router.add(Route(Method::post, "/admin/framework/import", admin, http::member(h, &Handlers::publish)))
      .takes(http::BodyRule::upload(Service::kMaxDocumentBytes + (64 << 10), 4096));
  router.add(Route(Method::post, "/admin/framework/drafts", admin, http::member(h, &Handlers::start)))
      .takes(http::BodyRule::small_form());
  router.add(Route(Method::get, "/admin/framework/{year}/draft", admin, http::member(h, &Handlers::draft_page)));
  router
      .add(Route(Method::post, "/admin/framework/{year}/draft/publish", admin,
                 http::member(h, &Handlers::publish_draft)))
      .takes(http::BodyRule::small_form());
  router.add(Route(Method::post, "/admin/framework/{year}/draft/discard", admin, http::member(h, &Handlers::discard)))
      .takes(http::BodyRule::small_form());
  router
      .add(Route(Method::post, "/admin/framework/{year}/draft/items/{code}", admin,
                 http::member(h, &Handlers::edit_item)))
      .takes(http::BodyRule::form(http::BodyRule::kTextFormBytes));
  router.add(Route(Method::post, "/admin/framework/{year}/draft/{section}", admin, http::member(h, &Handlers::edit)))
      .takes(http::BodyRule::form(http::BodyRule::kTextFormBytes));
}

}  // namespace prongsai::frameworks
