#include "modules/surveys/surveys.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

#include "core/codes.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"
#include "documents/chart.hpp"

namespace prongsai::surveys {
namespace {

using http::Role;
using nlohmann::json;

constexpr std::string_view kColumns =
    "SELECT s.id AS id, s.token AS token, s.kind AS kind, s.year AS year, s.title AS title, s.questions AS questions, "
    "s.opens_on AS opens_on, s.closes_on AS closes_on, s.target AS target, s.framework_version AS framework_version, "
    "s.codes_required AS codes_required, ";
constexpr std::string_view kCounted =
    "(SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) AS responses FROM surveys s ";
// The public pages never show the count: counting every answer on each submission would make
// the thousandth answer slower than the first.
constexpr std::string_view kUncounted = "0 AS responses FROM surveys s ";
constexpr std::string_view kInsert =
    "INSERT INTO surveys (agency_id, token, kind, year, title, questions, opens_on, closes_on, target, created_at, "
    "updated_at, framework_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE surveys SET title = ?, questions = ?, opens_on = ?, closes_on = ?, target = ?, updated_at = ? "
    "WHERE agency_id = ? AND id = ?";
constexpr std::string_view kInsertResponse =
    "INSERT INTO survey_responses (id, agency_id, survey_id, day, answers) VALUES (?, ?, ?, ?, ?)";

constexpr std::string_view kSetCodesRequired =
    "UPDATE surveys SET codes_required = ?, updated_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kInsertCode = "INSERT INTO survey_codes (agency_id, survey_id, code_hash) VALUES (?, ?, ?)";
constexpr std::string_view kUseCode =
    "UPDATE survey_codes SET used = 1 WHERE survey_id = ? AND code_hash = ? AND used = 0 RETURNING 1";
constexpr std::string_view kCodeCounts =
    "SELECT COUNT(*) AS issued, COALESCE(SUM(used), 0) AS used FROM survey_codes WHERE agency_id = ? AND survey_id = ?";
constexpr std::string_view kDropCodes = "DELETE FROM survey_codes WHERE agency_id = ? AND survey_id = ?";

constexpr std::string_view kTarget = "SELECT proposal_target FROM survey_settings WHERE agency_id = ?";
constexpr std::string_view kSetTarget =
    "INSERT INTO survey_settings (agency_id, proposal_target) VALUES (?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET proposal_target = excluded.proposal_target";
constexpr std::string_view kDrops =
    "SELECT item_code, reason, dropped_by, dropped_at FROM survey_proposal_drops WHERE agency_id = ? AND plan_year = ?";
constexpr std::string_view kDrop =
    "INSERT INTO survey_proposal_drops (agency_id, plan_year, item_code, reason, dropped_by, dropped_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDropped =
    "SELECT reason FROM survey_proposal_drops WHERE agency_id = ? AND plan_year = ? AND item_code = ?";
constexpr std::string_view kRestore =
    "DELETE FROM survey_proposal_drops WHERE agency_id = ? AND plan_year = ? AND item_code = ?";

constexpr std::string_view kKinds[] = {"eit", "iit", "satisfaction"};
constexpr std::size_t kMaxTitle = 200, kMaxQuestionChars = 300;

std::string query(std::string_view where) { return std::string(kColumns) + std::string(kCounted) + std::string(where); }
std::string public_query(std::string_view where) {
  return std::string(kColumns) + std::string(kUncounted) + std::string(where);
}

Survey survey_from(const store::Row& r) {
  Survey s;
  s.id = r.integer("id");
  s.token = r.text("token");
  s.kind = parse_kind(r.text("kind")).value_or(Kind::satisfaction);
  s.year = static_cast<int>(r.integer("year"));
  s.title = r.text("title");
  std::string questions = r.text("questions");  // split() gives views into it
  for (auto q : text::split(questions, '\n'))
    if (!q.empty()) s.questions.emplace_back(q);
  s.opens_on = calendar::parse_iso(r.text("opens_on")).value_or(calendar::make_date(2000, 1, 1));
  s.closes_on = calendar::parse_iso(r.text("closes_on")).value_or(calendar::make_date(2000, 1, 1));
  s.target = r.integer("target");
  s.framework_version = static_cast<int>(r.integer("framework_version"));
  s.responses = r.integer("responses");
  s.codes_required = r.integer("codes_required") != 0;
  return s;
}

json audit_view(const Survey& s) {
  return {{"kind", std::string(to_string(s.kind))},
          {"year", s.year},
          {"title", s.title},
          {"questions", s.questions.size()},
          {"opens_on", calendar::iso(s.opens_on)},
          {"closes_on", calendar::iso(s.closes_on)},
          {"target", s.target}};
}

// A random positive id below 2^52: rows in no order a time could be read from.
std::int64_t random_id() {
  std::string b = crypto::random_bytes(8);
  std::uint64_t v = 0;
  for (unsigned char c : b) v = (v << 8) | c;
  return static_cast<std::int64_t>((v >> 12) | 1);
}

}  // namespace

std::string_view to_string(Kind k) { return kKinds[static_cast<int>(k)]; }
std::optional<Kind> parse_kind(std::string_view s) { return text::enum_named<Kind>(s, kKinds); }

const framework::Framework* Service::framework_of(const Survey& s) const {
  return frameworks_.made_with(s.year, s.framework_version);
}

Result<std::vector<Line>> Service::lines(const Survey& s) const {
  const framework::Framework* f = framework_of(s);
  if (!f) return fail(Error::no_framework(s.year));
  std::vector<Line> out;
  if (s.kind == Kind::satisfaction) {
    auto scale = f->answer_scales.find("likert4");
    if (scale == f->answer_scales.end()) return fail(Error::internal("no likert4 scale in the framework"));
    for (std::size_t i = 0; i < s.questions.size(); ++i) {
      std::string key = "S" + std::to_string(i + 1);
      out.push_back({key, key, "", s.questions[i], &scale->second, framework::Polarity::positive});
    }
    return out;
  }
  for (const framework::Item* item : f->items_of(s.kind == Kind::eit ? framework::Tool::eit : framework::Tool::iit)) {
    const framework::AnswerScale* scale = &f->answer_scales.at(item->scale);
    if (item->sub_questions.empty()) {
      out.push_back({item->code, item->code, "", item->question_th, scale, item->polarity});
      continue;
    }
    for (std::size_t i = 0; i < item->sub_questions.size(); ++i) {
      const auto& q = item->sub_questions[i];
      out.push_back(
          {item->code + "." + std::to_string(i + 1), item->code, item->question_th, q.text_th, scale, q.polarity});
    }
  }
  return out;
}

Result<Survey> Service::checked(const http::Principal& by, const SurveyInput& in, Survey s) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto title = text::form_field("title", in.title, kMaxTitle, true);
  if (!title) return fail(title.error());
  s.title = *title;
  auto questions = text::form_field("questions", in.questions, kMaxQuestions * (kMaxQuestionChars + 1), false,
                                    text::Lines::multiple);
  if (!questions) return fail(questions.error());
  s.questions.clear();
  for (auto q : text::split(*questions, '\n')) {
    std::string line(text::trim(q));
    if (line.empty()) continue;
    if (text::code_points(line) > kMaxQuestionChars) return fail(Error::invalid_field("questions", "error.too_long"));
    s.questions.push_back(line);
  }
  if (s.questions.size() > kMaxQuestions) return fail(Error::invalid_field("questions", "error.too_many"));
  if (s.kind == Kind::satisfaction && s.questions.empty())
    return fail(Error::invalid_field("questions", "error.required"));
  if (s.kind != Kind::satisfaction) s.questions.clear();  // the framework's items are the questions
  auto opens = calendar::parse_iso(text::trim(in.opens_on));
  if (!opens) return fail(Error::invalid_field("opens_on", "error.date"));
  auto closes = calendar::parse_iso(text::trim(in.closes_on));
  if (!closes) return fail(Error::invalid_field("closes_on", "error.date"));
  if (*closes < *opens) return fail(Error::invalid_field("closes_on", "error.date_order"));
  s.opens_on = *opens;
  s.closes_on = *closes;
  auto target = text::parse_id(text::trim(in.target));
  if (!target || *target > kMaxTarget) return fail(Error::invalid_field("target", "error.number_range"));
  s.target = *target;
  if (!frameworks_.year(s.year)) return fail(Error::invalid_field("year", "error.choice"));
  return s;
}

Result<std::int64_t> Service::create(const http::Principal& by, const SurveyInput& in) {
  Survey s;
  auto kind = parse_kind(in.kind);
  if (!kind) return fail(Error::invalid_field("kind", "error.choice"));
  s.kind = *kind;
  auto year = text::parse_id(in.year);
  if (!year || *year > 9999) return fail(Error::invalid_field("year", "error.choice"));
  s.year = static_cast<int>(*year);
  auto c = checked(by, in, s);
  if (!c) return fail(c.error());
  std::string token = crypto::random_token(12);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    std::string questions;
    for (const auto& q : c->questions) questions += q + "\n";
    return tx
        .apply(store::Change::create(by.agency_id, "survey", audit_view(*c)), kInsert,
               {by.agency_id, token, std::string(to_string(c->kind)), std::int64_t{c->year}, c->title, questions,
                calendar::iso(c->opens_on), calendar::iso(c->closes_on), c->target, tx.now(), tx.now(),
                std::int64_t{frameworks_.year(c->year)->version}})
        .at(0)
        .integer("id");
  });
}

Result<void> Service::update(const http::Principal& by, std::int64_t id, const SurveyInput& in) {
  auto current = get(by, id);
  if (!current) return fail(current.error());
  auto c = checked(by, in, *current);
  if (!c) return fail(c.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    std::string questions;
    for (const auto& q : c->questions) questions += q + "\n";
    tx.apply(store::Change::update(by.agency_id, "survey", id, audit_view(*current), audit_view(*c)), kUpdate,
             {c->title, questions, calendar::iso(c->opens_on), calendar::iso(c->closes_on), c->target, tx.now(),
              by.agency_id, id});
    return ok();
  });
}

Result<std::vector<Survey>> Service::list(const http::Principal& by) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Survey> out;
    for (const auto& r :
         tx.query(query("WHERE s.agency_id = ? ORDER BY s.year DESC, s.opens_on DESC, s.id DESC"), {by.agency_id}))
      out.push_back(survey_from(r));
    return out;
  });
}

Result<Survey> Service::get(const http::Principal& by, std::int64_t id) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto row = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(query("WHERE s.agency_id = ? AND s.id = ?"), {by.agency_id, id});
  });
  if (!row) return fail(Error::not_found("survey"));
  return survey_from(*row);
}

Result<Survey> Service::by_token(std::int64_t agency_id, std::string_view token) {
  if (token.empty() || token.size() > 64) return fail(Error::not_found("survey"));
  auto row = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(public_query("WHERE s.agency_id = ? AND s.token = ?"), {agency_id, std::string(token)});
  });
  if (!row) return fail(Error::not_found("survey"));
  return survey_from(*row);
}

std::vector<Survey> Service::closing(std::int64_t agency_id, const calendar::Period& days) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Survey> out;
    for (const auto& r : tx.query(public_query("WHERE s.agency_id = ? AND s.closes_on >= ? AND s.closes_on <= ? "
                                               "ORDER BY s.closes_on, s.id"),
                                  {agency_id, calendar::iso(days.first), calendar::iso(days.last)}))
      out.push_back(survey_from(r));
    return out;
  });
}

std::optional<Survey> Service::open_satisfaction(std::int64_t agency_id) {
  std::string today = calendar::iso(calendar::local_date(clock_.now()));
  auto row = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(public_query("WHERE s.agency_id = ? AND s.kind = 'satisfaction' AND s.opens_on <= ? AND "
                                     "s.closes_on >= ? ORDER BY s.closes_on, s.id LIMIT 1"),
                        {agency_id, today, today});
  });
  if (!row) return std::nullopt;
  return survey_from(*row);
}

namespace {
// What the store keeps of a survey code: a hash in its own domain, of the canonical form.
std::optional<std::string> code_hash(std::int64_t survey_id, std::string_view typed) {
  auto canonical = codes::normalise(typed, kCodeChars);
  if (!canonical) return std::nullopt;
  return crypto::sha256_hex("prongsai survey code v1:" + std::to_string(survey_id) + ":" + *canonical);
}
}  // namespace

Result<std::vector<std::string>> Service::issue_codes(const http::Principal& by, std::int64_t id, std::int64_t count) {
  auto s = get(by, id);
  if (!s) return fail(s.error());
  if (count < 1 || count > kMaxCodesAtOnce) return fail(Error::invalid_field("count", "surveys.codes_count"));
  std::vector<std::string> out;
  for (std::int64_t i = 0; i < count; ++i) out.push_back(codes::random(kCodeChars, kCodeGroup));
  auto written = store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    // The audit says how many codes were made: never a code.
    tx.apply(store::Change{by.agency_id, "survey", std::to_string(id), "codes_issued", nullptr, {{"count", count}}},
             kSetCodesRequired, {std::int64_t{1}, tx.now(), by.agency_id, id});
    for (const std::string& c : out) tx.also(kInsertCode, {by.agency_id, id, *code_hash(id, c)});
    return ok();
  });
  if (!written) return fail(written.error());
  return out;
}

Result<void> Service::stop_codes(const http::Principal& by, std::int64_t id) {
  auto s = get(by, id);
  if (!s) return fail(s.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change{by.agency_id, "survey", std::to_string(id), "codes_stopped", nullptr, nullptr},
             kSetCodesRequired, {std::int64_t{0}, tx.now(), by.agency_id, id});
    tx.also(kDropCodes, {by.agency_id, id});
    return ok();
  });
}

Result<CodeCounts> Service::code_counts(const http::Principal& by, std::int64_t id) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) {
    CodeCounts c;
    if (auto row = tx.query_one(kCodeCounts, {by.agency_id, id})) {
      c.issued = row->integer("issued");
      c.used = row->integer("used");
    }
    return c;
  });
}

Result<void> Service::answer(std::int64_t agency_id, std::string_view token,
                             const std::map<std::string, std::string, std::less<>>& answers, std::string_view code) {
  auto s = by_token(agency_id, token);
  if (!s) return fail(s.error());
  auto all = lines(*s);
  if (!all) return fail(all.error());
  return answer(agency_id, *s, *all, answers, code);
}

Result<void> Service::answer(std::int64_t agency_id, const Survey& s, const std::vector<Line>& lines,
                             const std::map<std::string, std::string, std::less<>>& answers, std::string_view code) {
  calendar::Date today = calendar::local_date(clock_.now());
  if (!s.open_on(today)) return fail(Error::make(ErrorKind::conflict, "surveys.closed", "not open today"));
  std::optional<std::string> hash;
  if (s.codes_required) {
    hash = code_hash(s.id, code);
    if (!hash) return fail(Error::invalid_field("code", "surveys.code_wrong"));
  }
  json stored = json::object();
  for (const Line& l : lines) {
    auto it = answers.find(l.key);
    std::string raw(it == answers.end() ? "" : text::trim(it->second));
    if (raw.empty()) return fail(Error::invalid_field(l.key, "surveys.unanswered"));
    int v = -1;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    bool known = ec == std::errc() && end == raw.data() + raw.size() &&
                 std::any_of(l.scale->options.begin(), l.scale->options.end(),
                             [&](const framework::ScaleOption& o) { return o.value == v; });
    if (!known) return fail(Error::invalid_field(l.key, "error.choice"));
    stored[l.key] = v;
  }
  // Answers arriving together (a QR code at a village meeting) share one transaction.
  return store_.submit(store::Actor::anonymous_citizen(), [&](store::WriteTx& tx) -> Result<void> {
    // The audit says that a survey got an answer: not which answer row, not what it said.
    tx.apply(store::Change{agency_id, "survey", std::to_string(s.id), "response", nullptr, nullptr}, kInsertResponse,
             {random_id(), agency_id, s.id, calendar::iso(today), stored.dump()});
    // A code is spent in the same transaction, and says only that it was used: not when, nor
    // for which answer.
    if (hash && tx.also(kUseCode, {s.id, *hash}).empty())
      return fail(Error::invalid_field("code", "surveys.code_wrong"));
    return ok();
  });
}

Scores score(const framework::Framework& f, const Survey& s, const std::vector<Line>& lines,
             const std::vector<std::map<std::string, int>>& responses) {
  Scores out;
  out.responses = static_cast<std::int64_t>(responses.size());
  out.pass_mark = f.pass_mark;
  std::map<std::string, std::pair<double, std::int64_t>> sums;  // item → (sum, answers)
  std::vector<std::pair<std::string, std::string>> order;       // item code, its text
  for (const Line& l : lines) {
    if (order.empty() || order.back().first != l.item_code)
      order.emplace_back(l.item_code, l.group_th.empty() ? l.text_th : l.group_th);
    for (const auto& r : responses) {
      auto v = r.find(l.key);
      if (v == r.end()) continue;
      if (auto sc = f.answer_score(*l.scale, l.polarity, v->second)) {
        sums[l.item_code].first += *sc;
        ++sums[l.item_code].second;
      }
    }
  }
  std::map<std::string, double> items;
  for (const auto& [code, text_th] : order) {
    auto it = sums.find(code);
    if (it == sums.end() || it->second.second == 0) continue;
    double v = it->second.first / static_cast<double>(it->second.second);
    items[code] = v;
    out.items.push_back({code, text_th, v, !f.passes(v)});
  }
  if (s.kind == Kind::satisfaction) {
    if (!out.items.empty()) {
      double sum = 0;
      for (const ItemScore& i : out.items) sum += i.score;
      out.total = sum / static_cast<double>(out.items.size());
    }
  } else {
    framework::Tool tool = s.kind == Kind::eit ? framework::Tool::eit : framework::Tool::iit;
    for (const framework::ToolInfo& t : f.tools) {
      if (t.tool != tool) continue;
      for (int n : t.indicators)
        if (auto v = f.indicator_score(n, items)) out.indicators.emplace_back(n, *v);
    }
    out.total = f.tool_score(tool, items);
  }
  if (out.total) {
    out.grade = f.grade(*out.total);
    out.passes = f.passes(*out.total);
  }
  return out;
}

std::string scores_svg(const Scores& s, bool by_item) {
  std::vector<std::pair<std::string, double>> bars;
  if (by_item) {
    for (const ItemScore& i : s.items) bars.emplace_back(i.code, i.score);
  } else {
    for (const auto& [n, v] : s.indicators) bars.emplace_back(std::to_string(n), v);
  }
  return bars_svg(bars, s.pass_mark);
}

std::string bars_svg(const std::vector<std::pair<std::string, double>>& bars, double pass_mark) {
  std::vector<BarGroup> groups;
  for (const auto& [label, v] : bars) groups.push_back({label, {{"", v}}});
  return grouped_bars_svg(groups, pass_mark);
}

// A bar's own label under it when its group has more than one, and the group's label under the
// group; a bar under the pass mark is marked so (bar-below), in colour and in the words.
std::string grouped_bars_svg(const std::vector<BarGroup>& groups, double pass_mark) {
  documents::BarChart c;
  c.bar_labels = std::any_of(groups.begin(), groups.end(), [](const BarGroup& g) { return g.bars.size() > 1; });
  c.group_gap = c.bar_labels ? 32 : 16;
  c.top = 100;
  c.step = 25;
  c.mark = pass_mark;
  for (const BarGroup& g : groups) {
    c.description += (c.description.empty() ? "" : "; ") + g.label + ":";
    documents::BarChart::Group group{g.label, {}};
    for (const auto& [label, v] : g.bars) {
      c.description += (label.empty() ? "" : " " + label) + " " + text::fixed(v, 2);
      group.bars.push_back({label, v, v < pass_mark ? "bar-below" : "bar-pass"});
    }
    c.groups.push_back(std::move(group));
  }
  return documents::bar_chart_svg(c);
}

Result<Scores> Service::scores(const http::Principal& by, std::int64_t id) {
  auto s = get(by, id);
  if (!s) return fail(s.error());
  return scores_of(by.agency_id, *s);
}

std::vector<std::map<std::string, int>> Service::answers_of(std::int64_t agency_id, std::int64_t survey_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<std::map<std::string, int>> out;
    for (const auto& r :
         tx.query("SELECT answers FROM survey_responses WHERE agency_id = ? AND survey_id = ? ORDER BY id",
                  {agency_id, survey_id})) {
      auto j = json::parse(r.text("answers"), nullptr, false);
      std::map<std::string, int> answers;
      if (j.is_object())
        for (auto it = j.begin(); it != j.end(); ++it)
          if (it.value().is_number_integer()) answers[it.key()] = it.value().get<int>();
      out.push_back(std::move(answers));
    }
    return out;
  });
}

Result<std::vector<std::map<std::string, int>>> Service::responses(const http::Principal& by, std::int64_t id) {
  auto s = get(by, id);
  if (!s) return fail(s.error());
  return answers_of(by.agency_id, id);
}

Result<Estimate> Service::estimate(const http::Principal& by, int year, std::optional<double> oit) {
  if (!by.roles.has(Role::admin) && !by.roles.has(Role::executive))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not an admin or executive"));
  const framework::Framework* f = frameworks_.year(year);
  if (!f) return fail(Error::no_framework(year));
  Estimate e;
  e.year = year;
  e.pass_mark = f->pass_mark;
  e.by_level = !f->levels.empty();
  e.framework_version = f->version;
  e.provisional = f->provisional;
  e.provisional_note = f->provisional_note;
  double total = 0;
  std::map<framework::Tool, double> scores;
  bool complete = true;
  for (const framework::ToolInfo& t : f->tools) {
    ToolPart p{t.tool, t.code, t.name_th, t.weight, std::nullopt, "", 0};
    if (t.tool == framework::Tool::oit) {
      p.score = oit;
    } else if (auto latest =
                   latest_scored(by.agency_id, year, t.tool == framework::Tool::eit ? Kind::eit : Kind::iit)) {
      p.score = latest->second.total;
      p.source = latest->first.title;
      p.responses = latest->first.responses;
    }
    if (p.score) {
      total += *p.score * p.weight;
      scores[t.tool] = *p.score;
    } else
      complete = false;
    e.parts.push_back(std::move(p));
  }
  if (complete && !e.parts.empty()) {
    e.total = total;
    framework::Outcome o = f->outcome(total, scores);
    e.grade = o.label;
    e.grade_en = o.level && !o.level->name_en.empty() ? o.level->name_en : o.label;
    e.passes = o.passes;
    if (o.held_back_by) {
      e.held_back_by = std::string(framework::to_string(*o.held_back_by));
      e.held_back_score = o.held_back_score;
      e.held_back_min = o.held_back_min;
    }
  }
  return e;
}

std::string held_back_text(const Estimate& e, Lang lang) {
  if (e.held_back_by.empty() || !e.total) return {};
  std::string s(Strings::instance().get(lang, "surveys.held_back"));
  s = text::fill(s, "total", text::fixed(*e.total, 2));
  s = text::fill(s, "tool", e.held_back_by);
  s = text::fill(s, "score", text::fixed(e.held_back_score, 2));
  s = text::fill(s, "min", text::fixed(e.held_back_min, e.held_back_min == static_cast<int>(e.held_back_min) ? 0 : 2));
  return text::fill(s, "level", lang == Lang::en ? e.grade_en : e.grade);
}

Result<Scores> Service::scores_of(std::int64_t agency_id, const Survey& s) {
  const framework::Framework* f = framework_of(s);
  if (!f) return fail(Error::no_framework(s.year));
  auto all = lines(s);
  if (!all) return fail(all.error());
  return score(*f, s, *all, answers_of(agency_id, s.id));
}

std::vector<std::pair<Survey, Scores>> Service::satisfaction_results(std::int64_t agency_id, int year) {
  auto surveys = store_.read([&](store::ReadTx& tx) {
    std::vector<Survey> out;
    for (const auto& r : tx.query(query("WHERE s.agency_id = ? AND s.year = ? AND s.kind = 'satisfaction' "
                                        "ORDER BY s.opens_on, s.id"),
                                  {agency_id, std::int64_t{year}}))
      out.push_back(survey_from(r));
    return out;
  });
  std::vector<std::pair<Survey, Scores>> out;
  for (Survey& s : surveys) {
    if (s.responses < kMinPublished) continue;
    if (auto sc = scores_of(agency_id, s); sc && sc->total) out.emplace_back(std::move(s), std::move(*sc));
  }
  return out;
}

std::optional<std::pair<Survey, Scores>> Service::latest_scored(std::int64_t agency_id, int year, Kind kind) {
  auto surveys = store_.read([&](store::ReadTx& tx) {
    std::vector<Survey> out;
    for (const auto& r : tx.query(query("WHERE s.agency_id = ? AND s.year = ? AND s.kind = ? "
                                        "ORDER BY s.closes_on DESC, s.id DESC"),
                                  {agency_id, std::int64_t{year}, std::string(to_string(kind))}))
      out.push_back(survey_from(r));
    return out;
  });
  for (Survey& s : surveys) {
    if (s.responses == 0) continue;
    auto sc = scores_of(agency_id, s);
    if (sc && sc->total) return std::make_pair(std::move(s), std::move(*sc));
  }
  return std::nullopt;
}

int Service::target(std::int64_t agency_id) {
  auto row = store_.read([&](store::ReadTx& tx) { return tx.query_one(kTarget, {agency_id}); });
  return row ? static_cast<int>(row->integer("proposal_target")) : kDefaultProposalTarget;
}

Result<void> Service::set_target(const http::Principal& by, std::string_view raw) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  auto v = text::parse_id(text::trim(raw));
  if (!v || *v < kMinProposalTarget || *v > kMaxProposalTarget)
    return fail(Error::invalid_field("target", "surveys.target_range"));
  int before = target(by.agency_id);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "survey_settings", by.agency_id, {{"proposal_target", before}},
                                   {{"proposal_target", *v}}),
             kSetTarget, {by.agency_id, *v});
    return ok();
  });
}

Result<Proposals> Service::proposals(const http::Principal& by, int year) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  const framework::Framework* f = frameworks_.year(year);
  if (!f) return fail(Error::no_framework(year));
  Proposals out;
  out.year = year;
  out.plan_year = year + 1;
  out.target = target(by.agency_id);
  std::map<std::string, std::int64_t> in_plan;  // item code → the plan's first issue for it
  if (auto plan = measures_.plan(by.agency_id, out.plan_year)) {
    out.plan_exists = true;
    for (const measures::StoredIssue& i : plan->issues) in_plan.emplace(i.issue.item_code, i.id);
  }
  struct Drop {
    std::string reason, by;
    std::int64_t at = 0;
  };
  std::map<std::string, Drop> drops = store_.read([&](store::ReadTx& tx) {
    std::map<std::string, Drop> m;
    for (const auto& r : tx.query(kDrops, {by.agency_id, std::int64_t{out.plan_year}}))
      m[r.text("item_code")] = {r.text("reason"), r.text("dropped_by"), r.integer("dropped_at")};
    return m;
  });
  for (Kind kind : {Kind::eit, Kind::iit}) {
    auto latest = latest_scored(by.agency_id, year, kind);
    if (!latest) continue;
    const auto& [survey, scores] = *latest;
    for (const ItemScore& i : scores.items) {
      if (i.score >= out.target) continue;
      Proposal p{i.code, i.text_th, i.score, survey.id, survey.title, survey.responses, std::nullopt, false, "", "", 0};
      if (auto it = in_plan.find(i.code); it != in_plan.end()) p.issue_id = it->second;
      if (auto d = drops.find(i.code); d != drops.end()) {
        p.dropped = true;
        p.drop_reason = d->second.reason;
        p.dropped_by = d->second.by;
        p.dropped_at = d->second.at;
      }
      out.items.push_back(std::move(p));
    }
    out.sources.push_back(survey);
  }
  std::stable_sort(out.items.begin(), out.items.end(),
                   [](const Proposal& a, const Proposal& b) { return a.score < b.score; });
  return out;
}

Result<void> Service::drop(const http::Principal& by, int year, std::string_view code, const std::string& raw_reason) {
  auto all = proposals(by, year);
  if (!all) return fail(all.error());
  std::string upper = text::ascii_upper(code);
  auto p = std::find_if(all->items.begin(), all->items.end(), [&](const Proposal& x) { return x.code == upper; });
  if (p == all->items.end()) return fail(Error::not_found("proposal"));
  auto reason = text::form_field("reason", raw_reason, kMaxDropReason, true, text::Lines::multiple);
  if (!reason) return fail(reason.error());
  if (p->dropped) return ok();
  std::string ref = std::to_string(all->plan_year) + ":" + p->code;
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    if (tx.query_one(kDropped, {by.agency_id, std::int64_t{all->plan_year}, p->code})) return ok();
    tx.apply(store::Change{by.agency_id,
                           "survey_proposal",
                           ref,
                           "drop",
                           nullptr,
                           {{"item_code", p->code}, {"score", p->score}, {"reason", *reason}}},
             kDrop, {by.agency_id, std::int64_t{all->plan_year}, p->code, *reason, by.display_name, tx.now()});
    return ok();
  });
}

Result<void> Service::restore(const http::Principal& by, int year, std::string_view raw_code) {
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
  std::string code = text::ascii_upper(raw_code);
  std::string ref = std::to_string(year + 1) + ":" + code;
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(kDropped, {by.agency_id, std::int64_t{year + 1}, code});
    if (!row) return fail(Error::not_found("proposal"));
    tx.apply(store::Change{by.agency_id, "survey_proposal", ref, "restore", {{"reason", row->text("reason")}}, nullptr},
             kRestore, {by.agency_id, std::int64_t{year + 1}, code});
    return ok();
  });
}

}  // namespace prongsai::surveys
