// Telling people: what a module contributes to the outbox (the reminders hub keeps it) and
// what a module asks of it. A message is a row of the outbox first, then sent through a
// messenger (Module::messengers): e-mail (SMTP), LINE (the agency's official account), each a
// module's, none named here. Staff are told of deadlines (web/deadlines.hpp) and of work that
// arrives (DeadlineSource::arrivals); a citizen who asked for it is told when their case or
// question changes (Notify::to_citizen, in the change's own transaction).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/message.hpp"
#include "store/store.hpp"

namespace prongsai::web {

class Host;

// A message as a messenger sends it. `id` is the outbox row's: a messenger that can make a
// retry idempotent (LINE's X-Line-Retry-Key) keys it by this.
struct Outgoing {
  std::int64_t id = 0, agency_id = 0;
  std::string to;  // an e-mail address, a LINE user id
  std::string subject, body;
};

// One way of reaching people: its name is the outbox row's channel and its label the string
// `notify.channel.<channel>`.
struct Messenger {
  std::string channel;  // "mail", "line"
  // Whether the agency can send on it now (e-mail: a mail server is set up; LINE: the agency's
  // official account is).
  std::function<bool(Host&, std::int64_t agency_id)> ready;
  // The addresses of the agency's staff on it, by user id (e-mail: their account's; LINE: those
  // who linked their LINE account).
  std::function<std::map<std::int64_t, std::string>(Host&, std::int64_t agency_id)> staff;
  // Sends one message: done once the other side accepted it.
  std::function<Result<void>(Host&, const Outgoing&)> send;
};

// Where a citizen asked to be told: a channel and their address on it.
struct Recipient {
  std::string channel, to;
};

// What a module asks of the outbox and of the channels citizens come through. The app makes
// it empty; the module that keeps the outbox fills `to_citizen`, one that keeps a chat channel
// fills `came_through`. Either may be empty (that module is not installed): check first.
struct Notify {
  // Queues a message to a citizen in the caller's transaction, after its audited change (so the
  // message goes exactly when the change commits), once per `key`. Its address and text are
  // erased once it is sent or given up: the outbox is not where a citizen is found.
  std::function<void(store::WriteTx&, std::int64_t agency_id, const std::string& key, const Recipient& to,
                     const std::string& subject, const std::string& body)>
      to_citizen;
  // The chat account a citizen's browser came from (a start link the agency's LINE account
  // gave them), if any: offered on a form as a way to be told.
  std::function<std::optional<Recipient>(const http::Request&)> came_through;
  // The channels that are ready for the agency (Messenger::ready of each).
  std::function<bool(std::int64_t agency_id, const std::string& channel)> ready;
  // The agency's public address for links in messages ("https://www.namom.go.th").
  std::function<std::string(std::int64_t agency_id)> origin;

  // Whether a citizen of the agency can ask to be told on `channel` now: an outbox to queue in
  // and the channel ready.
  bool tells_on(std::int64_t agency_id, const std::string& channel) const {
    return to_citizen && ready && ready(agency_id, channel);
  }
  // `origin`'s answer, or "" (links relative) when no module gives one.
  std::string origin_of(std::int64_t agency_id) const { return origin ? origin(agency_id) : std::string(); }
};

// What a citizen's form offers to tell them on (the partial site/notify): the channels ready for
// the agency, e-mail and, when their browser came through the chat, LINE (never in a sealed
// channel, which must not know them), and what the form sent chose.
nlohmann::json notify_choices(const http::Request& req, const Notify* notify, bool sealed);
// What a form chose: its channel ("", "mail", "line") and, for LINE, the user the start link
// stands for (from its cookie, never from the form).
std::pair<std::string, std::string> notify_chosen(const http::Request& req, const Notify* notify, bool sealed);

}  // namespace prongsai::web
