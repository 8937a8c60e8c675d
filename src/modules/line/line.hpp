// The agency's LINE Official Account, through the LINE Messaging API (LINE Notify, which
// agency sites used for staff alerts, closed on 31 March 2025):
//
// - the admin saves the channel's secret and access token (/admin/line), never shown again;
// - a staff member links their LINE account (/account/line): a one-time code, valid ten
//   minutes, sent as a message to the official account; from then on the outbox's alerts and
//   reminders may reach them there (the "line" messenger: a push, keyed by the outbox row so
//   that a retry is not delivered twice);
// - the webhook (/line/webhook) takes LINE's calls only with a valid X-Line-Signature (HMAC-SHA256
//   of the body under the channel secret), events at most ten minutes old and each event once:
//   anything else is refused (401) with nothing done, and logged without its content. A
//   citizen's message is answered with the forms they may start from the chat, each behind a
//   start link that stands for their LINE user for a day, so that the form can offer to tell
//   them there when their request or question moves. The corruption channel is offered
//   without one: it never learns who came from LINE.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/access.hpp"
#include "store/store.hpp"

namespace prongsai::accounts {
class Service;
}

namespace prongsai::line {

// How long a staff member's link code and a citizen's start link last, and how old an event
// LINE sends may be.
constexpr std::int64_t kLinkCodeSeconds = 600;
constexpr std::int64_t kStartSeconds = 24 * 3600;
constexpr std::int64_t kEventAgeSeconds = 600;
// LINE's limit on one text message, in UTF-16 units; ours counts code points, which is stricter.
constexpr std::size_t kMaxText = 5000;

// A form the chat offers: its label and public path (web::PublicLink::chat).
struct Offer {
  std::string label, path;
};

// What the webhook answers after its events were taken: the replies to send with their tokens.
struct Reply {
  std::string token, text;
};

struct ChannelState {
  bool set = false;
  std::int64_t updated_at = 0;
  std::int64_t linked_staff = 0;
};

class Service {
 public:
  // `api_url`: the Messaging API's address ("https://api.line.me"; a loopback server in tests).
  Service(store::Store& store, const Clock& clock, accounts::Service& accounts, std::string api_url);

  // The admin's: whether the agency's official account is set up.
  ChannelState state(std::int64_t agency_id);
  bool ready(std::int64_t agency_id);
  // Both given, each a line of printable ASCII (LINE's secret is 32 hex characters; a token is
  // longer): saved over what was there. Audited as changed, never with the values.
  Result<void> set_channel(const http::Principal& by, const std::string& secret, const std::string& token);
  Result<void> remove_channel(const http::Principal& by);

  // A staff member's link code (shown once, grouped "7KQ2-M9XD"); a new one replaces theirs.
  Result<std::string> new_link_code(const http::Principal& by);
  std::optional<std::int64_t> linked_at(std::int64_t agency_id, std::int64_t user_id);
  Result<void> unlink(const http::Principal& by);
  // Who of the agency's staff are linked: user id → LINE user id.
  std::map<std::int64_t, std::string> staff(std::int64_t agency_id);

  // One webhook call: unauthenticated (401) for a wrong signature, an old event or one taken
  // before, not_found when the agency has no official account, bad_request for a body that is
  // not LINE's; otherwise the replies to send. `origin` and `offers` make the citizens' menu.
  Result<std::vector<Reply>> take_webhook(std::int64_t agency_id, std::string_view body, std::string_view signature,
                                          const std::string& origin, const std::string& agency_name,
                                          const std::vector<Offer>& offers);
  // The LINE user a start link stands for, while it lasts.
  std::optional<std::string> start_user(std::int64_t agency_id, std::string_view token);

  // The Messaging API: a push to one user, made idempotent by `retry_key` (LINE keeps it a day:
  // a retry of a push it accepted is answered 409 and counts as sent); a reply with a webhook's
  // token. Done once LINE accepted it.
  Result<void> push(std::int64_t agency_id, const std::string& to, const std::string& text,
                    const std::string& retry_key);
  Result<void> reply(std::int64_t agency_id, const std::string& reply_token, const std::string& text);

  // Link codes, start links and events past their time (the hourly sweep); how many.
  std::int64_t sweep();

 private:
  Result<void> call(std::int64_t agency_id, const std::string& path, const std::string& body,
                    const std::string& retry_key);
  store::Store& store_;
  const Clock& clock_;
  accounts::Service& accounts_;
  std::string api_url_;
};

// X-Line-Signature: base64 of HMAC-SHA256 of the body under the channel secret.
std::string signature(std::string_view secret, std::string_view body);
// A UUID made from an outbox row (LINE's retry keys are UUIDs): the same row, the same key.
std::string retry_key(std::int64_t agency_id, std::int64_t outbox_id);
// A message cut to what LINE takes, whole characters.
std::string fit(std::string text);

}  // namespace prongsai::line
