// Questions and answers. See qa.hpp.
#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "files/personal_data.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/cases/cases.hpp"
#include "modules/cases/receipt.hpp"
#include "modules/qa/qa.hpp"
#include "modules/qa/queries.hpp"

namespace prongsai::qa {
namespace {

using http::Role;
using nlohmann::json;

constexpr std::size_t kMaxQuestion = 2000, kMaxAnswer = 5000, kMaxName = 200, kMaxReason = 1000;
constexpr std::string_view kVias[] = {"web", "phone", "letter", "walk_in"};

Question question_from(const store::Row& r) {
  Question q;
  q.id = r.integer("id");
  q.via = r.text("received_via");
  q.asker = r.text("asker");
  q.question = r.text("question");
  std::string s = r.text("status");
  q.status = s == "answered"    ? QuestionStatus::answered
             : s == "published" ? QuestionStatus::published
             : s == "declined"  ? QuestionStatus::declined
                                : QuestionStatus::waiting;
  q.answer = r.text("answer");
  q.declined_reason = r.text("declined_reason");
  q.asked_at = r.integer("asked_at");
  q.answered_at = r.opt_integer("answered_at");
  q.published_at = r.opt_integer("published_at");
  return q;
}

Result<void> must(bool allowed, const char* why) {
  if (!allowed) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", why));
  return ok();
}

json audit_view(const Question& q) { return {{"status", std::string(to_string(q.status))}, {"via", q.via}}; }

// A published question and its answer are found by search; nothing else is. The asker's name
// stays out of the index.
void keep_indexed(store::WriteTx& tx, std::int64_t agency_id, const Question& q) {
  std::string ref = std::to_string(q.id);
  if (q.status == QuestionStatus::published)
    tx.index({agency_id, "qa", ref, q.question, q.answer, "/qa/" + ref, q.published_at.value_or(tx.now())});
  else
    tx.unindex(agency_id, "qa", ref);
}

}  // namespace

std::string_view to_string(QuestionStatus s) {
  switch (s) {
    case QuestionStatus::waiting: return "waiting";
    case QuestionStatus::answered: return "answered";
    case QuestionStatus::published: return "published";
    case QuestionStatus::declined: return "declined";
  }
  return "waiting";
}

bool may_answer(const http::Principal& by) {
  return by.roles.has(Role::complaint_officer) || by.roles.has(Role::admin);
}

Result<std::string> Questions::insert(std::int64_t agency_id, const store::Actor& actor, const std::string& via,
                                      const std::string& raw_asker, const std::string& raw_question,
                                      const web::Recipient& notify) {
  auto asker = text::form_field("asker", raw_asker, kMaxName, false);
  if (!asker) return fail(asker.error());
  auto question = text::form_field("question", raw_question, kMaxQuestion, true, text::Lines::multiple);
  if (!question) return fail(question.error());
  web::Recipient to = notify;
  to.to = std::string(text::trim(to.to));
  if (to.channel == "mail") {
    if (to.to.empty() || to.to.size() > kMaxName || to.to.find('@') == std::string::npos ||
        to.to.find_first_of(" \t\r\n<>\"") != std::string::npos)
      return fail(Error::invalid_field("email", "notify.error.email"));
  } else if (to.channel == "line") {
    if (to.to.empty()) return fail(Error::invalid_field("notify", "error.choice"));
  } else if (!to.channel.empty()) {
    return fail(Error::invalid_field("notify", "error.choice"));
  }
  if (!to.channel.empty() && !(notify_ && notify_->tells_on(agency_id, to.channel)))
    return fail(Error::invalid_field("notify", "error.choice"));
  if (to.channel.empty()) to.to.clear();
  std::string code = cases::new_receipt_code();
  std::string id = cases::receipt_id(*cases::normalise_receipt(code));
  // Questions arriving together share one transaction (store::Store::submit).
  auto r = store_.submit(actor, [&](store::WriteTx& tx) -> Result<void> {
    std::int64_t question_id =
        tx.apply(store::Change::create(agency_id, "question", {{"via", via}, {"notify", to.channel}}),
                 q::kInsertQuestion, {agency_id, id, via, *asker, *question, tx.now(), to.channel, to.to})
            .at(0)
            .integer("id");
    // Asked from the chat: the code goes back there (erased from the outbox once LINE took it).
    if (to.channel == "line") {
      auto t = [](std::string_view key) { return std::string(Strings::instance().get(Lang::th, key)); };
      std::string body = t("notify.receipt");
      for (auto [name, value] : {std::pair<std::string_view, std::string>{"what", t("calendar.source.question")},
                                 {"code", code},
                                 {"link", notify_->origin_of(agency_id) + "/qa/track"}})
        body = text::fill(std::move(body), name, value);
      notify_->to_citizen(tx, agency_id,
                          "question:" + std::to_string(agency_id) + ":" + std::to_string(question_id) + ":receipt", to,
                          t("notify.receipt_subject"), body);
    }
    return ok();
  });
  if (!r) return fail(r.error());
  return code;
}

Result<std::string> Questions::ask(std::int64_t agency_id, const std::string& asker, const std::string& question,
                                   const web::Recipient& notify) {
  return insert(agency_id, store::Actor::citizen(), "web", asker, question, notify);
}

void Questions::tell_asker(store::WriteTx& tx, std::int64_t agency_id, std::int64_t id, QuestionStatus status) {
  if (status != QuestionStatus::published && status != QuestionStatus::declined) return;
  auto row = tx.query_one(q::kNotifyOf, {agency_id, id});
  if (!row || row->text("notify_channel").empty() || row->text("notify_to").empty()) return;
  if (notify_ && notify_->to_citizen) {
    auto t = [](std::string_view key) { return std::string(Strings::instance().get(Lang::th, key)); };
    auto agency = accounts_.agency(agency_id);
    const std::string origin = notify_->origin_of(agency_id);
    const bool published = status == QuestionStatus::published;
    std::string body = t(published ? "notify.qa.published" : "notify.qa.declined");
    for (auto [name, value] : {std::pair<std::string_view, std::string>{"agency", agency ? agency->name_th : ""},
                               {"day", calendar::format(calendar::local_date(row->integer("asked_at")), Lang::th,
                                                        calendar::Style::long_form)},
                               {"link", published ? origin + "/qa/" + std::to_string(id) : origin + "/qa/track"}})
      body = text::fill(std::move(body), name, value);
    notify_->to_citizen(
        tx, agency_id,
        "question:" + std::to_string(agency_id) + ":" + std::to_string(id) + ":" + std::string(to_string(status)),
        {row->text("notify_channel"), row->text("notify_to")},
        t(published ? "notify.qa.published_subject" : "notify.qa.declined_subject"), body + "\n\n" + t("notify.why"));
  }
  // Told (or nobody to tell through any more): the address has done its work.
  tx.also(q::kForgetNotify, {agency_id, id});
}

Result<std::string> Questions::enter(const http::Principal& by, const std::string& via, const std::string& asker,
                                     const std::string& question) {
  if (auto r = must(may_answer(by), "not an answerer"); !r) return fail(r.error());
  if (auto v = cases::parse_via(via); !v || *v == cases::Via::web)
    return fail(Error::invalid_field("via", "error.choice"));
  return insert(by.agency_id, accounts::actor_of(by), via, asker, question);
}

Result<Question> Questions::track(std::int64_t agency_id, std::string_view code) {
  auto canonical = cases::normalise_receipt(code);
  if (!canonical) return fail(Error::not_found("question"));
  return store_.read([&](store::ReadTx& tx) -> Result<Question> {
    auto row = tx.query_one(q::kQuestionByReceipt, {agency_id, cases::receipt_id(*canonical)});
    if (!row) return fail(Error::not_found("question"));
    return question_from(*row);
  });
}

std::vector<Question> Questions::published(std::int64_t agency_id, std::int64_t limit, std::int64_t offset) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Question> out;
    for (const auto& r : tx.query(q::kPublishedQuestions, {agency_id, limit, offset})) out.push_back(question_from(r));
    return out;
  });
}

Result<Question> Questions::published_question(std::int64_t agency_id, std::int64_t id) {
  return store_.read([&](store::ReadTx& tx) -> Result<Question> {
    auto row = tx.query_one(q::kPublishedQuestion, {agency_id, id});
    if (!row) return fail(Error::not_found("question"));
    return question_from(*row);
  });
}

std::int64_t Questions::published_count(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) { return tx.count(q::kCountPublishedQuestions, {agency_id}); });
}

ResponseTimes Questions::public_times(std::int64_t agency_id, const calendar::Period& period) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<std::int64_t> seconds;
    for (const auto& r : tx.query(q::kResponseTimesBetween,
                                  {agency_id, calendar::start_of_day(period.first), calendar::end_of_day(period.last)}))
      seconds.push_back(r.integer("seconds"));
    return stats::nearest_rank(std::move(seconds));
  });
}

std::vector<std::pair<std::int64_t, std::int64_t>> Questions::waiting(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& r : tx.query(q::kWaitingQuestions, {agency_id}))
      out.emplace_back(r.integer("id"), r.integer("asked_at"));
    return out;
  });
}

std::vector<std::array<std::int64_t, 3>> Questions::asked_since(std::int64_t since) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<std::array<std::int64_t, 3>> out;
    for (const auto& r : tx.query(q::kAskedSince, {since}))
      out.push_back({r.integer("agency_id"), r.integer("id"), r.integer("asked_at")});
    return out;
  });
}

Result<std::vector<Question>> Questions::inbox(const http::Principal& by) {
  if (auto r = must(may_answer(by) || by.roles.has(Role::executive), "not an answerer"); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Question> out;
    for (const auto& r : tx.query(q::kQuestionInbox, {by.agency_id})) out.push_back(question_from(r));
    return out;
  });
}

Result<Question> Questions::get(const http::Principal& by, std::int64_t id) {
  if (auto r = must(may_answer(by) || by.roles.has(Role::executive), "not an answerer"); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) -> Result<Question> {
    auto row = tx.query_one(q::kQuestion, {by.agency_id, id});
    if (!row) return fail(Error::not_found("question"));
    return question_from(*row);
  });
}

Result<void> Questions::answer(const http::Principal& by, std::int64_t id, const std::string& raw,
                               bool confirm_personal_data, Lang lang, const std::optional<std::string>& reworded) {
  if (auto r = must(may_answer(by), "not an answerer"); !r) return fail(r.error());
  auto text = text::form_field("answer", raw, kMaxAnswer, true, text::Lines::multiple);
  if (!text) return fail(text.error());
  std::optional<std::string> question;
  if (reworded) {
    auto q = text::form_field("question_public", *reworded, kMaxQuestion, true, text::Lines::multiple);
    if (!q) return fail(q.error());
    question = *q;
  }
  bool approval = approval_required(by.agency_id);
  const files::Allowed own = accounts_.own_contacts(by.agency_id);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kQuestion, {by.agency_id, id});
    if (!row) return fail(Error::not_found("question"));
    Question before = question_from(*row);
    if (before.status == QuestionStatus::declined) return fail(Error::make(ErrorKind::conflict, "error.qa_declined"));
    const Strings& strings = Strings::instance();
    const files::PublishCheck personal =
        files::check_publishing({{std::string(strings.get(lang, "qa.question")), question.value_or(before.question)},
                                 {std::string(strings.get(lang, "qa.answer")), *text}},
                                {}, own);
    if (!personal.clear() && !confirm_personal_data) return fail(files::personal_data_error(personal, lang));
    Question after = before;
    after.question = question.value_or(before.question);
    // A published answer that is edited stays published unless approval is on.
    after.status = approval ? QuestionStatus::answered : QuestionStatus::published;
    store::Value published = approval ? store::Value(nullptr) : store::Value(tx.now());
    nlohmann::json audited = audit_view(after);
    if (!personal.clear()) audited["personal_data_confirmed"] = personal.audit();
    // Reworded for publishing: the audit says so (not the words, which may be what was taken out).
    if (after.question != before.question) audited["question_reworded"] = true;
    tx.apply(store::Change::update(by.agency_id, "question", id, audit_view(before), audited), q::kAnswer,
             {std::string(to_string(after.status)), *text, after.question, by.user_id, tx.now(), published,
              by.agency_id, id});
    if (before.status != QuestionStatus::published) tell_asker(tx, by.agency_id, id, after.status);
    after.answer = *text;
    after.published_at = approval ? std::nullopt : std::optional(tx.now());
    keep_indexed(tx, by.agency_id, after);
    return ok();
  });
}

Result<void> Questions::decline(const http::Principal& by, std::int64_t id, const std::string& raw) {
  if (auto r = must(may_answer(by), "not an answerer"); !r) return fail(r.error());
  auto reason = text::form_field("reason", raw, kMaxReason, true, text::Lines::multiple);
  if (!reason) return fail(reason.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kQuestion, {by.agency_id, id});
    if (!row) return fail(Error::not_found("question"));
    Question before = question_from(*row);
    if (before.status != QuestionStatus::waiting) return fail(Error::make(ErrorKind::conflict, "error.qa_not_waiting"));
    Question after = before;
    after.status = QuestionStatus::declined;
    tx.apply(store::Change::update(by.agency_id, "question", id, audit_view(before), audit_view(after)), q::kDecline,
             {*reason, by.user_id, by.agency_id, id});
    tell_asker(tx, by.agency_id, id, after.status);
    return ok();
  });
}

Result<void> Questions::approve(const http::Principal& by, std::int64_t id) {
  if (auto r = must(by.roles.has(Role::executive), "not an executive"); !r) return fail(r.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kQuestion, {by.agency_id, id});
    if (!row) return fail(Error::not_found("question"));
    Question before = question_from(*row);
    if (before.status != QuestionStatus::answered)
      return fail(Error::make(ErrorKind::conflict, "error.qa_not_answered"));
    Question after = before;
    after.status = QuestionStatus::published;
    tx.apply(store::Change::update(by.agency_id, "question", id, audit_view(before), audit_view(after)), q::kApprove,
             {tx.now(), by.agency_id, id});
    tell_asker(tx, by.agency_id, id, after.status);
    after.published_at = tx.now();
    keep_indexed(tx, by.agency_id, after);
    return ok();
  });
}

bool Questions::approval_required(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    auto row = tx.query_one(q::kQaApproval, {agency_id});
    return row && row->integer("approval") != 0;
  });
}

Result<void> Questions::set_approval(const http::Principal& by, bool required) {
  if (auto r = must(by.roles.has(Role::admin), "not an admin"); !r) return fail(r.error());
  bool before = approval_required(by.agency_id);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "qa_settings", by.agency_id, {{"approval", before}},
                                   {{"approval", required}}),
             q::kSetQaApproval, {by.agency_id, std::int64_t{required ? 1 : 0}});
    return ok();
  });
}

Result<QaSummary> Questions::summary(const http::Principal& by, const calendar::Period& period) {
  if (auto r = must(may_answer(by) || by.roles.has(Role::executive), "not an answerer"); !r) return fail(r.error());
  return tally(by.agency_id, period, true);
}

QaSummary Questions::counts(std::int64_t agency_id, const calendar::Period& period) {
  return tally(agency_id, period, false);
}

QaSummary Questions::tally(std::int64_t agency_id, const calendar::Period& period, bool keep_waiting) {
  return store_.read([&](store::ReadTx& tx) {
    QaSummary s;
    s.period = period;
    std::vector<std::int64_t> seconds;
    for (std::string_view v : kVias) s.by_via.emplace_back(std::string(v), 0);
    for (const auto& r : tx.query(q::kQuestionsAskedBetween, {agency_id, calendar::start_of_day(period.first),
                                                              calendar::end_of_day(period.last)})) {
      Question x = question_from(r);
      ++s.asked;
      for (auto& [via, n] : s.by_via) {
        if (via == x.via) ++n;
      }
      if (x.answered_at) {
        ++s.answered;
        seconds.push_back(*x.answered_at - x.asked_at);
      }
      if (x.status == QuestionStatus::published) ++s.published;
      if (x.status == QuestionStatus::declined) ++s.declined;
      if (x.status == QuestionStatus::waiting) {
        ++s.waiting;
        if (keep_waiting) s.still_waiting.push_back(std::move(x));
      }
    }
    s.times = stats::nearest_rank(std::move(seconds));
    return s;
  });
}

void Questions::reindex(store::WriteTx& tx) {
  tx.unindex_kind("qa");
  for (const auto& r : tx.query(q::kAllPublishedQuestions)) keep_indexed(tx, r.integer("agency_id"), question_from(r));
}

}  // namespace prongsai::qa
