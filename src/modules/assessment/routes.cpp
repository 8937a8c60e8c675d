// The admin's OIT answer sheet: /assessment (this fiscal year's), /assessment/{year}/answers
// (every item's line, proposed or changed), /assessment/{year}/answers/{code} (one line's form,
// saved or put back to the proposal), and the sheet as answers.csv, answers.xlsx and
// answers.pdf. URLs are made under the site's public address (http::public_origin).
// /assessment/{year}/results: the assessor's scores typed or pasted in (a stage at a time:
// preliminary, then final) and the survey tools' scores, the totals and level by the year's
// framework beside Prongsai's estimate, and the items the estimate got wrong.
// /assessment/{year}/clarifications: the items scored 0 at the preliminary stage, each disputed
// with a draft citing the snapshot, edited, marked filed, and its outcome from the final score.
// /assessment/{year}/proposals: the items that lost points (OIT scored 0, EIT/IIT items under
// the target) proposed for the next year's plan, taken in through its prefilled issue form or
// dropped with a reason.
// POST /assessment/{year}/snapshot: the answers were submitted in ITAS; the public pages and
// evidence are kept as served, for anyone at /ita/{year}/snapshot/{slug} (its files by hash).
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "http/errors.hpp"
#include "modules/assessment/module.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/surveys/surveys.hpp"

namespace prongsai::assessment {
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
  Handlers(Answers& answers, Results& results, Snapshots& snapshots, Clarifications& clarifications, Losses& losses,
           surveys::Service& surveys, const framework::Catalogue& catalogue, const http::Router& router,
           web::Pages& pages, const Clock& clock)
      : answers_(answers),
        results_(results),
        snapshots_(snapshots),
        clarifications_(clarifications),
        losses_(losses),
        surveys_(surveys),
        catalogue_(catalogue),
        router_(router),
        pages_(pages),
        clock_(clock) {}

  Response current(Request&) { return this_years("answers"); }

  Response sheet(Request& req) {
    auto s = load(req);
    if (!s) return pages_.error(req, s.error());
    const std::string year = std::to_string(s->fiscal_year);
    // Evidence changed since the answers were last submitted: the link no longer shows what the
    // assessor was sent to.
    const std::vector<Snapshot> all = snapshots_.list(req.agency_id, s->fiscal_year);  // newest first
    std::optional<Snapshot> latest;
    if (!all.empty())
      if (auto got = snapshots_.get(req.agency_id, s->fiscal_year, all.front().slug)) latest = std::move(*got);
    std::set<std::string> changed;
    if (latest) changed = snapshots_.changed_since(*latest, req.agency_id, today());
    json rows = json::array();
    for (const AnswerLine& l : s->lines) {
      json row = line_json(req, *s, l);
      row["changed"] = changed.contains(l.item->code);
      rows.push_back(std::move(row));
    }
    json taken = json::array();
    for (const Snapshot& snap : all)
      taken.push_back({{"href", "/ita/" + year + "/snapshot/" + snap.slug},
                       {"when", calendar::format_time(snap.taken_at, req.lang, calendar::Style::long_form)},
                       {"by", snap.taken_by}});
    return pages_.page(req, "assessment/answers",
                       {{"title", text::fill(std::string(pages_.t(req, "assessment.sheet_title")), "year", year)},
                        {"year", year},
                        {"yes", s->yes()},
                        {"items", s->lines.size()},
                        {"rows", rows},
                        {"snapshots", taken},
                        {"has_snapshots", !taken.empty()},
                        {"latest_date", latest ? calendar::format(latest->taken_on, req.lang) : ""},
                        {"changed", changed.size()},
                        {"has_changed", !changed.empty()},
                        {"snapshot_taken", req.query_param("snapshot").value_or("")},
                        {"saved", req.query_param("saved").value_or("")}});
  }

  Response edit(Request& req) {
    auto s = load(req);
    if (!s) return pages_.error(req, s.error());
    const AnswerLine* l = s->find(text::ascii_upper(req.param("code")));
    if (!l) return pages_.error(req, Error::not_found("item"));
    const Answer& a = l->answer();
    return form(req, *s, *l, {a.has ? "yes" : "no", urls_text(a), a.explanation}, std::nullopt, 200);
  }

  Response save(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const std::string code = text::ascii_upper(req.param("code"));
    const http::Form& f = req.form();
    AnswerInput in{f.value("answer"), f.value("urls"), f.value("explanation")};
    auto r = answers_.save(*req.principal, *year, code, in);
    if (!r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      auto s = load(req);
      if (!s) return pages_.error(req, s.error());
      const AnswerLine* l = s->find(code);
      if (!l) return pages_.error(req, Error::not_found("item"));
      return form(req, *s, *l, in, r.error(), 422);
    }
    return Response::redirect("/assessment/" + std::to_string(*year) + "/answers?saved=" + code + "#" + code);
  }

  Response reset(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const std::string code = text::ascii_upper(req.param("code"));
    if (auto r = answers_.reset(*req.principal, *year, code); !r) return pages_.error(req, r.error());
    return Response::redirect("/assessment/" + std::to_string(*year) + "/answers?saved=" + code + "#" + code);
  }

  Response csv(Request& req) {
    auto s = load(req);
    if (!s) return pages_.error(req, s.error());
    return Response::file(answers_csv(*s, req.lang), "text/csv; charset=utf-8", file_name(*s, "csv"));
  }

  Response document(Request& req, documents::Format format) {
    auto s = load(req);
    if (!s) return pages_.error(req, s.error());
    return Response::file(documents::render(answer_report(*s, req.lang), format),
                          std::string(documents::content_type(format)),
                          file_name(*s, std::string(documents::extension(format))));
  }

  // The answers were submitted in ITAS: the public pages and evidence are kept as served now.
  Response take_snapshot(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    RenderPage render = [this](std::int64_t agency, const std::string& origin,
                               const std::string& path) -> std::optional<Served> {
      auto res = http::get_anonymous(router_, path, agency, origin, Lang::th);
      if (!res || res->status != 200) return std::nullopt;
      return Served{std::string(res->find_header("Content-Type")), std::string(res->body_view())};
    };
    auto slug = snapshots_.take(*req.principal, *year, http::public_origin(req), today(), render);
    if (!slug) return pages_.error(req, slug.error());
    return Response::redirect("/assessment/" + std::to_string(*year) + "/answers?snapshot=" + *slug + "#snapshots");
  }

  // The year's snapshots, for anyone: each is what the public pages showed that day.
  Response snapshots(Request& req) {
    auto year = year_of(req);
    if (!year || !catalogue_.year(*year)) return pages_.error(req, Error::not_found());
    const std::string y = std::to_string(*year);
    json list = json::array();
    for (const Snapshot& snap : snapshots_.list(req.agency_id, *year))
      list.push_back({{"href", "/ita/" + y + "/snapshot/" + snap.slug},
                      {"when", calendar::format_time(snap.taken_at, req.lang, calendar::Style::long_form)}});
    return pages_.page(req, "assessment/snapshots",
                       {{"title", text::fill(std::string(pages_.t(req, "assessment.snapshots_title")), "year", y)},
                        {"year", y},
                        {"snapshots", list},
                        {"has_snapshots", !list.empty()}});
  }

  Response snapshot(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    auto snap = snapshots_.get(req.agency_id, *year, req.param("slug"));
    if (!snap) return pages_.error(req, snap.error());
    const std::string y = std::to_string(*year);
    const std::string base = "/ita/" + y + "/snapshot/" + snap->slug;
    std::map<std::string, std::string> kept_pages;  // path → its kept copy
    json pages = json::array();
    for (const KeptPage& p : snap->pages) {
      kept_pages[p.path] = base + "/files/" + p.sha256;
      pages.push_back({{"path", p.path},
                       {"href", base + "/files/" + p.sha256},
                       {"sha256", p.sha256},
                       {"size", files::size_label(p.size)}});
    }
    const std::string origin = http::public_origin(req);
    json items = json::array();
    for (const KeptItem& k : snap->items) {
      json evidence = json::array();
      for (const KeptEvidence& e : k.evidence) {
        const bool is_file = e.kind == "file";
        std::string href, address;
        if (is_file) {
          href = base + "/files/" + e.file.sha256;
          address = origin + "/ita/" + y + "/" + k.item->code + "/files/" + std::to_string(e.id);
        } else if (e.produced) {
          auto kept = kept_pages.find(e.url);
          href = kept != kept_pages.end() ? kept->second : "";
          address = origin + e.url;
        } else if (e.kind == "link") {
          address = e.url;
        }
        evidence.push_back({{"title", e.title},
                            {"body", e.body},
                            {"period", e.period.empty() ? "" : disclosure::period_label(e.period, req.lang)},
                            {"date", calendar::format(e.published_on, req.lang, calendar::Style::long_form)},
                            {"is_file", is_file},
                            {"produced", e.produced},
                            {"href", href},
                            {"address", address},
                            {"file", is_file ? files::type_label(e.file) + ", " + files::size_label(e.file.size) : ""},
                            {"sha256", is_file ? e.file.sha256 : ""}});
      }
      auto page = kept_pages.find("/ita/" + y + "/" + k.item->code);
      items.push_back({{"code", k.item->code},
                       {"name", std::string(k.item->name(req.lang))},
                       {"has", k.answer.has},
                       {"urls", k.answer.urls},
                       {"explanation", k.answer.explanation},
                       {"status_label", std::string(pages_.t(req, "oit.status." + k.status))},
                       {"status", k.status},
                       {"page", page != kept_pages.end() ? page->second : ""},
                       {"evidence", evidence},
                       {"has_evidence", !evidence.empty()}});
    }
    const std::string when = calendar::format_time(snap->taken_at, req.lang, calendar::Style::long_form);
    return pages_.page(
        req, "assessment/snapshot",
        {{"title", text::fill(text::fill(std::string(pages_.t(req, "assessment.snapshot_title")), "year", y), "date",
                              calendar::format(snap->taken_on, req.lang, calendar::Style::long_form))},
         {"year", y},
         {"when", when},
         {"pages", pages},
         {"counts", text::fill(text::fill(text::fill(std::string(pages_.t(req, "assessment.snapshot_counts")), "items",
                                                     std::to_string(snap->items.size())),
                                          "pages", std::to_string(snap->pages.size())),
                               "files", std::to_string(snap->files()))},
         {"items", items},
         {"breadcrumbs",
          json::array({{{"label", std::string(pages_.t(req, "oit.public_title")) + " " + y}, {"href", "/ita/" + y}},
                       {{"label", std::string(pages_.t(req, "assessment.snapshots_short"))},
                        {"href", "/ita/" + y + "/snapshot"}}})}});
  }

  Response snapshot_file(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    auto kept = snapshots_.file(req.agency_id, *year, req.param("slug"), req.param("sha256"));
    if (!kept) return pages_.error(req, kept.error());
    return files::download(kept->ref, std::move(kept->data));
  }

  Response current_clarifications(Request&) { return this_years("clarifications"); }

  Response clarifications(Request& req) { return clarifications_page(req, std::nullopt, "", "", 200); }

  Response open_clarification(Request& req) {
    return clarification_change(req, [&](int year, const std::string& code) {
      return clarifications_.open(*req.principal, year, code, http::public_origin(req));
    });
  }

  Response save_clarification(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const std::string code = text::ascii_upper(req.param("code"));
    const std::string body = req.form().value("body");
    if (auto r = clarifications_.save(*req.principal, *year, code, body); !r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return clarifications_page(req, r.error(), code, body, 422);
    }
    return Response::redirect("/assessment/" + std::to_string(*year) + "/clarifications?saved=" + code + "#" + code);
  }

  Response sent_clarification(Request& req) {
    return clarification_change(req, [&](int year, const std::string& code) {
      return clarifications_.mark_sent(*req.principal, year, code, req.form().value("sent") == "1");
    });
  }

  Response withdraw_clarification(Request& req) {
    return clarification_change(
        req, [&](int year, const std::string& code) { return clarifications_.withdraw(*req.principal, year, code); });
  }

  Response current_results(Request&) { return this_years("results"); }

  Response results(Request& req) { return results_page(req, std::nullopt, 200, {}); }

  Response save_items(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    auto stage = parse_stage(f.value("stage"));
    if (!stage) return pages_.error(req, Error::invalid_field("stage", "error.choice"));
    const framework::Framework* fw = catalogue_.year(*year);
    if (!fw) return pages_.error(req, Error::no_framework(*year));
    std::vector<ItemScoreInput> lines;
    for (const framework::Item* item : fw->items_of(framework::Tool::oit))
      lines.push_back({item->code, f.value("score_" + item->code), f.value("comment_" + item->code)});
    if (auto r = results_.save_items(*req.principal, *year, *stage, lines); !r) return refused(req, r.error(), f);
    return Response::redirect(results_path(*year, *stage) + "&saved=items");
  }

  Response import(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    auto stage = parse_stage(f.value("stage"));
    if (!stage) return pages_.error(req, Error::invalid_field("stage", "error.choice"));
    auto n = results_.import_items(*req.principal, *year, *stage, f.value("import"));
    if (!n) return refused(req, n.error(), f);
    return Response::redirect(results_path(*year, *stage) + "&saved=import");
  }

  Response import_survey_items(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    auto n = results_.import_survey_items(*req.principal, *year, f.value("survey_import"));
    if (!n) return refused(req, n.error(), f);
    return Response::redirect("/assessment/" + std::to_string(*year) + "/results?saved=survey_items");
  }

  Response proposals(Request& req) { return proposals_page(req, std::nullopt, "", 200); }

  Response drop_proposal(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const std::string code = text::ascii_upper(req.param("code"));
    if (auto r = losses_.drop(*req.principal, *year, code, req.form().value("reason")); !r) {
      if (r.error().kind != ErrorKind::invalid) return pages_.error(req, r.error());
      return proposals_page(req, r.error(), code, 422);
    }
    return Response::redirect("/assessment/" + std::to_string(*year) + "/proposals#lost-" + code);
  }

  Response restore_proposal(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const std::string code = text::ascii_upper(req.param("code"));
    if (auto r = losses_.restore(*req.principal, *year, code); !r) return pages_.error(req, r.error());
    return Response::redirect("/assessment/" + std::to_string(*year) + "/proposals#lost-" + code);
  }

  Response save_tools(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const http::Form& f = req.form();
    auto r = results_.save_tools(*req.principal, *year, {{"eit", f.value("eit")}, {"iit", f.value("iit")}});
    if (!r) return refused(req, r.error(), f);
    return Response::redirect("/assessment/" + std::to_string(*year) + "/results?saved=tools");
  }

 private:
  calendar::Date today() const { return calendar::local_date(clock_.now()); }
  // The {year} of the path: a fiscal year, or none for anything else.
  static std::optional<int> year_of(const Request& req) {
    auto year = req.id_param("year");
    if (!year || *year > 3000) return std::nullopt;
    return static_cast<int>(*year);
  }
  // /assessment/{this fiscal year}/{page}.
  Response this_years(std::string_view page) const {
    return Response::redirect("/assessment/" + std::to_string(calendar::FiscalYear::of(today()).be()) + "/" +
                              std::string(page));
  }
  static std::string results_path(std::int64_t year, Stage stage) {
    return "/assessment/" + std::to_string(year) +
           "/results?stage=" + (stage == Stage::final ? "final" : "preliminary");
  }

  Response refused(Request& req, const Error& e, const http::Form& f) {
    if (e.kind != ErrorKind::invalid) return pages_.error(req, e);
    // What was typed goes back into the form: the fields the page has.
    std::map<std::string, std::string> typed;
    std::vector<std::string> names = {"stage", "eit", "iit", "import", "survey_import"};
    if (auto year = year_of(req))
      if (const framework::Framework* fw = catalogue_.year(*year))
        for (const framework::Item* item : fw->items_of(framework::Tool::oit)) {
          names.push_back("score_" + item->code);
          names.push_back("comment_" + item->code);
        }
    for (const std::string& name : names)
      if (f.has(name)) typed[name] = f.value(name);
    return results_page(req, e, 422, typed);
  }

  static std::string score_text(std::optional<double> v) { return v ? text::fixed(*v, 2) : ""; }

  Response results_page(Request& req, const std::optional<Error>& error, int status,
                        const std::map<std::string, std::string>& typed) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const int y = *year;
    auto r = results_.result(req.agency_id, y, today(), estimated_tools(surveys_, *req.principal, y));
    if (!r) return pages_.error(req, r.error());
    bool any_final = false;
    for (const ItemResult& i : r->items) any_final = any_final || i.final.has_value();
    std::string stage_name = req.query_param("stage").value_or(typed.count("stage") ? typed.at("stage") : "");
    Stage stage = parse_stage(stage_name).value_or(any_final ? Stage::final : Stage::preliminary);
    const bool fin = stage == Stage::final;
    auto value = [&](const std::string& name, const std::string& otherwise) {
      auto it = typed.find(name);
      return it != typed.end() ? it->second : otherwise;
    };
    auto label = [&](std::optional<int> v) {
      return v ? std::string(pages_.t(req, *v == 100 ? "assessment.pass" : "assessment.fail")) : std::string("—");
    };
    const std::string bad = error ? error->field : "";  // the row at fault is marked
    json rows = json::array(), missed = json::array();
    for (const ItemResult& i : r->items) {
      const std::string code = i.item->code;
      std::optional<int> current = fin ? i.final : i.preliminary;
      const std::string chosen = value("score_" + code, current ? std::to_string(*current) : "");
      std::string name(i.item->name(req.lang));
      rows.push_back(
          {{"code", code},
           {"name", name},
           {"estimate", std::string(pages_.t(req, i.estimated_pass ? "assessment.pass" : "assessment.fail"))},
           {"preliminary", label(i.preliminary)},
           {"final", label(i.final)},
           {"is_100", chosen == "100"},
           {"is_0", chosen == "0"},
           {"is_none", chosen != "100" && chosen != "0"},
           {"comment", value("comment_" + code, i.comment)},
           {"bad_score", bad == "score_" + code},
           {"bad_comment", bad == "comment_" + code},
           {"missed", i.missed()}});
      if (i.missed())
        missed.push_back({{"code", code},
                          {"name", name},
                          {"said", std::string(pages_.t(
                                       req, i.estimated_pass ? "assessment.missed_pass" : "assessment.missed_fail"))},
                          {"comment", i.comment}});
    }
    json tools = json::array();
    for (const ToolResult& t : r->tools) {
      std::optional<double> diff;
      if (t.real && t.estimate) diff = *t.real - *t.estimate;
      tools.push_back({{"code", t.code},
                       {"oit", t.tool == framework::Tool::oit},
                       {"key", t.tool == framework::Tool::eit ? "eit" : "iit"},
                       {"weight", text::fixed(t.weight * 100, 0)},
                       {"real", score_text(t.real)},
                       {"estimate", score_text(t.estimate)},
                       {"typed", value(t.tool == framework::Tool::eit ? "eit" : "iit", score_text(t.real))},
                       {"diff", diff ? (*diff > 0 ? "+" : "") + text::fixed(*diff, 2) : ""}});
    }
    // The EIT and IIT items' scores from ITAS, those under the agency's target marked.
    const int target = surveys_.target(req.agency_id);
    json survey_items = json::array();
    for (const auto& [code, score] : results_.survey_items(req.agency_id, y)) {
      const framework::Item* item = r->framework->item(code);
      survey_items.push_back({{"code", code},
                              {"text", item ? std::string(item->title_th()) : ""},
                              {"score", text::fixed(score, 2)},
                              {"below", score < target}});
    }
    const std::string ys = std::to_string(y);
    json data{
        {"title", text::fill(std::string(pages_.t(req, "assessment.results_title")), "year", ys)},
        {"year", ys},
        {"final_stage", fin},
        {"stage", fin ? "final" : "preliminary"},
        {"stage_label", std::string(pages_.t(req, fin ? "assessment.stage.final" : "assessment.stage.preliminary"))},
        {"other_stage", fin ? "preliminary" : "final"},
        {"other_stage_label",
         std::string(pages_.t(req, fin ? "assessment.stage.preliminary" : "assessment.stage.final"))},
        {"rows", rows},
        {"missed", missed},
        {"has_missed", !missed.empty()},
        {"tools", tools},
        {"scored", r->scored},
        {"items", r->items.size()},
        {"complete", r->scored == r->items.size()},
        {"all_final", r->final},
        {"total", score_text(r->total)},
        {"level", r->level},
        {"estimated_total", score_text(r->estimated_total)},
        {"estimated_level", r->estimated_level},
        {"import_text", value("import", "")},
        {"survey_import_text", value("survey_import", "")},
        {"survey_items", survey_items},
        {"has_survey_items", !survey_items.empty()},
        {"target", std::to_string(target)},
        {"saved", req.query_param("saved").value_or("")}};
    return pages_.form(req, "assessment/results", std::move(data), error, status);
  }

  // A change to one item's clarification, then back to its place on the page.
  Response clarification_change(Request& req, const std::function<Result<void>(int, const std::string&)>& change) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    const std::string code = text::ascii_upper(req.param("code"));
    if (auto r = change(*year, code); !r) return pages_.error(req, r.error());
    return Response::redirect("/assessment/" + std::to_string(*year) + "/clarifications?saved=" + code + "#" + code);
  }

  Response clarifications_page(Request& req, const std::optional<Error>& error, const std::string& bad_code,
                               const std::string& typed, int status) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    auto round = clarifications_.round(req.agency_id, *year);
    if (!round) return pages_.error(req, round.error());
    const std::string y = std::to_string(*year);
    json items = json::array();
    for (const Clarification& c : round->items) {
      const std::string state(to_string(c.state()));
      const bool bad = c.item->code == bad_code;
      items.push_back(
          {{"code", c.item->code},
           {"name", std::string(c.item->name(req.lang))},
           {"body", bad ? typed : c.body},
           {"bad", bad},
           {"comment", c.comment},
           {"state", state},
           {"state_label", std::string(pages_.t(req, "assessment.clarification." + state))},
           {"sent", c.sent_at != 0},
           {"sent_at", c.sent_at ? calendar::format_time(c.sent_at, req.lang) : ""},
           {"snapshot", c.snapshot.empty() ? "" : "/ita/" + y + "/snapshot/" + c.snapshot + "#" + c.item->code},
           {"snapshot_date", c.snapshot.empty() ? "" : calendar::format(c.snapshot_on, req.lang)}});
    }
    json disputable = json::array();
    for (const framework::Item* item : round->disputable)
      disputable.push_back({{"code", item->code}, {"name", std::string(item->name(req.lang))}});
    auto latest = snapshots_.latest(req.agency_id, *year);
    const calendar::Date now = today();
    std::string window, window_state;
    if (round->window) {
      window = calendar::format_period(*round->window, req.lang);
      window_state = now < round->window->first ? "before" : now > round->window->last ? "after" : "open";
    }
    json data{{"title", text::fill(std::string(pages_.t(req, "assessment.clarifications_title")), "year", y)},
              {"year", y},
              {"window", window},
              {"window_open", window_state == "open"},
              {"window_after", window_state == "after"},
              {"window_unverified",
               round->window && round->framework->oit_collection && !round->framework->oit_collection->verified},
              {"items", items},
              {"has_items", !items.empty()},
              {"disputable", disputable},
              {"has_disputable", !disputable.empty()},
              {"has_snapshot", latest.has_value()},
              {"saved", req.query_param("saved").value_or("")}};
    return pages_.form(req, "assessment/clarifications", std::move(data), error, status);
  }

  // Lost points of a year for the next year's plan; `error` belongs to the drop form of `code`.
  Response proposals_page(Request& req, const std::optional<Error>& error, const std::string& code, int status) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found());
    auto all = losses_.proposals(*req.principal, *year);
    if (!all) return pages_.error(req, all.error());
    const std::string y = std::to_string(*year), plan_year = std::to_string(all->plan_year);
    json items = json::array();
    std::size_t open = 0;
    for (const LostPoint& p : all->items) {
      const bool here = error && p.item->code == code;
      const bool is_open = !p.issue_id && !p.dropped;
      open += is_open ? 1 : 0;
      const bool oit = p.item->tool == framework::Tool::oit;
      items.push_back(
          {{"code", p.item->code},
           {"name", std::string(oit ? p.item->name(req.lang) : p.item->title_th())},
           {"oit", oit},
           {"score", oit ? "0" : text::fixed(p.score, 2)},
           {"comment", p.comment},
           {"in_plan", p.issue_id.has_value()},
           {"issue_href", p.issue_id ? "/measures/plans/" + plan_year + "#issue-" + std::to_string(*p.issue_id) : ""},
           {"dropped", p.dropped && !p.issue_id},
           {"open", is_open},
           {"can_accept", !p.plan_code.empty()},
           {"accept_href", "/measures/plans/" + plan_year + "/issues/new?item=" + p.plan_code},
           {"plan_code", p.plan_code},
           {"reason", p.drop_reason},
           {"dropped_by", p.dropped_by},
           {"dropped_on", p.dropped_at ? calendar::format(calendar::local_date(p.dropped_at), req.lang) : ""},
           {"drop_action", "/assessment/" + y + "/proposals/" + p.item->code + "/drop"},
           {"restore_action", "/assessment/" + y + "/proposals/" + p.item->code + "/restore"},
           {"reason_value", here ? req.form().value("reason") : ""},
           {"bad", here}});
    }
    json data{{"title", text::fill(text::fill(std::string(pages_.t(req, "assessment.proposals_title")), "year", y),
                                   "plan_year", plan_year)},
              {"year", y},
              {"plan_year", plan_year},
              {"plan_href", "/measures/plans/" + plan_year},
              {"plan_exists", all->plan_exists},
              {"target", std::to_string(all->target)},
              {"items", items},
              {"has_items", !items.empty()},
              {"open_count", std::to_string(open)}};
    return pages_.form(req, "assessment/proposals", std::move(data), error, status);
  }

  Result<AnswerSheet> load(const Request& req) {
    auto year = year_of(req);
    if (!year) return fail(Error::not_found());
    return answers_.sheet(req.agency_id, *year, http::public_origin(req), today(), req.lang);
  }

  static std::string file_name(const AnswerSheet& s, const std::string& ext) {
    return "ita-answers-" + std::to_string(s.fiscal_year) + "." + ext;
  }

  json line_json(const Request& req, const AnswerSheet& s, const AnswerLine& l) {
    const Answer& a = l.answer();
    return {{"code", l.item->code},
            {"name", std::string(l.item->name(req.lang))},
            {"href", "/assessment/" + std::to_string(s.fiscal_year) + "/answers/" + l.item->code},
            {"has", a.has},
            {"urls", a.urls},
            {"explanation", a.explanation},
            {"status", l.readiness},
            {"status_label", std::string(pages_.t(req, "oit.status." + l.readiness))},
            {"reason", l.reason},
            {"edited", l.edited.has_value()},
            {"differs", l.edited && l.edited->has != l.proposed.has}};
  }

  Response form(Request& req, const AnswerSheet& s, const AnswerLine& l, const AnswerInput& in,
                const std::optional<Error>& error, int status) {
    const std::string year = std::to_string(s.fiscal_year);
    json data = line_json(req, s, l);
    data["title"] = l.item->code + " " + data["name"].get<std::string>();
    data["year"] = year;
    data["yes_checked"] = in.answer == "yes";
    data["no_checked"] = in.answer != "yes";
    data["urls_text"] = in.urls;
    data["explanation_text"] = in.explanation;
    data["proposed_has"] = l.proposed.has;
    data["proposed_urls"] = l.proposed.urls;
    data["proposed_explanation"] = l.proposed.explanation;
    data["edited_by"] = l.edited_by;
    data["edited_at"] = l.edited ? calendar::format_time(l.edited_at, req.lang) : "";
    data["breadcrumbs"] = json::array({{{"label", std::string(pages_.t(req, "assessment.sheet_short")) + " " + year},
                                        {"href", "/assessment/" + year + "/answers"}}});
    return pages_.form(req, "assessment/answer_edit", std::move(data), error, status);
  }

  Answers& answers_;
  Results& results_;
  Snapshots& snapshots_;
  Clarifications& clarifications_;
  Losses& losses_;
  surveys::Service& surveys_;
  const framework::Catalogue& catalogue_;
  const http::Router& router_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

void mount(web::Host& host) {
  http::Router& router = host.router();
  web::Pages& pages = host.pages();
  auto h = std::make_shared<Handlers>(host.get<Answers>(), host.get<Results>(), host.get<Snapshots>(),
                                      host.get<Clarifications>(), host.get<Losses>(), host.get<surveys::Service>(),
                                      host.catalogue(), router, pages, host.clock());
  const Access admin = Access::roles({Role::admin});
  router.add(Route(Method::get, "/assessment", admin, http::member(h, &Handlers::current)));
  router.add(Route(Method::get, "/assessment/{year}/answers", admin, http::member(h, &Handlers::sheet)));
  router.add(Route(Method::get, "/assessment/{year}/answers.csv", admin, http::member(h, &Handlers::csv)));
  // Documents are made on a worker: a PDF takes tens of milliseconds.
  router.add(Route(Method::get, "/assessment/{year}/answers.xlsx", admin, [h](Request& req) {
               return h->document(req, documents::Format::xlsx);
             }).on(http::Work::worker_pool));
  router.add(Route(Method::get, "/assessment/{year}/answers.pdf", admin, [h](Request& req) {
               return h->document(req, documents::Format::pdf);
             }).on(http::Work::worker_pool));
  router.add(Route(Method::get, "/assessment/{year}/answers/{code}", admin, http::member(h, &Handlers::edit)));
  router.add(Route(Method::post, "/assessment/{year}/answers/{code}", admin, http::member(h, &Handlers::save))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/assessment/{year}/answers/{code}/reset", admin, http::member(h, &Handlers::reset))
                 .takes(http::BodyRule::small_form()));
  // Every public page of the year rendered and kept: on a worker.
  router.add(Route(Method::post, "/assessment/{year}/snapshot", admin, http::member(h, &Handlers::take_snapshot))
                 .takes(http::BodyRule::small_form()));
  router.add(
      Route(Method::get, "/ita/{year}/snapshot", Access::anyone(), http::member(h, &Handlers::snapshots)).cached());
  router.add(Route(Method::get, "/ita/{year}/snapshot/{slug}", Access::anyone(), http::member(h, &Handlers::snapshot))
                 .cached());
  router.add(Route(Method::get, "/ita/{year}/snapshot/{slug}/files/{sha256}", Access::anyone(),
                   http::member(h, &Handlers::snapshot_file))
                 .on(http::Work::worker_pool));  // up to the upload limit to read
  router.add(
      Route(Method::get, "/assessment/clarifications", admin, http::member(h, &Handlers::current_clarifications)));
  router.add(
      Route(Method::get, "/assessment/{year}/clarifications", admin, http::member(h, &Handlers::clarifications)));
  router.add(Route(Method::post, "/assessment/{year}/clarifications/{code}", admin,
                   http::member(h, &Handlers::open_clarification))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/assessment/{year}/clarifications/{code}/body", admin,
                   http::member(h, &Handlers::save_clarification))
                 .takes(http::BodyRule::form(64 << 10)));
  router.add(Route(Method::post, "/assessment/{year}/clarifications/{code}/sent", admin,
                   http::member(h, &Handlers::sent_clarification))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/assessment/{year}/clarifications/{code}/withdraw", admin,
                   http::member(h, &Handlers::withdraw_clarification))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::get, "/assessment/results", admin, http::member(h, &Handlers::current_results)));
  router.add(Route(Method::get, "/assessment/{year}/results", admin, http::member(h, &Handlers::results)));
  // Every item's comment may be long: a form of up to 256 KB.
  router.add(Route(Method::post, "/assessment/{year}/results/items", admin, http::member(h, &Handlers::save_items))
                 .takes(http::BodyRule::form(256 << 10)));
  router.add(Route(Method::post, "/assessment/{year}/results/import", admin, http::member(h, &Handlers::import))
                 .takes(http::BodyRule::form(256 << 10)));
  router.add(Route(Method::post, "/assessment/{year}/results/survey-items", admin,
                   http::member(h, &Handlers::import_survey_items))
                 .takes(http::BodyRule::form(256 << 10)));
  router.add(Route(Method::get, "/assessment/{year}/proposals", admin, http::member(h, &Handlers::proposals)));
  router.add(
      Route(Method::post, "/assessment/{year}/proposals/{code}/drop", admin, http::member(h, &Handlers::drop_proposal))
          .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/assessment/{year}/proposals/{code}/restore", admin,
                   http::member(h, &Handlers::restore_proposal))
                 .takes(http::BodyRule::small_form()));
  router.add(Route(Method::post, "/assessment/{year}/results/tools", admin, http::member(h, &Handlers::save_tools))
                 .takes(http::BodyRule::small_form()));
  pages.add_menu({"menu.assessment", "/assessment", admin, "ita"});
  pages.add_menu({"menu.assessment_results", "/assessment/results", admin, "ita"});
}

}  // namespace prongsai::assessment
