// See app.hpp.
#include "app/app.hpp"

#include "core/crypto.hpp"
#include "modules/accounts/module.hpp"
#include "modules/audit/audit.hpp"
#include "modules/site/site.hpp"
#include "store/settings.hpp"

namespace prongsai::app {

const std::vector<std::string>& migration_order() {
  static const std::vector<std::string> order = {"store", "modules/accounts"};
  return order;
}

Result<std::unique_ptr<App>> App::open(const Options& options, const Clock& clock) {
  crypto::init();
  std::unique_ptr<App> app(new App());
  app->options_ = options;
  app->clock_ = &clock;
  auto store = store::Store::open(options.db_url, clock);
  if (!store) return fail(store.error());
  app->store_ = std::move(*store);
  if (auto m = app->store_->migrate(store::embedded_migrations(migration_order())); !m) return fail(m.error());
  auto catalogue = framework::Catalogue::load(options.framework_dir);
  if (!catalogue) return fail(catalogue.error());
  app->catalogue_ = std::move(*catalogue);
  app->csrf_key_ = store::setting_or_create(*app->store_, "csrf_key", [] { return crypto::random_token(32); });
  std::string limiter_key =
      store::setting_or_create(*app->store_, "rate_limit_key", [] { return crypto::random_token(32); });
  app->limiter_ = std::make_unique<store::RateLimiter>(*app->store_, limiter_key);
  app->accounts_ = std::make_unique<accounts::Service>(*app->store_, *app->limiter_, app->limits_);
  app->views_ = std::make_unique<web::Views>();
  App* self = app.get();
  app->pages_ = std::make_unique<web::Pages>(*app->views_, [self](const http::Request& req) {
    auto agency = self->accounts_->agency(req.agency_id);
    return web::ShellData{agency ? agency->name_th : std::string()};
  });
  return app;
}

void App::mount_routes() {
  site::mount(router_, site::Deps{*store_, *accounts_, catalogue_, *pages_, *clock_});
  accounts::mount(router_, *pages_, *accounts_, http::CookieOptions{options_.secure_cookies, http::SameSite::lax, -1});
  audit::mount(router_, *pages_, *store_);
}

}  // namespace prongsai::app
