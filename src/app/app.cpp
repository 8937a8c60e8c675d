// See app.hpp.
#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/crypto.hpp"
#include "store/settings.hpp"

namespace prongsai::app {

std::vector<std::string> migration_order(const std::vector<const web::Module*>& list) {
  std::vector<std::string> out = {"store", "files"};
  for (const web::Module* m : list)
    if (m->migrations) out.push_back("modules/" + m->name);
  return out;
}

namespace {

// A module may use only what the modules before it made: a list in the wrong order is a
// programming error, thrown at start.
void check_order(const std::vector<const web::Module*>& list) {
  std::vector<std::string> seen;
  for (const web::Module* m : list) {
    for (const std::string& before : m->after)
      if (std::find(seen.begin(), seen.end(), before) == seen.end())
        throw std::logic_error("module " + m->name + " comes after " + before + ", which is not before it in the list");
    seen.push_back(m->name);
  }
}

}  // namespace

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

Result<std::unique_ptr<store::Store>> open_store(const std::string& url, const Clock& clock, bool must_exist,
                                                 const std::vector<const web::Module*>& list) {
  auto s = store::Store::open(url, clock, must_exist ? store::Store::Mode::existing : store::Store::Mode::create);
  if (!s) return fail(s.error());
  if (must_exist) {
    if (auto held = holds_an_agency(**s); !held) return fail(held.error());
  }
  if (auto m = (*s)->migrate(store::embedded_migrations(migration_order(list))); !m) return fail(m.error());
  return s;
}

// The database may still fail under the first reads and writes (a file that opened but is
// damaged further in, a disk that filled): an error, not an exception out of the command.
Result<std::unique_ptr<App>> App::open(const Options& options, const Clock& clock) {
  check_order(options.modules.empty() ? modules() : options.modules);  // a programming error: thrown
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
  app->modules_ = options.modules.empty() ? modules() : options.modules;
  app->clock_ = &clock;
  auto store = open_store(options.db_url, clock, options.must_exist, app->modules_);
  if (!store) return fail(store.error());
  app->store_ = std::move(*store);
  auto catalogue = framework::Catalogue::load(options.framework_dir);
  if (!catalogue) return fail(catalogue.error());
  app->catalogue_ = std::move(*catalogue);
  app->csrf_key_ = store::setting_or_create(*app->store_, "csrf_key", [] { return crypto::random_token(32); });
  std::string limiter_key =
      store::setting_or_create(*app->store_, "rate_limit_key", [] { return crypto::random_token(32); });
  app->limiter_ = std::make_unique<store::RateLimiter>(*app->store_, limiter_key);
  app->public_limiter_ = std::make_unique<MemoryLimiter>(clock);
  app->host_ = std::make_unique<web::Host>(*app->store_, clock, app->catalogue_, *app->limiter_, *app->public_limiter_,
                                           app->limits_);
  web::Host& host = *app->host_;
  host.make<web::Settings>(web::Settings{options.max_upload_bytes, options.public_url,
                                         http::CookieOptions{options.secure_cookies, http::SameSite::lax, -1},
                                         options.line_api_url});
  host.make<mail::Config>(options.mail);
  host.make<web::Notify>();
  host.set_modules(app->modules_);
  for (const web::Module* m : app->modules_)
    if (m->build) m->build(host);
  app->refresh_search_index();
  app->views_ = std::make_unique<web::Views>();
  App* self = app.get();
  app->pages_ = std::make_unique<web::Pages>(*app->views_, [self](const http::Request& req) {
    const auto* identity = self->host_->find<web::Identity>();
    web::ShellData shell{identity ? identity->agency_name(req.agency_id) : std::string(), std::nullopt};
    if (const auto* look = self->host_->find<web::LookSource>()) shell.look = look->look(req.agency_id);
    return shell;
  });
  host.set_web(app->router_, *app->pages_);
  return app;
}

App::Swept App::sweep() {
  Swept s;
  for (const web::Module* m : modules_)
    for (const web::Sweep& sweep : m->sweeps) s.counts.emplace_back(sweep.what, sweep.run(*host_));
  s.counts.emplace_back("counters", limiter_->prune());
  return s;
}

namespace {

// One job that the installation runs once per due time (store/jobs.hpp), whichever node claims it.
void run_once(store::Jobs& jobs, std::string_view name, std::int64_t next_run_at, std::int64_t lease_seconds,
              const std::function<void()>& work) {
  if (!jobs.claim(name, next_run_at, lease_seconds)) return;
  spdlog::info("job {} started on {}", name, jobs.node());
  std::string error;
  try {
    work();
  } catch (const std::exception& e) {
    error = e.what();
    spdlog::warn("job {} failed: {}", name, error);
  }
  jobs.finished(name, error.substr(0, 500));
}

}  // namespace

void App::tick(store::Jobs& jobs, std::int64_t now) {
  for (const web::Module* module : modules_) {
    for (const web::Job& job : module->jobs) {
      try {
        if (!job.due) {
          job.run(*host_);
          continue;
        }
        if (auto due = job.due(*host_, now))
          run_once(jobs, job.name, *due, job.lease_seconds, [&] { job.run(*host_); });
      } catch (const std::exception& e) {
        spdlog::warn("background work {}: {}", job.name, e.what());  // e.g. the database away for a moment
      }
    }
  }
  try {
    run_once(jobs, "sweep", now + 3600, 600, [&] {
      Swept s = sweep();
      if (s.total() > 0) {
        std::string said;
        for (const auto& [what, n] : s.counts) said += (said.empty() ? "" : ", ") + std::to_string(n) + " " + what;
        spdlog::info("swept {}", said);
      }
    });
  } catch (const std::exception& e) {
    spdlog::warn("background work sweep: {}", e.what());
  }
}

std::int64_t App::Swept::of(std::string_view what) const {
  for (const auto& [name, n] : counts)
    if (name == what) return n;
  return 0;
}

std::int64_t App::Swept::total() const {
  std::int64_t n = 0;
  for (const auto& c : counts) n += c.second;
  return n;
}

// The modules keep their search entries in step with every change. An index written by an
// older version (other entries, other folding) is made again once, at start; bump the version
// whenever what the modules index or core/search_text's folding changes.
constexpr std::string_view kSearchIndexKey = "search_index_version";
constexpr std::string_view kSearchIndexVersion = "1";

void App::refresh_search_index() {
  if (store::setting(*store_, kSearchIndexKey) == kSearchIndexVersion) return;
  auto rebuilt = store_->write(store::Actor::system(), [&](store::WriteTx& tx) -> Result<void> {
    for (const web::Module* m : modules_)
      if (m->reindex) m->reindex(tx, *host_);
    return ok();
  });
  if (!rebuilt) {  // another node starting at the same moment did it
    spdlog::warn("search index not rebuilt here: {}", rebuilt.error().detail);
    return;
  }
  store::set_setting(*store_, kSearchIndexKey, std::string(kSearchIndexVersion));
  spdlog::info("search index rebuilt (version {})", kSearchIndexVersion);
}

void App::mount_routes() {
  for (const web::Module* m : modules_)
    if (m->mount) m->mount(*host_);
}

}  // namespace prongsai::app
