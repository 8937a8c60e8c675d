// Wiring: opens the store, applies migrations, loads the framework catalogue, builds the
// services and mounts every module's routes. The list of modules lives here, once.
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
#include "modules/accounts/accounts.hpp"
#include "modules/cases/cases.hpp"
#include "modules/channels/channels.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/frameworks/frameworks.hpp"
#include "modules/measures/measures.hpp"
#include "modules/reminders/deadlines.hpp"
#include "modules/reminders/feeds.hpp"
#include "modules/reminders/mailer.hpp"
#include "modules/reminders/outbox.hpp"
#include "modules/services/catalogue.hpp"
#include "modules/services/holidays.hpp"
#include "modules/services/requests.hpp"
#include "modules/surveys/surveys.hpp"
#include "store/rate_limit.hpp"
#include "store/store.hpp"
#include "web/views.hpp"

namespace prongsai::app {

struct Options {
  std::string db_url = "sqlite:var/prongsai.db";
  std::optional<std::string> framework_dir;
  bool secure_cookies = false;              // the site is served over HTTPS (behind a TLS proxy)
  std::size_t max_upload_bytes = 20 << 20;  // one file of disclosure evidence
  std::string public_url;                   // "https://www.namom.go.th": links in e-mail
  mail::Config mail;                        // no url: no e-mail
  // The database must exist and hold an agency already: every command but `init` (and the
  // target of migrate-store). A mistyped path is then an error, never a new, empty site.
  bool must_exist = false;
};

// The running system minus the socket: what `serve` listens with and what tests drive.
class App {
 public:
  static Result<std::unique_ptr<App>> open(const Options& options, const Clock& clock = Clock::system());

  store::Store& store() { return *store_; }
  store::RateLimiter& limiter() { return *limiter_; }
  // The anonymous routes' limits (a complaint, a question, a request per hour): in memory only.
  MemoryLimiter& public_limiter() { return *public_limiter_; }

  // Deletes what can no longer be used: sessions past their timeouts, officers' key copies of
  // sessions that are gone, throttling counters of windows long past. A background job
  // (serve.cpp, once per hour for the installation); the numbers deleted.
  struct Swept {
    std::int64_t sessions = 0, session_keys = 0, counters = 0;
  };
  Swept sweep();
  accounts::Service& accounts() { return *accounts_; }
  measures::Service& measures() { return *measures_; }
  disclosure::Service& disclosure() { return *disclosure_; }
  cases::Service& cases() { return *cases_; }
  channels::Contacts& contacts() { return *contacts_; }
  channels::News& news() { return *news_; }
  channels::Questions& questions() { return *questions_; }
  services::Catalogue& services() { return *services_; }
  services::Holidays& holidays() { return *holidays_; }
  services::Requests& requests() { return *requests_; }
  surveys::Service& surveys() { return *surveys_; }
  reminders::Calendar& calendar() { return *calendar_; }
  reminders::Feeds& feeds() { return *feeds_; }
  reminders::Outbox& outbox() { return *outbox_; }
  reminders::Mailer& mailer() { return *mailer_; }
  const framework::Catalogue& catalogue() const { return catalogue_; }
  frameworks::Service& frameworks() { return *frameworks_; }
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
  http::Limits limits_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::RateLimiter> limiter_;
  std::unique_ptr<MemoryLimiter> public_limiter_;
  std::unique_ptr<accounts::Service> accounts_;
  std::unique_ptr<measures::Service> measures_;
  std::unique_ptr<disclosure::Service> disclosure_;
  std::unique_ptr<cases::Service> cases_;
  std::unique_ptr<channels::Contacts> contacts_;
  std::unique_ptr<channels::News> news_;
  std::unique_ptr<channels::Questions> questions_;
  std::unique_ptr<services::Catalogue> services_;
  std::unique_ptr<services::Holidays> holidays_;
  std::unique_ptr<services::Requests> requests_;
  std::unique_ptr<surveys::Service> surveys_;
  std::unique_ptr<reminders::Calendar> calendar_;
  std::unique_ptr<reminders::Feeds> feeds_;
  std::unique_ptr<reminders::Outbox> outbox_;
  std::unique_ptr<reminders::Mailer> mailer_;
  framework::Catalogue catalogue_;
  std::unique_ptr<frameworks::Service> frameworks_;
  std::unique_ptr<web::Views> views_;
  std::unique_ptr<web::Pages> pages_;
  http::Router router_;
  std::string csrf_key_;
  const Clock* clock_ = nullptr;
};

// A store on `url` with every migration applied. With `must_exist`, a database that is missing
// or holds no agency is refused before anything is written to it.
Result<std::unique_ptr<store::Store>> open_store(const std::string& url, const Clock& clock = Clock::system(),
                                                 bool must_exist = false);
// Refuses a store that holds no agency (a new file, an empty schema, a mistyped path).
Result<void> holds_an_agency(store::Store& store);

// `prongsai migrate-store`: brings both databases to the current schema, copies every record
// (audit chain included) into the empty target, verifies the chain there. Returns the exit code.
int migrate_store(const std::string& from_url, const std::string& to_url);

// The modules whose migrations run, in order (a module's tables may refer to earlier ones').
const std::vector<std::string>& migration_order();

}  // namespace prongsai::app
