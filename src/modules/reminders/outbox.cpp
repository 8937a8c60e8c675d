#include "modules/reminders/outbox.hpp"

#include <spdlog/spdlog.h>

namespace prongsai::reminders {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO mail_outbox (agency_id, dedupe_key, kind, to_addr, subject, body, created_at, attempts, "
    "next_attempt_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, '') ON CONFLICT (dedupe_key) DO NOTHING "
    "RETURNING id";
constexpr std::string_view kDue =
    "SELECT id FROM mail_outbox WHERE sent_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= ? "
    "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, id LIMIT ?";
constexpr std::string_view kClaim =
    "UPDATE mail_outbox SET claimed_until = ? WHERE id = ? AND sent_at IS NULL AND given_up_at IS NULL "
    "AND (claimed_until IS NULL OR claimed_until < ?) RETURNING kind, to_addr, subject, body, attempts";
constexpr std::string_view kSent =
    "UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, claimed_until = NULL, last_error = '' WHERE id = ?";
constexpr std::string_view kFailed =
    "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?, claimed_until = NULL, last_error = ?, "
    "given_up_at = ? WHERE id = ?";
constexpr std::string_view kRecent =
    "SELECT id, kind, to_addr, subject, created_at, attempts, next_attempt_at, sent_at, given_up_at, last_error "
    "FROM mail_outbox WHERE agency_id = ? ORDER BY created_at DESC, id DESC LIMIT ?";

}  // namespace

std::int64_t Outbox::backoff(int attempts) {
  static constexpr std::int64_t kSteps[] = {60, 300, 900, 3600};
  if (attempts >= 1 && attempts <= 4) return kSteps[attempts - 1];
  return 4 * 3600;
}

std::optional<std::int64_t> Outbox::enqueue(store::BookkeepingTx& tx, std::int64_t agency_id, std::string_view key,
                                            std::string_view kind, const mail::Message& m, std::int64_t now) {
  auto rows = tx.exec(kInsert, {agency_id, std::string(key), std::string(kind), m.to, m.subject, m.body, now, now});
  if (rows.empty()) return std::nullopt;
  return rows.at(0).integer("id");
}

Delivery Outbox::deliver(mail::Transport& transport, std::size_t max) {
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
    std::string kind = claimed->text("kind");
    mail::Message m{claimed->text("to_addr"), claimed->text("subject"), claimed->text("body")};
    int attempt = static_cast<int>(claimed->integer("attempts")) + 1;
    auto sent = transport.send(m);
    now = clock_.now();
    if (sent) {
      store_.bookkeeping([&](store::BookkeepingTx& tx) { return tx.exec(kSent, {now, id}); });
      spdlog::info("mail {} ({}) sent, attempt {}", id, kind, attempt);
      ++out.sent;
      continue;
    }
    bool give_up = attempt >= kMaxAttempts;
    std::string error = sent.error().detail.substr(0, 500);
    store_.bookkeeping([&](store::BookkeepingTx& tx) {
      return tx.exec(kFailed, {now + backoff(attempt), error, give_up ? store::Value(now) : store::Value(nullptr), id});
    });
    if (give_up) {
      spdlog::error("mail {} ({}) given up after {} attempts: {}", id, kind, attempt, error);
      ++out.given_up;
    } else {
      spdlog::warn("mail {} ({}) attempt {} failed, retrying in {}s: {}", id, kind, attempt, backoff(attempt), error);
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
