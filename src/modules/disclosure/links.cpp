// See links.hpp. libcurl does the requests (as it does SMTP, src/mail); Boost.URL reads hosts.
#include "modules/disclosure/links.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "modules/disclosure/queries.hpp"

namespace prongsai::disclosure {
namespace {

constexpr int kMaxHops = 3;  // redirects followed within the same host

struct Body {
  std::string data;
  std::size_t cap = 0;
  bool capped = false;
};

std::size_t take_body(char* ptr, std::size_t size, std::size_t n, void* user) {
  auto* b = static_cast<Body*>(user);
  std::size_t len = size * n;
  std::size_t room = b->cap - b->data.size();
  b->data.append(ptr, std::min(len, room));
  if (len > room) {
    b->capped = true;
    return 0;  // enough read: curl stops with a write error, which is not the link's fault
  }
  return len;
}

// Loopback, private, shared, link-local and unspecified addresses: not the public web.
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

int refuse_private(void* allow, char* primary_ip, char*, int, int) {
  if (*static_cast<bool*>(allow) || !private_address(primary_ip)) return CURL_PREREQFUNC_OK;
  return CURL_PREREQFUNC_ABORT;
}

std::string host_of(const std::string& url) {
  auto u = boost::urls::parse_uri(url);
  return u ? text::ascii_lower(std::string(u->host())) : std::string();
}

}  // namespace

std::string_view to_string(LinkState s) {
  constexpr std::string_view kStates[] = {"ok", "broken", "moved", "changed"};
  return kStates[static_cast<int>(s)];
}

std::optional<LinkState> parse_link_state(std::string_view s) {
  for (LinkState k : {LinkState::ok, LinkState::broken, LinkState::moved, LinkState::changed})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

Probe fetch(const std::string& url, const LinkOptions& o) {
  static std::once_flag global;
  std::call_once(global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Probe p;
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    p.error = "curl_easy_init failed";
    return p;
  }
  CURL* c = curl.get();
  Body body{{}, o.max_body_bytes, false};
  bool allow = o.allow_private;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(o.timeout_seconds, 10L));
  curl_easy_setopt(c, CURLOPT_TIMEOUT, o.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "Prongsai link check (OIT evidence)");
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, take_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, refuse_private);
  curl_easy_setopt(c, CURLOPT_PREREQDATA, &allow);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && body.capped)) {
    p.error = rc == CURLE_OPERATION_TIMEDOUT    ? "timeout"
              : rc == CURLE_ABORTED_BY_CALLBACK ? "private address"
                                                : (error[0] ? std::string(error) : curl_easy_strerror(rc));
    return p;
  }
  p.status = static_cast<int>(status);
  char* location = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) p.location = location;
  p.sha256 = crypto::sha256_hex(body.data);
  return p;
}

LinkState judge(const Probe& p, const std::optional<std::string>& first_sha256) {
  if (p.status >= 300 && p.status < 400) return LinkState::moved;
  if (p.status < 200 || p.status >= 300) return LinkState::broken;
  if (first_sha256 && !first_sha256->empty() && *first_sha256 != p.sha256) return LinkState::changed;
  return LinkState::ok;
}

Probe LinkChecker::follow(const std::string& url) {
  const std::string host = host_of(url);
  std::string at = url;
  Probe p = fetch_(at);
  for (int hop = 0; hop < kMaxHops && p.status >= 300 && p.status < 400 && !p.location.empty(); ++hop) {
    if (host_of(p.location) != host) break;  // sent elsewhere: moved
    at = p.location;
    p = fetch_(at);
  }
  return p;
}

LinkRun LinkChecker::run(std::int64_t now) {
  LinkRun out;
  struct Found {
    std::int64_t evidence_id, agency_id;
    std::string url;  // empty: a file, looked for in the store
    bool present = true;
    std::optional<LinkCheck> before;
    std::string first_sha256;
  };
  std::vector<Found> todo;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& r : tx.query(q::kEvidenceToCheck)) {
      // A page of this site (a document of the library) is kept by the module that serves it.
      if (r.text("kind") == "link" && text::is_site_path(r.text("url"))) continue;
      Found f{
          r.integer("id"),           r.integer("agency_id"), r.text("kind") == "link" ? r.text("url") : std::string(),
          r.integer("present") != 0, std::nullopt,           r.is_null("first_sha256") ? "" : r.text("first_sha256")};
      if (!r.is_null("state")) {
        LinkCheck c;
        c.state = parse_link_state(r.text("state")).value_or(LinkState::ok);
        c.checked_at = r.integer("checked_at");
        if (!r.is_null("failing_since")) c.failing_since = r.integer("failing_since");
        f.before = c;
      }
      todo.push_back(std::move(f));
    }
    return true;
  });
  std::map<std::int64_t, std::vector<std::pair<const Found*, LinkCheck>>> by_agency;
  std::map<const Found*, std::string> first_hash;
  std::size_t requests = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const Found& f : todo) {
    LinkCheck c;
    c.checked_at = now;
    if (f.url.empty()) {
      ++out.files;
      c.state = f.present ? LinkState::ok : LinkState::broken;
      if (!f.present) c.detail = "no file in the store";
    } else {
      if (requests >= options_.max_requests ||
          std::chrono::steady_clock::now() - started > std::chrono::seconds(options_.max_seconds)) {
        out.stopped_early = true;
        continue;
      }
      ++requests;
      ++out.links;
      Probe p = follow(f.url);
      c.http_status = p.status;
      c.state = judge(p, f.first_sha256.empty() ? std::nullopt : std::optional(f.first_sha256));
      if (p.status == 0)
        c.detail = p.error;
      else if (c.state == LinkState::moved)
        c.detail = "redirect to " + (host_of(p.location).empty() ? p.location : host_of(p.location));
      else if (c.state == LinkState::broken)
        c.detail = "HTTP " + std::to_string(p.status);
      if (f.first_sha256.empty() && c.state == LinkState::ok) first_hash[&f] = p.sha256;
    }
    if (failing(c.state)) {
      ++out.failing;
      c.failing_since = f.before && f.before->failing_since ? *f.before->failing_since : now;
    }
    out.changed += c.state == LinkState::changed;
    by_agency[f.agency_id].emplace_back(&f, c);
  }
  // One audited write per agency: how many were checked, and which went bad or came back.
  for (const auto& [agency, checks] : by_agency) {
    nlohmann::json turned = nlohmann::json::array();
    std::size_t bad = 0;
    for (const auto& [f, c] : checks) {
      bad += failing(c.state);
      bool was = f->before && failing(f->before->state);
      if (was != failing(c.state))
        turned.push_back({{"evidence_id", f->evidence_id}, {"state", std::string(to_string(c.state))}});
    }
    auto written = store_.write(store::Actor::system(), [&](store::WriteTx& tx) -> Result<void> {
      tx.record(store::Change{agency,
                              "oit_link_checks",
                              std::to_string(now),
                              "check",
                              nullptr,
                              {{"checked", checks.size()}, {"failing", bad}, {"turned", turned}}});
      for (const auto& [f, c] : checks) {
        auto hash = first_hash.find(f);
        tx.also(q::kSaveLinkCheck,
                {f->evidence_id, agency, std::string(to_string(c.state)), std::int64_t{c.http_status}, c.detail,
                 hash == first_hash.end() ? f->first_sha256 : hash->second, c.checked_at,
                 c.failing_since ? store::Value(*c.failing_since) : store::Value(nullptr)});
      }
      return ok();
    });
    if (!written) spdlog::warn("link check of agency {} not saved: {}", agency, written.error().detail);
  }
  return out;
}

}  // namespace prongsai::disclosure
