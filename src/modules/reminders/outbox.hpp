// The e-mail outbox: every message is first a row in the database, so that nothing is lost
// while the mail server is down. deliver() sends what is due, each row claimed first (an
// UPDATE ... RETURNING that only one node wins), and marks it sent only after the server
// accepted it; a failure is retried after 1, 5, 15 and 60 minutes, then every 4 hours, and
// given up after 12 attempts. A message that was accepted is never sent again; one whose node
// died between the server's acceptance and the mark is sent again once its claim expires
// (at least once, never silently lost). Every attempt is logged (the message's id and kind,
// not its address or text).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "mail/mail.hpp"
#include "store/store.hpp"

namespace prongsai::reminders {

struct OutboxEntry {
  std::int64_t id = 0;
  std::string kind, to, subject;
  std::int64_t created_at = 0, attempts = 0, next_attempt_at = 0;
  std::optional<std::int64_t> sent_at, given_up_at;
  std::string last_error;
};

struct Delivery {
  int sent = 0, failed = 0, given_up = 0;
};

constexpr int kMaxAttempts = 12;
constexpr std::int64_t kClaimSeconds = 300;

class Outbox {
 public:
  Outbox(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Queues a message once per key, in the caller's bookkeeping transaction; its id, or nullopt
  // when the key was queued before.
  static std::optional<std::int64_t> enqueue(store::BookkeepingTx& tx, std::int64_t agency_id, std::string_view key,
                                             std::string_view kind, const mail::Message& m, std::int64_t now);
  Delivery deliver(mail::Transport& transport, std::size_t max = 200);
  // The agency's messages, newest first (the admin's log).
  std::vector<OutboxEntry> recent(std::int64_t agency_id, std::size_t limit = 100);
  // Seconds to wait after the n-th failed attempt (n from 1).
  static std::int64_t backoff(int attempts);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace prongsai::reminders
