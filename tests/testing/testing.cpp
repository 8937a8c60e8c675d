// See testing.hpp.
#include "testing/testing.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
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

std::string read_source_file(const std::string& relative_path) {
  std::ifstream in(std::string(PRONGSAI_SOURCE_DIR) + "/" + relative_path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + relative_path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool on_postgresql() {
  const char* pg = std::getenv("PRONGSAI_TEST_PG");
  return pg && *pg;
}

std::string fresh_db_url(const TempDir& dir) {
  if (!on_postgresql()) return "sqlite:" + dir.file("test.db");
  std::random_device rd;
  return std::string(std::getenv("PRONGSAI_TEST_PG")) + "&schema=t_" + std::to_string(rd()) + "_" +
         std::to_string(rd());
}

std::unique_ptr<Fixture> Fixture::make(std::vector<const web::Module*> modules,
                                       const std::function<void(app::Options&)>& configure) {
  auto f = std::make_unique<Fixture>();
  app::Options options;
  options.db_url = fresh_db_url(f->dir);
  options.modules = std::move(modules);
  if (configure) configure(options);
  auto app = app::App::open(options, *f->clock);
  if (!app) throw std::runtime_error("test app: " + app.error().detail);
  f->app = std::move(*app);
  auto setup = f->app->get<accounts::Service>().initialise(
      accounts::Setup{"องค์การบริหารส่วนตำบลทดสอบ", "admin@example.org", "ผู้ดูแล", true});
  if (!setup) throw std::runtime_error("test setup: " + setup.error().detail);
  f->agency_id = setup->agency_id;
  f->password = setup->password;
  // As `init --demo` does: the demo corruption officer's key opens the channel (its first key).
  auto officer = f->app->get<accounts::Service>().user_by_email(f->agency_id, "integrity@example.org");
  if (!officer) throw std::runtime_error("test setup: no demo corruption officer");
  if (auto r = f->app->get<cases::Service>().ensure_key(f->agency_id, officer->id, f->password, store::Actor::cli());
      !r)
    throw std::runtime_error("test setup: " + r.error().detail);
  return f;
}

std::int64_t Fixture::complaint(cases::Channel channel) {
  cases::Submission s;
  s.channel = channel;
  s.topic = channel == cases::Channel::complaint ? "complaint" : "";
  s.content.subject = "ถนนชำรุดหน้าโรงเรียน";
  s.content.details = "หลุมลึกหน้าโรงเรียนบ้านนา รถจักรยานยนต์ล้มสองคันแล้ว";
  auto r = app->get<cases::Service>().submit(agency_id, s, store::Actor::citizen());
  EXPECT_TRUE(r) << (r ? "" : r.error().detail);
  return r ? r->case_id : 0;
}

void Fixture::open_corruption_channel() {
  auto s = app->get<accounts::Service>().login(agency_id, "integrity@example.org", password, "127.0.0.1", "test");
  ASSERT_TRUE(s);
  auto officer = app->get<accounts::Service>().resolve(s->token, agency_id);
  ASSERT_TRUE(officer);
  ASSERT_TRUE(app->get<cases::Service>().unlock(*officer, password, s->token));
}

void Fixture::reopen() {
  app::Options options = app->options();
  app.reset();
  auto reopened = app::App::open(options, *clock);
  if (!reopened) throw std::runtime_error("test app: " + reopened.error().detail);
  app = std::move(*reopened);
}

http::Principal Fixture::principal(const std::string& email) {
  auto p = app->get<accounts::Service>().principal_of(agency_id, email);
  if (!p) throw std::runtime_error("no test user " + email);
  return *p;
}

std::string run_on_file(const std::string& command, const std::string& input) {
  TempDir dir;
  std::string path = dir.file("input");
  {
    std::ofstream out(path, std::ios::binary);
    out << input;
  }
  std::string cmd = command;
  auto at = cmd.find("{}");
  if (at == std::string::npos) {
    ADD_FAILURE() << "no {} in " << command;
    return {};
  }
  cmd.replace(at, 2, "'" + path + "'");
  std::string output;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    ADD_FAILURE() << "cannot run " << cmd;
    return output;
  }
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) output.append(buf.data(), n);
  int status = pclose(p);
  if (status != 0) ADD_FAILURE() << cmd << " exited with " << status;
  return output;
}

std::string png_chunk(std::string_view type, std::string_view data) {
  std::size_t n = data.size();
  std::string out{static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                  static_cast<char>(n)};
  return out + std::string(type) + std::string(data) + "CRC!";
}

std::string png_with_text(std::string_view text) {
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", std::string(13, '\x01')) +
         png_chunk("tEXt", std::string("Comment\0", 8) + std::string(text)) + png_chunk("IDAT", "pixels") +
         png_chunk("IEND", "");
}

std::string without_whitespace(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f' && c != '\r') out += c;
  }
  return out;
}

}  // namespace prongsai::testing
