// See fetch.hpp. libcurl does the requests, as it does the link checks and SMTP.
#include "modules/procurement/fetch.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace prongsai::procurement::egp {
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

std::string escaped(CURL* c, const std::string& s) {
  std::unique_ptr<char, void (*)(void*)> e(curl_easy_escape(c, s.data(), static_cast<int>(s.size())), curl_free);
  return e ? std::string(e.get()) : std::string();
}

Error refused(Lang lang, std::string_view key, std::string_view name = "", const std::string& value = "") {
  std::string said(Strings::instance().get(lang, key));
  if (!name.empty()) said = text::fill(std::move(said), name, value);
  return Error::said(ErrorKind::unavailable, "procurement.fetch.failed", said);
}

}  // namespace

Result<Fetched> fetch_cgdcontract(const FetchOptions& o, Lang lang) {
  static std::once_flag global;
  std::call_once(global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return fail(refused(lang, "procurement.fetch.unreachable", "why", "curl_easy_init"));
  CURL* c = curl.get();
  Fetched out;
  nlohmann::json all = nlohmann::json::array();
  std::string first_number;
  for (int page = 0;; ++page) {
    if (page >= o.max_pages)
      return fail(refused(lang, "procurement.fetch.too_many_pages", "pages", std::to_string(o.max_pages)));
    const std::string url = o.url + (o.url.find('?') == std::string::npos ? "?" : "&") +
                            "api-key=" + escaped(c, o.api_key) + "&dept_code=" + escaped(c, o.dept_code) +
                            "&year=" + std::to_string(o.year) + "&offset=" + std::to_string(page * o.limit) +
                            "&limit=" + std::to_string(o.limit);
    Body body{{}, o.max_page_bytes, false};
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(o.timeout_seconds, 20L));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, o.timeout_seconds);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "Prongsai procurement fetch");
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = curl_easy_perform(c);
    if (body.capped)
      return fail(refused(lang, "procurement.fetch.too_large", "mb", std::to_string(o.max_page_bytes >> 20)));
    // curl's message names the host and what failed, never the query and its key.
    if (rc != CURLE_OK)
      return fail(refused(lang, "procurement.fetch.unreachable", "why",
                          error[0] ? std::string(error) : std::string(curl_easy_strerror(rc))));
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200)
      return fail(refused(lang, status == 401 || status == 403 ? "procurement.fetch.key" : "procurement.fetch.status",
                          "status", std::to_string(status)));
    if (!text::json_nesting_within(body.data, 32)) return fail(refused(lang, "procurement.fetch.not_json"));
    nlohmann::json doc = nlohmann::json::parse(body.data, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("result") || !doc["result"].is_array())
      return fail(refused(lang, "procurement.fetch.not_json"));
    nlohmann::json& result = doc["result"];
    ++out.pages;
    if (result.empty()) break;
    // A service that does not page by offset answers the first page again: keep what came.
    const std::string number = result[0].is_object() ? result[0].value("project_id", nlohmann::json()).dump() : "";
    if (page > 0 && number == first_number) {
      out.repeated = true;
      break;
    }
    if (page == 0) first_number = number;
    for (auto& p : result) all.push_back(std::move(p));
    if (static_cast<int>(result.size()) < o.limit) break;
  }
  out.projects = all.size();
  out.document = nlohmann::json{{"result", std::move(all)}}.dump();
  return out;
}

}  // namespace prongsai::procurement::egp
