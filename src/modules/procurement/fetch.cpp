// See fetch.hpp. net::call does the requests, as it does LINE's.
#include "modules/procurement/fetch.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "net/client.hpp"

namespace prongsai::procurement::egp {
namespace {

Error refused(Lang lang, std::string_view key, std::string_view name = "", const std::string& value = "") {
  std::string said(Strings::instance().get(lang, key));
  if (!name.empty()) said = text::fill(std::move(said), name, value);
  return Error::said(ErrorKind::unavailable, "procurement.fetch.failed", said);
}

}  // namespace

Result<Fetched> fetch_cgdcontract(const FetchOptions& o, Lang lang) {
  Fetched out;
  nlohmann::json all = nlohmann::json::array();
  std::string first_number;
  for (int page = 0;; ++page) {
    if (page >= o.max_pages)
      return fail(refused(lang, "procurement.fetch.too_many_pages", "pages", std::to_string(o.max_pages)));
    net::Request r;
    r.url = o.url + (o.url.find('?') == std::string::npos ? "?" : "&") + "api-key=" + net::escape(o.api_key) +
            "&dept_code=" + net::escape(o.dept_code) + "&year=" + std::to_string(o.year) +
            "&offset=" + std::to_string(page * o.limit) + "&limit=" + std::to_string(o.limit);
    r.timeout_seconds = o.timeout_seconds;
    r.max_response_bytes = o.max_page_bytes;
    r.user_agent = "Prongsai procurement fetch";
    r.compressed = true;
    auto answer = net::call(r);
    if (!answer && answer.error().message_key == net::kTooLarge)
      return fail(refused(lang, "procurement.fetch.too_large", "mb", std::to_string(o.max_page_bytes >> 20)));
    // The error names the host and what failed, never the query and its key.
    if (!answer) return fail(refused(lang, "procurement.fetch.unreachable", "why", answer.error().detail));
    if (answer->status != 200)
      return fail(refused(
          lang, answer->status == 401 || answer->status == 403 ? "procurement.fetch.key" : "procurement.fetch.status",
          "status", std::to_string(answer->status)));
    const std::string& body = answer->body;
    if (!text::json_nesting_within(body, 32)) return fail(refused(lang, "procurement.fetch.not_json"));
    nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
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
