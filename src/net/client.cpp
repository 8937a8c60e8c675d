#include "net/client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include <memory>
#include <mutex>

namespace prongsai::net {
namespace {

struct Body {
  std::string data;
  std::size_t cap = 0;
  bool capped = false;
};

std::size_t take_body(char* ptr, std::size_t size, std::size_t n, void* user) {
  auto* b = static_cast<Body*>(user);
  const std::size_t len = size * n;
  const std::size_t room = b->cap - b->data.size();
  b->data.append(ptr, std::min(len, room));
  if (len > room) {
    b->capped = true;
    return 0;  // enough read: curl stops with a write error
  }
  return len;
}

int refuse_private(void* public_only, char* primary_ip, char*, int, int) {
  if (!*static_cast<bool*>(public_only) || !private_address(primary_ip)) return CURL_PREREQFUNC_OK;
  return CURL_PREREQFUNC_ABORT;
}

}  // namespace

bool private_address(const std::string& ip) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(ip, ec);
  if (ec) return true;
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  if (a.is_loopback() || a.is_unspecified()) return true;
  if (a.is_v4()) {
    auto b = a.to_v4().to_bytes();
    return b[0] == 10 || b[0] == 0 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168) ||
           (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xc0) == 64);
  }
  auto b = a.to_v6().to_bytes();
  return (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
}

Result<Response> call(const Request& r) {
  static std::once_flag global;
  std::call_once(global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return fail(Error::make(ErrorKind::unavailable, "error.unavailable", "curl_easy_init failed"));
  CURL* c = curl.get();
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(nullptr, curl_slist_free_all);
  for (const auto& [name, value] : r.headers) {
    curl_slist* more = curl_slist_append(headers.get(), (name + ": " + value).c_str());
    if (!more) return fail(Error::make(ErrorKind::unavailable, "error.unavailable", "curl_slist_append failed"));
    headers.release();
    headers.reset(more);
  }
  Body body{{}, r.max_response_bytes, false};
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(r.timeout_seconds, 20L));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, r.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_USERAGENT, r.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (r.compressed) curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  bool public_only = r.public_only;
  curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, refuse_private);
  curl_easy_setopt(c, CURLOPT_PREREQDATA, &public_only);
  if (r.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
  }
  const CURLcode rc = curl_easy_perform(c);
  if (body.capped && !r.truncate)
    return fail(Error::make(ErrorKind::unavailable, std::string(kTooLarge),
                            "answer over " + std::to_string(r.max_response_bytes) + " bytes"));
  if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && body.capped))
    return fail(Error::make(ErrorKind::unavailable, "error.unavailable",
                            rc == CURLE_OPERATION_TIMEDOUT    ? std::string("timeout")
                            : rc == CURLE_ABORTED_BY_CALLBACK ? std::string("private address")
                            : error[0]                        ? std::string(error)
                                                              : std::string(curl_easy_strerror(rc))));
  Response out;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  char* location = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) out.location = location;
  out.body = std::move(body.data);
  out.truncated = body.capped;
  return out;
}

std::string escape(std::string_view s) {
  std::unique_ptr<char, void (*)(void*)> e(curl_easy_escape(nullptr, s.data(), static_cast<int>(s.size())), curl_free);
  return e ? std::string(e.get()) : std::string();
}

}  // namespace prongsai::net
