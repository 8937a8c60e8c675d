#include "net/client.hpp"

#include <curl/curl.h>

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
  if (b->data.size() + len > b->cap) {
    b->capped = true;
    return 0;  // curl stops with a write error
  }
  b->data.append(ptr, len);
  return len;
}

}  // namespace

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
  if (r.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
  }
  const CURLcode rc = curl_easy_perform(c);
  if (body.capped)
    return fail(Error::make(ErrorKind::unavailable, "error.unavailable",
                            "answer over " + std::to_string(r.max_response_bytes) + " bytes"));
  if (rc != CURLE_OK)
    return fail(Error::make(ErrorKind::unavailable, "error.unavailable",
                            error[0] ? std::string(error) : std::string(curl_easy_strerror(rc))));
  Response out;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  out.body = std::move(body.data);
  return out;
}

}  // namespace prongsai::net
