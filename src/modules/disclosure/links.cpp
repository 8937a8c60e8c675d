// See links.hpp. net::call does the requests (libcurl, as for LINE and e-GP); Boost.URL reads hosts.
#include "modules/disclosure/links.hpp"

#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "modules/disclosure/queries.hpp"
#include "net/client.hpp"

namespace prongsai::disclosure {
namespace {

constexpr int kMaxHops = 3;  // redirects followed within the same host

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
  net::Request r;
  r.url = url;
  r.timeout_seconds = o.timeout_seconds;
  r.max_response_bytes = o.max_body_bytes;
  r.truncate = true;  // the start is enough to see that it changed
  r.public_only = !o.allow_private;
  r.user_agent = "Prongsai link check (OIT evidence)";
  r.compressed = true;
  Probe p;
  auto answer = net::call(r);
  if (!answer) {
    p.error = answer.error().detail;
    return p;
  }
  p.status = static_cast<int>(answer->status);
  p.location = answer->location;
  p.sha256 = crypto::sha256_hex(answer->body);
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
