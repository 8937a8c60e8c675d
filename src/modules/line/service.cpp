#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "core/codes.hpp"
#include "core/crypto.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/line/line.hpp"
#include "net/client.hpp"

namespace prongsai::line {
namespace {

using nlohmann::json;

constexpr std::string_view kChannel =
    "SELECT channel_secret, access_token, updated_at FROM line_channels WHERE agency_id = ?";
constexpr std::string_view kSetChannel =
    "INSERT INTO line_channels (agency_id, channel_secret, access_token, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET channel_secret = excluded.channel_secret, "
    "access_token = excluded.access_token, updated_at = excluded.updated_at";
constexpr std::string_view kRemoveChannel = "DELETE FROM line_channels WHERE agency_id = ?";
constexpr std::string_view kStaffCount = "SELECT COUNT(*) FROM line_staff WHERE agency_id = ?";
constexpr std::string_view kStaff = "SELECT user_id, line_user_id FROM line_staff WHERE agency_id = ?";
constexpr std::string_view kLinkedAt = "SELECT linked_at FROM line_staff WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kLink =
    "INSERT INTO line_staff (agency_id, user_id, line_user_id, linked_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (agency_id, user_id) DO UPDATE SET line_user_id = excluded.line_user_id, "
    "linked_at = excluded.linked_at";
constexpr std::string_view kUnlink = "DELETE FROM line_staff WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kLinkedTo = "SELECT user_id FROM line_staff WHERE agency_id = ? AND line_user_id = ?";
constexpr std::string_view kDropCodes = "DELETE FROM line_link_codes WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kAddCode =
    "INSERT INTO line_link_codes (code_hash, agency_id, user_id, expires_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kTakeCode =
    "DELETE FROM line_link_codes WHERE code_hash = ? AND agency_id = ? AND expires_at > ? RETURNING user_id";
constexpr std::string_view kAddStart =
    "INSERT INTO line_starts (token_hash, agency_id, line_user_id, expires_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kStart =
    "SELECT line_user_id FROM line_starts WHERE token_hash = ? AND agency_id = ? AND expires_at > ?";
constexpr std::string_view kSeeEvent =
    "INSERT INTO line_events (agency_id, event_id, expires_at) VALUES (?, ?, ?) "
    "ON CONFLICT (agency_id, event_id) DO NOTHING RETURNING event_id";
constexpr std::string_view kSweepCodes = "DELETE FROM line_link_codes WHERE expires_at <= ? RETURNING code_hash";
constexpr std::string_view kSweepStarts = "DELETE FROM line_starts WHERE expires_at <= ? RETURNING token_hash";
constexpr std::string_view kSweepEvents = "DELETE FROM line_events WHERE expires_at <= ? RETURNING event_id";

constexpr std::size_t kCodeChars = 8;

std::string t(std::string_view key) { return std::string(Strings::instance().get(Lang::th, key)); }

// A secret as LINE gives it: one line of printable ASCII, no spaces.
bool plausible_secret(const std::string& s, std::size_t min, std::size_t max) {
  if (s.size() < min || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

std::string hashed(std::string_view kind, std::string_view value) {
  return crypto::sha256_hex(std::string("prongsai line ").append(kind).append(":").append(value));
}

}  // namespace

std::string signature(std::string_view secret, std::string_view body) {
  return crypto::to_base64(crypto::hmac_sha256(secret, body));
}

std::string retry_key(std::int64_t agency_id, std::int64_t outbox_id) {
  std::string h =
      crypto::sha256_hex("prongsai line retry:" + std::to_string(agency_id) + ":" + std::to_string(outbox_id));
  h[12] = '4';                                                  // a version 4 UUID's form
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];  // its variant
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20, 12);
}

std::string fit(std::string text) { return text::truncate(text, kMaxText); }

Service::Service(store::Store& store, const Clock& clock, accounts::Service& accounts, std::string api_url)
    : store_(store), clock_(clock), accounts_(accounts), api_url_(std::move(api_url)) {
  while (api_url_.ends_with('/')) api_url_.pop_back();
}

ChannelState Service::state(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    ChannelState s;
    if (auto row = tx.query_one(kChannel, {agency_id})) {
      s.set = true;
      s.updated_at = row->integer("updated_at");
    }
    s.linked_staff = tx.count(kStaffCount, {agency_id});
    return s;
  });
}

bool Service::ready(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) { return tx.query_one(kChannel, {agency_id}).has_value(); });
}

Result<void> Service::set_channel(const http::Principal& by, const std::string& secret, const std::string& token) {
  std::string s(text::trim(secret)), k(text::trim(token));
  if (!plausible_secret(s, 16, 128)) return fail(Error::invalid_field("secret", "line.error.secret"));
  if (!plausible_secret(k, 32, 1024)) return fail(Error::invalid_field("token", "line.error.token"));
  bool was = ready(by.agency_id);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    // The audit says that the secrets changed, never what they are.
    tx.apply(store::Change::update(by.agency_id, "line_channel", by.agency_id, json{{"set", was}},
                                   json{{"set", true}, {"secret", "(changed)"}, {"token", "(changed)"}}),
             kSetChannel, {by.agency_id, s, k, tx.now()});
    return ok();
  });
}

Result<void> Service::remove_channel(const http::Principal& by) {
  if (!ready(by.agency_id)) return ok();
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(
        store::Change::update(by.agency_id, "line_channel", by.agency_id, json{{"set", true}}, json{{"set", false}}),
        kRemoveChannel, {by.agency_id});
    return ok();
  });
}

Result<std::string> Service::new_link_code(const http::Principal& by) {
  if (!ready(by.agency_id)) return fail(Error::make(ErrorKind::conflict, "line.error.not_set"));
  std::string code = codes::random(kCodeChars, 4);
  std::string canonical = *codes::normalise(code, kCodeChars);
  store_.bookkeeping([&](store::BookkeepingTx& tx) {
    tx.exec(kDropCodes, {by.agency_id, by.user_id});
    tx.exec(kAddCode, {hashed("code", canonical), by.agency_id, by.user_id, clock_.now() + kLinkCodeSeconds});
    return 0;
  });
  return code;
}

std::optional<std::int64_t> Service::linked_at(std::int64_t agency_id, std::int64_t user_id) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<std::int64_t> {
    auto row = tx.query_one(kLinkedAt, {agency_id, user_id});
    if (!row) return std::nullopt;
    return row->integer("linked_at");
  });
}

Result<void> Service::unlink(const http::Principal& by) {
  if (!linked_at(by.agency_id, by.user_id)) return ok();
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(
        store::Change::update(by.agency_id, "line_link", by.user_id, json{{"linked", true}}, json{{"linked", false}}),
        kUnlink, {by.agency_id, by.user_id});
    return ok();
  });
}

std::map<std::int64_t, std::string> Service::staff(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::map<std::int64_t, std::string> out;
    for (const auto& r : tx.query(kStaff, {agency_id})) out[r.integer("user_id")] = r.text("line_user_id");
    return out;
  });
}

std::optional<std::string> Service::start_user(std::int64_t agency_id, std::string_view token) {
  if (token.empty() || token.size() > 64) return std::nullopt;
  return store_.read([&](store::ReadTx& tx) -> std::optional<std::string> {
    auto row = tx.query_one(kStart, {hashed("start", token), agency_id, clock_.now()});
    if (!row) return std::nullopt;
    return row->text("line_user_id");
  });
}

Result<std::vector<Reply>> Service::take_webhook(std::int64_t agency_id, std::string_view body,
                                                 std::string_view signature_header, const std::string& origin,
                                                 const std::string& agency_name, const std::vector<Offer>& offers) {
  auto channel = store_.read([&](store::ReadTx& tx) { return tx.query_one(kChannel, {agency_id}); });
  if (!channel) return fail(Error::not_found("no LINE channel"));
  auto refused = [&](std::string_view why) {
    // Never the body: it holds what a citizen wrote.
    spdlog::warn("line webhook refused for agency {}: {}", agency_id, why);
    return fail(Error::make(ErrorKind::unauthenticated, "error.unauthenticated", std::string(why)));
  };
  if (signature_header.empty() || !crypto::equal(signature_header, signature(channel->text("channel_secret"), body)))
    return refused("signature");
  json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("events") || !doc["events"].is_array())
    return fail(Error::make(ErrorKind::bad_request, "error.bad_request", "not a LINE webhook body"));
  const std::int64_t now = clock_.now();
  for (const json& e : doc["events"]) {
    if (!e.is_object() || !e.contains("timestamp") || !e["timestamp"].is_number_integer())
      return fail(Error::make(ErrorKind::bad_request, "error.bad_request", "an event without its time"));
    std::int64_t at = e["timestamp"].get<std::int64_t>() / 1000;
    if (at < now - kEventAgeSeconds || at > now + kEventAgeSeconds) return refused("event time");
    if (!e.contains("webhookEventId") || !e["webhookEventId"].is_string() ||
        e["webhookEventId"].get_ref<const std::string&>().size() > 64)
      return fail(Error::make(ErrorKind::bad_request, "error.bad_request", "an event without its id"));
  }

  // Each event once: a call that brings one already taken is a replay, refused whole.
  std::vector<Reply> replies;
  bool replayed = false;
  store_.bookkeeping([&](store::BookkeepingTx& tx) {
    for (const json& e : doc["events"])
      if (tx.exec(kSeeEvent, {agency_id, e["webhookEventId"].get<std::string>(), now + 2 * kEventAgeSeconds + 86400})
              .empty())
        replayed = true;
    return 0;
  });
  if (replayed) return refused("event taken before");

  std::string menu_head = text::fill(t("line.menu"), "agency", agency_name);
  try {
    for (const json& e : doc["events"]) {
      const std::string type = e.value("type", "");
      const json source = e.value("source", json::object());
      if (source.value("type", "") != "user" || !source.contains("userId") || !source["userId"].is_string()) continue;
      const std::string user = source["userId"].get<std::string>();
      if (user.empty() || user.size() > 64) continue;
      const std::string reply_token = e.value("replyToken", "");
      if (type == "unfollow") {
        // Blocked: the staff member it was linked to gets nothing there any more.
        for (const auto& r : store_.read([&](store::ReadTx& tx) { return tx.query(kLinkedTo, {agency_id, user}); })) {
          std::int64_t user_id = r.integer("user_id");
          store_.write(store::Actor::system(), [&](store::WriteTx& tx) -> Result<void> {
            tx.apply(store::Change::update(agency_id, "line_link", user_id, json{{"linked", true}},
                                           json{{"linked", false}, {"why", "unfollowed"}}),
                     kUnlink, {agency_id, user_id});
            return ok();
          });
        }
        continue;
      }
      if (type != "follow" && type != "message") continue;
      if (reply_token.empty()) continue;
      // A staff member's link code.
      if (type == "message" && e.contains("message") && e["message"].value("type", "") == "text") {
        const std::string said = e["message"].value("text", "");
        if (said.size() <= 64) {
          if (auto canonical = codes::normalise(said, kCodeChars)) {
            auto user_id = store_.bookkeeping([&](store::BookkeepingTx& tx) -> std::optional<std::int64_t> {
              auto rows = tx.exec(kTakeCode, {hashed("code", *canonical), agency_id, now});
              if (rows.empty()) return std::nullopt;
              return rows.at(0).integer("user_id");
            });
            if (user_id) {
              auto who = accounts_.user(agency_id, *user_id);
              if (who && who->active) {
                auto linked = store_.write(store::Actor{*user_id, who->email}, [&](store::WriteTx& tx) -> Result<void> {
                  tx.apply(store::Change::update(agency_id, "line_link", *user_id, json{{"linked", false}},
                                                 json{{"linked", true}}),
                           kLink, {agency_id, *user_id, user, now});
                  return ok();
                });
                if (linked) {
                  replies.push_back({reply_token, text::fill(t("line.linked"), "name", who->display_name)});
                  continue;
                }
              }
            }
          }
        }
      }
      // Anyone else: the forms they may start here, each behind a start link that stands for them.
      std::string start = crypto::random_token(24);
      store_.bookkeeping([&](store::BookkeepingTx& tx) {
        return tx.exec(kAddStart, {hashed("start", start), agency_id, user, now + kStartSeconds});
      });
      std::string text = menu_head + "\n";
      for (const Offer& o : offers)
        text += "\n" + o.label + "\n" + origin + "/line/start/" + start + "?to=" + o.path + "\n";
      text += "\n" + t("line.menu_corruption") + "\n" + origin + "/complaints/new?channel=corruption";
      replies.push_back({reply_token, fit(std::move(text))});
    }
  } catch (const json::exception& e) {
    // Signed by LINE, yet not of its shape: what was taken before it stays taken.
    spdlog::warn("line webhook for agency {}: an event not understood ({})", agency_id, e.id);
  }
  return replies;
}

Result<void> Service::call(std::int64_t agency_id, const std::string& path, const std::string& body,
                           const std::string& retry_key) {
  auto channel = store_.read([&](store::ReadTx& tx) { return tx.query_one(kChannel, {agency_id}); });
  if (!channel) return fail(Error::make(ErrorKind::unavailable, "line.error.not_set", "no LINE channel"));
  net::Request r;
  r.method = "POST";
  r.url = api_url_ + path;
  r.headers = {{"Authorization", "Bearer " + channel->text("access_token")}, {"Content-Type", "application/json"}};
  if (!retry_key.empty()) r.headers.emplace_back("X-Line-Retry-Key", retry_key);
  r.body = body;
  r.timeout_seconds = 15;
  r.max_response_bytes = 64 * 1024;
  auto answer = net::call(r);
  if (!answer) return fail(answer.error());
  // 409 with a retry key: LINE accepted this very message before (our mark was lost).
  if (answer->status == 200 || (answer->status == 409 && !retry_key.empty())) return ok();
  json why = json::parse(answer->body, nullptr, false);
  std::string message = why.is_object() ? why.value("message", "") : "";
  return fail(Error::make(
      ErrorKind::unavailable, "error.unavailable",
      "LINE answered " + std::to_string(answer->status) + (message.empty() ? "" : ": ") + message.substr(0, 200)));
}

Result<void> Service::push(std::int64_t agency_id, const std::string& to, const std::string& text,
                           const std::string& key) {
  json body{{"to", to}, {"messages", json::array({json{{"type", "text"}, {"text", fit(text)}}})}};
  return call(agency_id, "/v2/bot/message/push", body.dump(), key);
}

Result<void> Service::reply(std::int64_t agency_id, const std::string& reply_token, const std::string& text) {
  json body{{"replyToken", reply_token}, {"messages", json::array({json{{"type", "text"}, {"text", fit(text)}}})}};
  return call(agency_id, "/v2/bot/message/reply", body.dump(), "");
}

std::int64_t Service::sweep() {
  std::int64_t now = clock_.now();
  return store_.bookkeeping([&](store::BookkeepingTx& tx) {
    std::int64_t n = 0;
    for (std::string_view sql : {kSweepCodes, kSweepStarts, kSweepEvents})
      n += static_cast<std::int64_t>(tx.exec(sql, {now}).size());
    return n;
  });
}

}  // namespace prongsai::line
