#include "mail/mail.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <mutex>

#include "core/crypto.hpp"

namespace prongsai::mail {
namespace {

// "=?UTF-8?B?...?=" words split between characters and folded, each line at most 76
// characters; the first word fits after a header name `taken` characters long.
std::string encoded_words(std::string_view text, std::size_t taken) {
  bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
  if (ascii && text.size() + taken <= 76) return std::string(text);
  std::string out;
  std::size_t room = 76 - taken;  // for the first word
  while (!text.empty()) {
    // 12 characters of "=?UTF-8?B?" and "?="; 4 base64 characters per 3 octets.
    std::size_t n = std::min<std::size_t>((room - 12) / 4 * 3, text.size());
    while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + crypto::to_base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
    room = 75;  // a folded line starts with a space
  }
  return out;
}

std::string wrapped_base64(std::string_view bytes) {
  std::string b64 = crypto::to_base64(bytes), out;
  for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

std::string rfc5322_date(std::int64_t now) {
  std::time_t t = static_cast<std::time_t>(now + 7 * 3600);  // Thailand, no daylight saving
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0700", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

struct Upload {
  std::string_view data;
  std::size_t at = 0;
};

std::size_t read_upload(char* out, std::size_t size, std::size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, u->data.size() - u->at);
  std::memcpy(out, u->data.data() + u->at, n);
  u->at += n;
  return n;
}

}  // namespace

bool plausible_address(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  auto at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size() || a.find('@', at + 1) != std::string_view::npos)
    return false;
  return std::all_of(a.begin(), a.end(), [](char c) {
    return c > 0x20 && c < 0x7f && c != '<' && c != '>' && c != '(' && c != ')' && c != ',' && c != ';' && c != '"';
  });
}

std::string address_of(std::string_view from) {
  auto open = from.rfind('<');
  auto close = from.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    return std::string(from.substr(open + 1, close - open - 1));
  return std::string(from);
}

std::string format(const Message& m, std::string_view from, std::int64_t now, std::string_view message_id) {
  std::string address = address_of(from);
  std::string name(from.substr(0, from.find('<')));
  while (!name.empty() && name.back() == ' ') name.pop_back();
  std::string out;
  out += "Date: " + rfc5322_date(now) + "\r\n";
  if (name.empty() || name == address)
    out += "From: <" + address + ">\r\n";
  else
    out += "From: " + encoded_words(name, 6) + "\r\n <" + address + ">\r\n";
  out += "To: <" + m.to + ">\r\n";
  out += "Subject: " + encoded_words(m.subject, 9) + "\r\n";
  out += "Message-ID: <" + std::string(message_id) + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  out += wrapped_base64(m.body);
  return out;
}

Result<void> SmtpTransport::send(const Message& m) {
  if (!config_.enabled()) return fail(Error::internal("no SMTP server configured"));
  if (!plausible_address(m.to)) return fail(Error::invalid_field("to", "error.email"));
  static std::once_flag global;
  std::call_once(global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::string from = address_of(config_.from);
  std::string host = from.substr(from.find('@') + 1);
  std::string id = crypto::to_hex(crypto::random_bytes(12)) + "@" + host;
  std::string text = format(m, config_.from, static_cast<std::int64_t>(std::time(nullptr)), id);

  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return fail(Error::internal("curl_easy_init failed"));
  CURL* c = curl.get();
  char error[CURL_ERROR_SIZE] = {0};
  std::string mail_from = "<" + from + ">", rcpt = "<" + m.to + ">";
  curl_slist* rcpts = curl_slist_append(nullptr, rcpt.c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> rcpt_list(rcpts, curl_slist_free_all);
  Upload upload{text};
  curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (config_.url.starts_with("smtp://"))
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(config_.starttls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  if (!config_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, config_.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, config_.timeout_seconds * 2);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK)
    return fail(Error::internal(std::string(curl_easy_strerror(rc)) + (error[0] ? std::string(": ") + error : "")));
  return ok();
}

}  // namespace prongsai::mail
