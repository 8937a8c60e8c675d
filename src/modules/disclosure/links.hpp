// Links that stay alive: once a day (and on `prongsai links`), every link of evidence on a
// registry is asked for, within a budget of requests and time, and every file of evidence is
// looked for in the store. A link that fails, or that sends the reader to another site, is no
// evidence from the day it first failed: the readiness check, the calendar and so the
// executives' view say so ("ลิงก์ O12 ใช้ไม่ได้ตั้งแต่ 3 ธ.ค. 2569"). A link whose content is no
// longer what it was when first checked is noted for staff, not held against the item.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "modules/disclosure/readiness.hpp"
#include "store/store.hpp"

namespace prongsai::disclosure {

// What one request found. `location` for a redirect; `sha256` of the body (up to the cap).
struct Probe {
  int status = 0;
  std::string location;
  std::string sha256;
  std::string error;  // "timeout", "private address" or curl's words, when there was no answer
};

struct LinkOptions {
  long timeout_seconds = 15;             // one request, start to end
  std::size_t max_requests = 300;        // one run, every agency together
  std::int64_t max_seconds = 600;        // one run
  std::size_t max_body_bytes = 8 << 20;  // read and hashed of one answer; more is not read
  bool allow_private = false;            // loopback and private addresses (tests): never in production
};

// One GET without following redirects, through libcurl; refuses to connect to a loopback,
// private or link-local address unless `allow_private`.
Probe fetch(const std::string& url, const LinkOptions& o);
// The verdict on a probe of `url`: a redirect to the same host is followed by the caller.
LinkState judge(const Probe& p, const std::optional<std::string>& first_sha256);

struct LinkRun {
  std::size_t links = 0, files = 0, failing = 0, changed = 0;
  bool stopped_early = false;  // the budget ran out: the rest are first in line next time
};

class LinkChecker {
 public:
  using Fetch = std::function<Probe(const std::string& url)>;
  // Without `fetch`, the requests go out through libcurl (fetch() above, with `options`).
  LinkChecker(store::Store& store, LinkOptions options, Fetch fetch = {})
      : store_(store), options_(options), fetch_(std::move(fetch)) {
    if (!fetch_) fetch_ = [o = options_](const std::string& url) { return disclosure::fetch(url, o); };
  }
  // Checks the evidence of every agency's registries, the longest unchecked first.
  LinkRun run(std::int64_t now);

 private:
  Probe follow(const std::string& url);  // redirects within the same host, up to three
  store::Store& store_;
  LinkOptions options_;
  Fetch fetch_;
};

}  // namespace prongsai::disclosure
