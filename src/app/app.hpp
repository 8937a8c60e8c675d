// Wiring: opens the store, applies migrations, loads the framework catalogue, then goes down
// the one list of modules (modules.cpp): each builds its services and mounts its routes; their
// jobs, reindex and sweep are run from here. Nothing here names a module.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/memory_limiter.hpp"
#include "core/result.hpp"
#include "framework/framework.hpp"
#include "http/limits.hpp"
#include "http/router.hpp"
#include "mail/mail.hpp"
#include "store/jobs.hpp"
#include "store/rate_limit.hpp"
#include "store/store.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::app {

struct Options {
  std::string db_url = "sqlite:var/prongsai.db";
  std::optional<std::string> framework_dir;
  bool secure_cookies = false;                       // the site is served over HTTPS (behind a TLS proxy)
  std::size_t max_upload_bytes = 20 << 20;           // one file of disclosure evidence
  std::string public_url;                            // "https://www.namom.go.th": links in e-mail
  mail::Config mail;                                 // no url: no e-mail
  std::string line_api_url = "https://api.line.me";  // the LINE Messaging API (tests: a loopback server)
  // The database must exist and hold an agency already: every command but `init` (and the
  // target of migrate-store). A mistyped path is then an error, never a new, empty site.
  bool must_exist = false;
  // The modules, in order; none: the installation's list (modules()). A test adds its own.
  std::vector<const web::Module*> modules;
};

// The running system minus the socket: what `serve` listens with and what tests drive.
class App {
 public:
  // Throws std::logic_error when a module comes before one it names in `after`.
  static Result<std::unique_ptr<App>> open(const Options& options, const Clock& clock = Clock::system());

  store::Store& store() { return *store_; }
  store::RateLimiter& limiter() { return *limiter_; }
  // The anonymous routes' limits (a complaint, a question, a request per hour): in memory only.
  MemoryLimiter& public_limiter() { return *public_limiter_; }

  // Deletes what can no longer be used: what each module sweeps (sessions past their
  // timeouts, officers' key copies of sessions that are gone, ...), then throttling counters of
  // windows long past. A background job (serve.cpp, once per hour for the installation).
  struct Swept {
    std::vector<std::pair<std::string, std::int64_t>> counts;  // what, how many, in sweep order
    std::int64_t of(std::string_view what) const;
    std::int64_t total() const;
  };
  Swept sweep();
  // One round of background work, at `now`: every module's jobs (web::Job) in list order, then
  // the sweep. What must happen once for the installation goes through the jobs table, claimed
  // by one node with a lease (the retention purge, queueing reminders and digests, the hourly
  // sweep); the rest runs on every node at each tick (sending the outbox: each node claims
  // messages one by one, so several nodes send faster and no message goes twice). A job that
  // fails is logged and the others still run. serve calls it every 30 seconds.
  void tick(store::Jobs& jobs, std::int64_t now);
  // A module's service (or a setting), as the modules made it.
  template <class T>
  T& get() {
    return host_->get<T>();
  }
  web::Host& host() { return *host_; }
  const framework::Catalogue& catalogue() const { return catalogue_; }
  const http::Router& router() const { return router_; }
  web::Pages& pages() { return *pages_; }
  http::Limits& limits() { return limits_; }
  const std::string& csrf_key() const { return csrf_key_; }
  const Options& options() const { return options_; }
  void mount_routes();  // once, after limits are final

 private:
  App() = default;
  static Result<std::unique_ptr<App>> open_unchecked(const Options& options, const Clock& clock);
  // Rebuilds the search index when an older version wrote it.
  void refresh_search_index();
  Options options_;
  std::vector<const web::Module*> modules_;
  http::Limits limits_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::RateLimiter> limiter_;
  std::unique_ptr<MemoryLimiter> public_limiter_;
  framework::Catalogue catalogue_;
  std::unique_ptr<web::Host> host_;
  std::unique_ptr<web::Views> views_;
  std::unique_ptr<web::Pages> pages_;
  http::Router router_;
  std::string csrf_key_;
  const Clock* clock_ = nullptr;
};

// The modules, in order: each may use the services and tables of those before it
// (modules.cpp). Checked at start: a module named in `after` comes earlier.
const std::vector<const web::Module*>& modules();

// A store on `url` with every migration applied. With `must_exist`, a database that is missing
// or holds no agency is refused before anything is written to it.
Result<std::unique_ptr<store::Store>> open_store(const std::string& url, const Clock& clock = Clock::system(),
                                                 bool must_exist = false,
                                                 const std::vector<const web::Module*>& list = modules());
// Refuses a store that holds no agency (a new file, an empty schema, a mistyped path).
Result<void> holds_an_agency(store::Store& store);

// The migrations that run, in order: the store's and the files', then each module's.
std::vector<std::string> migration_order(const std::vector<const web::Module*>& list = modules());

}  // namespace prongsai::app
