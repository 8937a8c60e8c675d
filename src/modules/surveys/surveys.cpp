#include "modules/surveys/surveys.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

#include "core/crypto.hpp"
#include "core/text.hpp"

namespace prongsai::surveys {
namespace {

using http::Role;
using nlohmann::json;

constexpr std::string_view kColumns =
    "SELECT s.id, s.token, s.kind, s.year, s.title, s.questions, s.opens_on, s.closes_on, s.target, "
    "(SELECT COUNT(*) FROM survey_responses r WHERE r.survey_id = s.id) FROM surveys s ";
constexpr std::string_view kInsert =
    "INSERT INTO surveys (agency_id, token, kind, year, title, questions, opens_on, closes_on, target, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdate =
    "UPDATE surveys SET title = ?, questions = ?, opens_on = ?, closes_on = ?, target = ?, updated_at = ? "
    "WHERE agency_id = ? AND id = ?";
constexpr std::string_view kInsertResponse =
    "INSERT INTO survey_responses (id, agency_id, survey_id, day, answers) VALUES (?, ?, ?, ?, ?)";

constexpr std::string_view kKinds[] = {"eit", "iit", "satisfaction"};
constexpr std::size_t kMaxTitle = 200, kMaxQuestionChars = 300;

std::string query(std::string_view where) { return std::string(kColumns) + std::string(where); }

Survey survey_from(const store::Row& r) {
  Survey s;
  s.id = r.integer(0);
  s.token = r.text(1);
  s.kind = parse_kind(r.text(2)).value_or(Kind::satisfaction);
  s.year = static_cast<int>(r.integer(3));
  s.title = r.text(4);
  std::string questions = r.text(5);  // split() gives views into it
  for (auto q : text::split(questions, '\n'))
    if (!q.empty()) s.questions.emplace_back(q);
  s.opens_on = calendar::parse_iso(r.text(6)).value_or(calendar::make_date(2000, 1, 1));
  s.closes_on = calendar::parse_iso(r.text(7)).value_or(calendar::make_date(2000, 1, 1));
  s.target = r.integer(8);
  s.responses = r.integer(9);
  return s;
}

Result<void> admin_only(const http::Principal& by) {
  if (!by.roles.has(Role::admin)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not an admin"));
  return ok();
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
std::optional<Kind> parse_kind(std::string_view s) {
  for (std::size_t i = 0; i < std::size(kKinds); ++i)
    if (kKinds[i] == s) return static_cast<Kind>(i);
  return std::nullopt;
}

Result<std::vector<Line>> Service::lines(const Survey& s) const {
  const framework::Framework* f = frameworks_.year(s.year);
  if (!f) return fail(Error::not_found("framework year"));
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
  if (auto r = admin_only(by); !r) return fail(r.error());
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
                calendar::iso(c->opens_on), calendar::iso(c->closes_on), c->target, tx.now(), tx.now()})
        .at(0)
        .integer(0);
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
  if (auto r = admin_only(by); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Survey> out;
    for (const auto& r :
         tx.query(query("WHERE s.agency_id = ? ORDER BY s.year DESC, s.opens_on DESC, s.id DESC"), {by.agency_id}))
      out.push_back(survey_from(r));
    return out;
  });
}

Result<Survey> Service::get(const http::Principal& by, std::int64_t id) {
  if (auto r = admin_only(by); !r) return fail(r.error());
  auto row = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(query("WHERE s.agency_id = ? AND s.id = ?"), {by.agency_id, id});
  });
  if (!row) return fail(Error::not_found("survey"));
  return survey_from(*row);
}

Result<Survey> Service::by_token(std::int64_t agency_id, std::string_view token) {
  if (token.empty() || token.size() > 64) return fail(Error::not_found("survey"));
  auto row = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(query("WHERE s.agency_id = ? AND s.token = ?"), {agency_id, std::string(token)});
  });
  if (!row) return fail(Error::not_found("survey"));
  return survey_from(*row);
}

std::optional<Survey> Service::open_satisfaction(std::int64_t agency_id) {
  std::string today = calendar::iso(calendar::local_date(clock_.now()));
  auto row = store_.read([&](store::ReadTx& tx) {
    return tx.query_one(query("WHERE s.agency_id = ? AND s.kind = 'satisfaction' AND s.opens_on <= ? AND "
                              "s.closes_on >= ? ORDER BY s.closes_on, s.id LIMIT 1"),
                        {agency_id, today, today});
  });
  if (!row) return std::nullopt;
  return survey_from(*row);
}

Result<void> Service::answer(std::int64_t agency_id, std::string_view token,
                             const std::map<std::string, std::string, std::less<>>& answers) {
  auto s = by_token(agency_id, token);
  if (!s) return fail(s.error());
  calendar::Date today = calendar::local_date(clock_.now());
  if (!s->open_on(today)) return fail(Error::make(ErrorKind::conflict, "surveys.closed", "not open today"));
  auto all = lines(*s);
  if (!all) return fail(all.error());
  json stored = json::object();
  for (const Line& l : *all) {
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
  return store_.write(store::Actor::citizen(), [&](store::WriteTx& tx) -> Result<void> {
    // The audit says that a survey got an answer: not which answer row, not what it said.
    tx.apply(store::Change{agency_id, "survey", std::to_string(s->id), "response", nullptr, nullptr}, kInsertResponse,
             {random_id(), agency_id, s->id, calendar::iso(today), stored.dump()});
    return ok();
  });
}

}  // namespace prongsai::surveys
