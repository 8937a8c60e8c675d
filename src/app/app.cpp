// See app.hpp.
#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "core/crypto.hpp"
#include "modules/accounts/module.hpp"
#include "modules/audit/audit.hpp"
#include "modules/cases/module.hpp"
#include "modules/channels/module.hpp"
#include "modules/disclosure/module.hpp"
#include "modules/frameworks/module.hpp"
#include "modules/measures/module.hpp"
#include "modules/reminders/module.hpp"
#include "modules/services/module.hpp"
#include "modules/site/site.hpp"
#include "modules/surveys/module.hpp"
#include "store/settings.hpp"

namespace prongsai::app {

const std::vector<std::string>& migration_order() {
  static const std::vector<std::string> order = {"store",
                                                 "files",
                                                 "modules/frameworks",
                                                 "modules/accounts",
                                                 "modules/measures",
                                                 "modules/disclosure",
                                                 "modules/cases",
                                                 "modules/channels",
                                                 "modules/services",
                                                 "modules/surveys",
                                                 "modules/reminders"};
  return order;
}

Result<void> holds_an_agency(store::Store& store) {
  try {
    auto tables = store.tables();
    bool agencies = std::find(tables.begin(), tables.end(), "agencies") != tables.end() &&
                    store.read([](store::ReadTx& tx) { return tx.count("SELECT count(*) FROM agencies"); }) > 0;
    if (!agencies) return fail(Error::make(ErrorKind::not_found, "error.db_empty", "no agency in this database"));
    return ok();
  } catch (const std::exception& e) {
    return fail(Error::make(ErrorKind::unavailable, "error.db_open", e.what()));
  }
}

Result<std::unique_ptr<store::Store>> open_store(const std::string& url, const Clock& clock, bool must_exist) {
  auto s = store::Store::open(url, clock, must_exist ? store::Store::Mode::existing : store::Store::Mode::create);
  if (!s) return fail(s.error());
  if (must_exist) {
    if (auto held = holds_an_agency(**s); !held) return fail(held.error());
  }
  if (auto m = (*s)->migrate(store::embedded_migrations(migration_order())); !m) return fail(m.error());
  return s;
}

// The database may still fail under the first reads and writes (a file that opened but is
// damaged further in, a disk that filled): an error, not an exception out of the command.
Result<std::unique_ptr<App>> App::open(const Options& options, const Clock& clock) {
  try {
    return open_unchecked(options, clock);
  } catch (const std::exception& e) {
    return fail(Error::make(ErrorKind::unavailable, "error.db_open", e.what()));
  }
}

Result<std::unique_ptr<App>> App::open_unchecked(const Options& options, const Clock& clock) {
  crypto::init();
  std::unique_ptr<App> app(new App());
  app->options_ = options;
  app->clock_ = &clock;
  auto store = open_store(options.db_url, clock, options.must_exist);
  if (!store) return fail(store.error());
  app->store_ = std::move(*store);
  auto catalogue = framework::Catalogue::load(options.framework_dir);
  if (!catalogue) return fail(catalogue.error());
  app->catalogue_ = std::move(*catalogue);
  app->frameworks_ = std::make_unique<frameworks::Service>(*app->store_, app->catalogue_);
  app->frameworks_->load();  // the versions published over the binary's files
  app->csrf_key_ = store::setting_or_create(*app->store_, "csrf_key", [] { return crypto::random_token(32); });
  std::string limiter_key =
      store::setting_or_create(*app->store_, "rate_limit_key", [] { return crypto::random_token(32); });
  app->limiter_ = std::make_unique<store::RateLimiter>(*app->store_, limiter_key);
  app->public_limiter_ = std::make_unique<MemoryLimiter>(clock);
  app->accounts_ = std::make_unique<accounts::Service>(*app->store_, *app->limiter_, app->limits_);
  app->measures_ = std::make_unique<measures::Service>(*app->store_, *app->accounts_, app->catalogue_);
  app->disclosure_ = std::make_unique<disclosure::Service>(*app->store_, *app->accounts_, app->catalogue_);
  app->disclosure_->set_max_file_bytes(options.max_upload_bytes);
  app->cases_ = std::make_unique<cases::Service>(*app->store_, *app->accounts_);
  app->contacts_ = std::make_unique<channels::Contacts>(*app->store_);
  app->news_ = std::make_unique<channels::News>(*app->store_, clock);
  app->news_->set_max_file_bytes(options.max_upload_bytes);
  app->questions_ = std::make_unique<channels::Questions>(*app->store_, clock);
  app->services_ = std::make_unique<services::Catalogue>(*app->store_, *app->accounts_);
  app->holidays_ = std::make_unique<services::Holidays>(*app->store_);
  app->requests_ = std::make_unique<services::Requests>(*app->services_, *app->holidays_, *app->cases_, clock);
  app->surveys_ = std::make_unique<surveys::Service>(*app->store_, app->catalogue_, *app->measures_, clock);
  app->calendar_ = std::make_unique<reminders::Calendar>(*app->store_, app->catalogue_, *app->accounts_,
                                                         *app->measures_, *app->disclosure_, *app->cases_,
                                                         *app->questions_, *app->holidays_, *app->surveys_, clock);
  app->feeds_ = std::make_unique<reminders::Feeds>(*app->store_, *app->accounts_);
  app->outbox_ = std::make_unique<reminders::Outbox>(*app->store_, clock);
  app->mailer_ = std::make_unique<reminders::Mailer>(*app->calendar_, *app->store_, clock, options.public_url);
  app->refresh_search_index();
  app->views_ = std::make_unique<web::Views>();
  App* self = app.get();
  app->pages_ = std::make_unique<web::Pages>(*app->views_, [self](const http::Request& req) {
    auto agency = self->accounts_->agency(req.agency_id);
    return web::ShellData{agency ? agency->name_th : std::string()};
  });
  return app;
}

App::Swept App::sweep() {
  Swept s;
  s.sessions = accounts_->sweep_sessions();
  s.session_keys = cases_->sweep_session_keys();  // after the sessions: their keys go too
  s.counters = limiter_->prune();
  return s;
}

// The modules keep their search entries in step with every change. An index written by an
// older version (other entries, other folding) is made again once, at start; bump the version
// whenever what the modules index or core/search_text's folding changes.
constexpr std::string_view kSearchIndexKey = "search_index_version";
constexpr std::string_view kSearchIndexVersion = "1";

void App::refresh_search_index() {
  if (store::setting(*store_, kSearchIndexKey) == kSearchIndexVersion) return;
  auto rebuilt = store_->write(store::Actor::system(), [&](store::WriteTx& tx) -> Result<void> {
    channels::News::reindex(tx);
    channels::Questions::reindex(tx);
    disclosure_->reindex(tx);
    return ok();
  });
  if (!rebuilt) {  // another node starting at the same moment did it
    spdlog::warn("search index not rebuilt here: {}", rebuilt.error().detail);
    return;
  }
  store::set_setting(*store_, kSearchIndexKey, std::string(kSearchIndexVersion));
  spdlog::info("search index rebuilt (version {})", kSearchIndexVersion);
}

int migrate_store(const std::string& from_url, const std::string& to_url) {
  auto from = open_store(from_url, Clock::system(), true);
  auto to = from ? open_store(to_url) : Result<std::unique_ptr<store::Store>>(fail(from.error()));
  if (!from || !to) {
    spdlog::error("{}", (!from ? from.error() : to.error()).detail);
    return 1;
  }
  auto copied = (*from)->copy_all_to(**to);
  if (!copied) {
    spdlog::error("{}: {}", Strings::instance().get(Lang::th, copied.error().message_key), copied.error().detail);
    return 1;
  }
  for (const auto& [table, rows] : *copied) std::printf("%-20s %8lld\n", table.c_str(), static_cast<long long>(rows));
  audit::Verification v = audit::verify(**to);
  std::printf("audit log on the target: %s (%lld entries)\n", v.ok ? "OK" : v.reason.c_str(),
              static_cast<long long>(v.entries));
  return v.ok ? 0 : 1;
}

void App::mount_routes() {
  site::mount(router_, site::Deps{*store_, *accounts_, catalogue_, *frameworks_, *pages_, *clock_});
  frameworks::mount(router_, *pages_, *frameworks_, *accounts_);
  accounts::mount(router_, *pages_, *accounts_, http::CookieOptions{options_.secure_cookies, http::SameSite::lax, -1});
  measures::mount(router_, *pages_, *measures_, *accounts_, *clock_);
  disclosure::mount(router_, *pages_, *disclosure_, *accounts_, *clock_);
  cases::mount(router_, *pages_, *cases_, *public_limiter_, *clock_,
               [this](std::int64_t agency) -> std::optional<std::string> {
                 auto s = surveys_->open_satisfaction(agency);
                 if (!s) return std::nullopt;
                 return "/s/" + s->token;
               });
  channels::mount(router_, *pages_, *contacts_);
  channels::mount_news(router_, *pages_, *news_);
  channels::mount_qa(router_, *pages_, *questions_, *public_limiter_, *clock_);
  channels::mount_statistics(router_, *pages_, *cases_, *questions_, *clock_);
  channels::mount_search(router_, *pages_, *store_, *clock_);
  services::mount(router_, *pages_, *services_, *holidays_, *accounts_, *clock_);
  services::mount_requests(router_, *pages_, *services_, *requests_, *accounts_, *public_limiter_);
  services::mount_statistics(router_, *pages_, *requests_, *disclosure_, catalogue_, *accounts_, *clock_);
  surveys::mount(router_, *pages_, *surveys_, *disclosure_, *clock_,
                 http::CookieOptions{options_.secure_cookies, http::SameSite::lax, -1}, *public_limiter_);
  reminders::mount(router_, *pages_, reminders::Deps{*calendar_, *feeds_, *mailer_, *outbox_, options_.mail.enabled()});
  audit::mount(router_, *pages_, *store_);
}

}  // namespace prongsai::app
