// See testing.hpp.
#include "testing/testing.hpp"

#include <random>
#include <stdexcept>

namespace prongsai::testing {

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() / ("prongsai-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<Fixture> Fixture::make() {
  auto f = std::make_unique<Fixture>();
  app::Options options;
  options.db_url = "sqlite:" + f->dir.file("test.db");
  auto app = app::App::open(options, *f->clock);
  if (!app) throw std::runtime_error("test app: " + app.error().detail);
  f->app = std::move(*app);
  auto setup =
      f->app->accounts().initialise(accounts::Setup{"องค์การบริหารส่วนตำบลทดสอบ", "admin@example.org", "ผู้ดูแล", true});
  if (!setup) throw std::runtime_error("test setup: " + setup.error().detail);
  f->agency_id = setup->agency_id;
  f->password = setup->password;
  return f;
}

http::Principal Fixture::principal(const std::string& email) {
  auto u = app->accounts().user_by_email(agency_id, email);
  if (!u) throw std::runtime_error("no test user " + email);
  http::Principal p;
  p.user_id = u->id;
  p.agency_id = agency_id;
  p.email = u->email;
  p.display_name = u->display_name;
  p.roles = u->roles;
  return p;
}

}  // namespace prongsai::testing
