// Builders other tests reuse: a fresh database in a temporary folder, an App on it with an
// initialised agency, and signed-in principals of each role.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/cases/cases.hpp"
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

namespace prongsai::testing {

// A temporary folder, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A file of the source tree, e.g. "data/seed/o43-report-na-mom-2566.txt", whole.
std::string read_source_file(const std::string& relative_path);

// Runs `command` with a temporary file holding `input` as its last argument (e.g.
// "pdftotext -raw -enc UTF-8 {} -"; "{}" is where the file goes); the command's standard output.
// Fails the calling test if the command exits non-zero.
std::string run_on_file(const std::string& command, const std::string& input);

// `s` with every space, tab, newline and form feed removed: text extracted from a PDF wraps
// wherever the layout put line ends.
std::string without_whitespace(const std::string& s);

// A PNG as files' checks see one: the signature, a header, a text chunk holding `text` (what a
// camera or editor writes, which stripping must remove), pixels and the end. Chunks carry no
// real CRC; nothing Prongsai does reads it.
std::string png_chunk(std::string_view type, std::string_view data);
std::string png_with_text(std::string_view text);

// A new, empty database for one test: a file in `dir` on SQLite, or, when PRONGSAI_TEST_PG
// names a PostgreSQL server (the "pg:" runs of the suite), a new schema there.
std::string fresh_db_url(const TempDir& dir);
bool on_postgresql();

struct Fixture {
  TempDir dir;
  std::unique_ptr<ManualClock> clock = std::make_unique<ManualClock>(1'700'000'000);
  std::unique_ptr<app::App> app;
  std::int64_t agency_id = 0;
  std::string password;  // of every user the fixture made

  // An App on a new database with one agency, its demo units and one user per role; with
  // `modules`, on that list instead of the installation's (a test module added to it).
  // `configure`: options beyond the test's own database and modules (a mail server, LINE's address).
  static std::unique_ptr<Fixture> make(std::vector<const web::Module*> modules = {},
                                       const std::function<void(app::Options&)>& configure = {});
  http::Principal principal(const std::string& email);
  // A citizen's complaint on `channel` about a broken road (the same words every time); its
  // case id, 0 (and the test failed) when it was refused.
  std::int64_t complaint(cases::Channel channel = cases::Channel::complaint);
  // The corruption channel takes complaints once an officer holds an unlocked key: the demo
  // corruption officer signs in and unlocks theirs.
  void open_corruption_channel();
  // The App closed and opened again on the same database, as a restart does.
  void reopen();
};

}  // namespace prongsai::testing
