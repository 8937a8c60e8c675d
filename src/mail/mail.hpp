// Sending e-mail: a message as RFC 5322 text (UTF-8 subject as encoded words, body in base64,
// so Thai arrives whole through any relay) and an SMTP transport on Debian's libcurl: STARTTLS
// required unless the relay is local, AUTH when a user is given, a timeout on every step.
// Nothing here queues or retries: the outbox (modules/reminders/outbox.hpp) does.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace prongsai::mail {

struct Config {
  std::string url;       // "smtp://mail.example.go.th:587", "smtps://...:465"; empty: no e-mail
  bool starttls = true;  // smtp://: refuse to send without STARTTLS (off only for a relay on this host)
  std::string user, password;
  std::string from;  // "Prongsai <noreply@example.go.th>" or a bare address
  long timeout_seconds = 30;
  bool enabled() const { return !url.empty(); }
};

struct Message {
  std::string to;  // one address
  std::string subject, body;
};

// An address we send to: one mailbox, printable ASCII, no spaces, brackets or line breaks.
bool plausible_address(std::string_view a);
// The address inside "Name <addr>", or the whole.
std::string address_of(std::string_view from);
// The message as it goes on the wire; `now` gives the Date header (Thailand time).
std::string format(const Message& m, std::string_view from, std::int64_t now, std::string_view message_id);

class Transport {
 public:
  virtual ~Transport() = default;
  // Done when the server accepted the message for delivery.
  virtual Result<void> send(const Message& m) = 0;
};

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(Config config) : config_(std::move(config)) {}
  Result<void> send(const Message& m) override;

 private:
  Config config_;
};

}  // namespace prongsai::mail
