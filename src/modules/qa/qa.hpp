// Questions and answers (ถาม-ตอบ): a citizen asks, an answerer answers or declines, an
// executive approves where the agency asks for it; the response times and the six-monthly summary.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/stats.hpp"
#include "core/strings.hpp"
#include "core/thai_calendar.hpp"
#include "http/access.hpp"
#include "store/store.hpp"
#include "web/notify.hpp"

namespace prongsai::accounts {
class Service;
}

namespace prongsai::qa {

enum class QuestionStatus { waiting, answered, published, declined };
std::string_view to_string(QuestionStatus s);

struct Question {
  std::int64_t id = 0;
  std::string via = "web";  // web | phone | letter | walk_in
  std::string asker, question, answer, declined_reason;
  QuestionStatus status = QuestionStatus::waiting;
  std::int64_t asked_at = 0;
  std::optional<std::int64_t> answered_at, published_at;
};

// Response times (asked → answered), in seconds, by the nearest-rank method (core/stats.hpp).
using ResponseTimes = stats::Durations;

// What executives get every six months (April: October–March; October: April–September).
struct QaSummary {
  calendar::Period period;
  std::int64_t asked = 0, answered = 0, published = 0, declined = 0, waiting = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_via;  // asked, per channel
  ResponseTimes times;
  std::vector<Question> still_waiting;  // asked in the period and not answered yet, oldest first
};

class Questions {
 public:
  Questions(store::Store& store, const Clock& clock, accounts::Service& accounts)
      : store_(store), clock_(clock), accounts_(accounts) {}

  // A citizen asks on the website (Actor::citizen), or staff enter a call, letter or visit.
  // The code is shown once; the row keeps its hash.
  // `notify`: how the asker asked to be told of the answer (web/notify.hpp), checked here: an
  // e-mail address, or the LINE user of the chat's start link.
  Result<std::string> ask(std::int64_t agency_id, const std::string& asker, const std::string& question,
                          const web::Recipient& notify = {});
  // Where askers' messages go, set at build; none: nobody is told.
  void set_notify(const web::Notify* notify) { notify_ = notify; }
  const web::Notify* notify() const { return notify_; }
  Result<std::string> enter(const http::Principal& by, const std::string& via, const std::string& asker,
                            const std::string& question);
  // The asker's view with the code: its status and the answer once there is one.
  Result<Question> track(std::int64_t agency_id, std::string_view code);

  // Public: published questions, newest answer first; response times of the fiscal year.
  std::vector<Question> published(std::int64_t agency_id, std::int64_t limit, std::int64_t offset);
  std::int64_t published_count(std::int64_t agency_id);
  // One published question with its answer (not_found for any other).
  Result<Question> published_question(std::int64_t agency_id, std::int64_t id);
  // Every agency's published questions into the search index again (see News::reindex).
  static void reindex(store::WriteTx& tx);
  ResponseTimes public_times(std::int64_t agency_id, const calendar::Period& period);
  // The figures of a period without any question's text: for the public statistics page.
  QaSummary counts(std::int64_t agency_id, const calendar::Period& period);

  // The questions still waiting for an answer: (id, asked_at), oldest first; no text (the
  // deadline calendar).
  std::vector<std::pair<std::int64_t, std::int64_t>> waiting(std::int64_t agency_id);
  // The questions asked since `since` in every agency: {agency, id, asked_at}; no text (the
  // alerts of new work).
  std::vector<std::array<std::int64_t, 3>> asked_since(std::int64_t since);

  // Answerers: complaint officers and admins. Executives approve when approval is on.
  Result<std::vector<Question>> inbox(const http::Principal& by);
  Result<Question> get(const http::Principal& by, std::int64_t id);
  // The question and its answer go public with it: personal data found in either
  // (files/personal_data.hpp: the asker's phone in the question, say) holds the answer until the
  // answerer confirms (`confirm_personal_data`), which the audit keeps; `lang`: of the refusal.
  // `question`: the question as it goes public, when the answerer reworded it (a phone number
  // taken out); the audit keeps that it changed.
  Result<void> answer(const http::Principal& by, std::int64_t id, const std::string& answer,
                      bool confirm_personal_data = false, Lang lang = Lang::th,
                      const std::optional<std::string>& question = std::nullopt);
  Result<void> decline(const http::Principal& by, std::int64_t id, const std::string& reason);
  Result<void> approve(const http::Principal& by, std::int64_t id);
  bool approval_required(std::int64_t agency_id);
  Result<void> set_approval(const http::Principal& by, bool required);
  Result<QaSummary> summary(const http::Principal& by, const calendar::Period& period);

 private:
  // The asker's message when the question is answered in public or declined (then their address
  // is forgotten); their code back by LINE when they asked there.
  void tell_asker(store::WriteTx& tx, std::int64_t agency_id, std::int64_t id, QuestionStatus status);
  const web::Notify* notify_ = nullptr;
  QaSummary tally(std::int64_t agency_id, const calendar::Period& period, bool keep_waiting);
  Result<std::string> insert(std::int64_t agency_id, const store::Actor& actor, const std::string& via,
                             const std::string& asker, const std::string& question, const web::Recipient& notify = {});
  store::Store& store_;
  const Clock& clock_;
  accounts::Service& accounts_;
};

bool may_answer(const http::Principal& by);

}  // namespace prongsai::qa
