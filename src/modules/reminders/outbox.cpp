#include "modules/reminders/outbox.hpp"

#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "web/module.hpp"

namespace prongsai::reminders {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO mail_outbox (agency_id, dedupe_key, kind, channel, to_addr, subject, body, created_at, attempts, "
    "next_attempt_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '') ON CONFLICT (dedupe_key) DO NOTHING "
    "RETURNING id";
constexpr std::string_view kDue =
    "SELECT id FROM mail_outbox WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ? "
    "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, id LIMIT ?";
constexpr std::string_view kClaim =
    "UPDATE mail_outbox SET claimed_until = ? WHERE id = ? AND sent_at IS NULL AND given_up_at IS NULL "
    "AND (claimed_until IS NULL OR claimed_until < ?) RETURNING agency_id, kind, channel, to_addr, subject, body, "
    "attempts";
constexpr std::string_view kSent =
    "UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, claimed_until = NULL, last_error = '' WHERE id = ?";
constexpr std::string_view kFailed =
    "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL, last_error = ?, "
    "given_up_at = ? WHERE id = ?";
// A citizen's message, once it is done with: nothing left of whom it went to or what it said.
constexpr std::string_view kErase = "UPDATE mail_outbox SET to_addr = '', body = '' WHERE id = ? AND kind = 'citizen'";
constexpr std::string_view kRecent =
    "SELECT id, kind, channel, to_addr, subject, created_at, attempts, next_attempt_at, sent_at, given_up_at, "
    "last_error "
    "FROM mail_outbox WHERE agency_id = ? ORDER BY created_at DESC, id DESC LIMIT ?";

}  // namespace

std::int64_t Outbox::backoff(int attempts) {
  static constexpr std::int64_t kSteps[] = {60, 300, 900, 3600};
  if (attempts >= 1 && attempts <= 4) return kSteps[attempts - 1];
  return 4 * 3600;
}

std::optional<std::int64_t> Outbox::enqueue(store::BookkeepingTx& tx, std::int64_t agency_id, std::string_view key,
                                            std::string_view kind, const mail::Message& m, std::int64_t now,
                                            std::string_view channel) {
  auto rows = tx.exec(kInsert, {agency_id, std::string(key), std::string(kind), std::string(channel), m.to, m.subject,
                                m.body, now, now});
  if (rows.empty()) return std::nullopt;
  return rows.at(0).integer("id");
}

void Outbox::enqueue_citizen(store::WriteTx& tx, std::int64_t agency_id, std::string_view key, const web::Recipient& to,
                             const std::string& subject, const std::string& body) {
  // The key names the case (a sealed one too): kept only as its hash, so that the row, which
  // outlives its address and text, does not say which case had a citizen waiting to be told.
  tx.also(kInsert, {agency_id, "citizen:" + crypto::sha256_hex(key), std::string("citizen"), to.channel, to.to, subject,
                    body, tx.now(), tx.now()});
}

Outbox::Send Outbox::by_mail(mail::Transport& transport) {
  return [&transport](std::string_view channel, const web::Outgoing& m) -> Result<void> {
    if (channel != "mail")
      return fail(Error::make(ErrorKind::unavailable, "error.unavailable", "no messenger for " + std::string(channel)));
    return transport.send({m.to, m.subject, m.body});
  };
}

const web::Messenger* Outbox::messenger(web::Host& host, std::string_view channel) {
  for (const web::Module* module : host.modules())
    for (const web::Messenger& m : module->messengers)
      if (m.channel == channel) return &m;
  return nullptr;
}

Outbox::Send Outbox::by_messengers(web::Host& host) {
  return [&host](std::string_view channel, const web::Outgoing& m) -> Result<void> {
    const web::Messenger* messenger = Outbox::messenger(host, channel);
    if (!messenger)
      return fail(Error::make(ErrorKind::unavailable, "error.unavailable", "no messenger for " + std::string(channel)));
    if (!messenger->ready(host, m.agency_id))
      return fail(Error::make(ErrorKind::unavailable, "error.unavailable",
                              std::string(channel) + " is not set up for the agency"));
    return messenger->send(host, m);
  };
}

Delivery Outbox::deliver(const Send& send, std::size_t max) {
  Delivery out;
  std::int64_t now = clock_.now();
  std::vector<std::int64_t> due = store_.read([&](store::ReadTx& tx) {
    std::vector<std::int64_t> ids;
    for (const auto& r : tx.query(kDue, {now, now, static_cast<std::int64_t>(max)})) ids.push_back(r.integer("id"));
    return ids;
  });
  for (std::int64_t id : due) {
    now = clock_.now();
    auto claimed = store_.bookkeeping([&](store::BookkeepingTx& tx) -> std::optional<store::Row> {
      auto rows = tx.exec(kClaim, {now + kClaimSeconds, id, now});
      if (rows.empty()) return std::nullopt;  // another node has it, or it went meanwhile
      return rows.at(0);
    });
    if (!claimed) continue;
    std::string kind = claimed->text("kind"), channel = claimed->text("channel");
    web::Outgoing m{id, claimed->integer("agency_id"), claimed->text("to_addr"), claimed->text("subject"),
                    claimed->text("body")};
    int attempt = static_cast<int>(claimed->integer("attempts")) + 1;
    auto sent = send(channel, m);
    now = clock_.now();
    if (sent) {
      store_.bookkeeping([&](store::BookkeepingTx& tx) {
        tx.exec(kSent, {now, id});
        return tx.exec(kErase, {id});
      });
      spdlog::info("{} message {} ({}) sent, attempt {}", channel, id, kind, attempt);
      ++out.sent;
      continue;
    }
    bool give_up = attempt >= kMaxAttempts;
    std::string error = sent.error().detail.substr(0, 500);
    store_.bookkeeping([&](store::BookkeepingTx& tx) {
      tx.exec(kFailed, {now + backoff(attempt), error, give_up ? store::Value(now) : store::Value(nullptr), id});
      return give_up ? tx.exec(kErase, {id}) : store::Rows{};
    });
    if (give_up) {
      spdlog::error("{} message {} ({}) given up after {} attempts: {}", channel, id, kind, attempt, error);
      ++out.given_up;
    } else {
      spdlog::warn("{} message {} ({}) attempt {} failed, retrying in {}s: {}", channel, id, kind, attempt,
                   backoff(attempt), error);
      ++out.failed;
    }
  }
  return out;
}

std::vector<OutboxEntry> Outbox::recent(std::int64_t agency_id, std::size_t limit) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<OutboxEntry> out;
    for (const auto& r : tx.query(kRecent, {agency_id, static_cast<std::int64_t>(limit)})) {
      OutboxEntry e;
      e.id = r.integer("id");
      e.kind = r.text("kind");
      e.channel = r.text("channel");
      e.to = r.text("to_addr");
      e.subject = r.text("subject");
      e.created_at = r.integer("created_at");
      e.attempts = r.integer("attempts");
      e.next_attempt_at = r.integer("next_attempt_at");
      e.sent_at = r.opt_integer("sent_at");
      e.given_up_at = r.opt_integer("given_up_at");
      e.last_error = r.text("last_error");
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace prongsai::reminders
