// The outbox: every message, e-mail or LINE, is first a row in the database, so that nothing is
// lost while the mail server or LINE is down. deliver() sends what is due through its channel's
// messenger (web/notify.hpp), each row claimed first (an
// UPDATE ... RETURNING that only one node wins), and marks it sent only after the server
// accepted it; a failure is retried after 1, 5, 15 and 60 minutes, then every 4 hours, and
// given up after 12 attempts. A message that was accepted is never sent again; one whose node
// died between the server's acceptance and the mark is sent again once its claim expires
// (at least once, never silently lost; LINE's retry key makes even that one push). Every
// attempt is logged (the message's id, kind and channel, not its address or text). A citizen's
// message (kind "citizen") loses its address and text once it is sent or given up.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "mail/mail.hpp"
#include "store/store.hpp"
#include "web/notify.hpp"

namespace prongsai::reminders {

struct OutboxEntry {
  std::int64_t id = 0;
  std::string kind, channel, to, subject;
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

  // How a message goes out: through the messenger of its channel.
  using Send = std::function<Result<void>(std::string_view channel, const web::Outgoing&)>;
  // E-mail through `transport`; any other channel fails (and is retried).
  static Send by_mail(mail::Transport& transport);
  // Each through its channel's messenger among the modules' (Module::messengers), when it is
  // ready for the message's agency.
  static Send by_messengers(web::Host& host);
  // The messenger of `channel` among the modules', if one declares it.
  static const web::Messenger* messenger(web::Host& host, std::string_view channel);

  // Queues a message once per key, in the caller's bookkeeping transaction; its id, or nullopt
  // when the key was queued before.
  static std::optional<std::int64_t> enqueue(store::BookkeepingTx& tx, std::int64_t agency_id, std::string_view key,
                                             std::string_view kind, const mail::Message& m, std::int64_t now,
                                             std::string_view channel = "mail");
  // A citizen's message, in the transaction of the audited change it tells of (after it).
  static void enqueue_citizen(store::WriteTx& tx, std::int64_t agency_id, std::string_view key,
                              const web::Recipient& to, const std::string& subject, const std::string& body);
  Delivery deliver(const Send& send, std::size_t max = 200);
  // The agency's messages, newest first (the admin's log).
  std::vector<OutboxEntry> recent(std::int64_t agency_id, std::size_t limit = 100);
  // Seconds to wait after the n-th failed attempt (n from 1).
  static std::int64_t backoff(int attempts);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace prongsai::reminders
