// The SQLite backend: WAL, foreign keys, a busy timeout, group commit (WalSync: a citizen's
// submission is acknowledged only once it is on disk, and many share one flush), and a
// prepared-statement cache per connection.
#include <sqlite3.h>

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <stop_token>
#include <thread>

#include "core/text.hpp"
#include "store/search_terms.hpp"
#include "store/store.hpp"

namespace prongsai::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr int kCheckpointPages = 10000;  // see SqliteConnection

// The search index (search_fts) is a contentless FTS5 table over search_docs.folded, whose
// tokens are code points spelled in hex ("e01" for ก), in three columns:
//  - agency:  "g7", the entry's agency;
//  - letters: each code point the entry holds, once: what a one-letter query looks up;
//  - pairs:   each pair of neighbouring code points ("e1cye32" for กา), in order, with "x"
//             where the title ends and the text begins.
// A query of two or more code points is the phrase of its pairs: FTS5 finds exactly the
// entries holding that run of code points, and one pair is already a selective token where a
// single Thai letter is in almost every entry. FTS5's trigram tokenizer needs three code points
// and misses the short queries Thai users type. Deleting from a contentless table takes the
// same tokens again: they are made again from search_docs.folded.
constexpr std::string_view kCreateSearchIndex =
    "CREATE VIRTUAL TABLE search_fts USING fts5(agency, letters, pairs, content='', tokenize='ascii', "
    "columnsize=0)";

void append_hex(std::string& out, char32_t c) {
  static constexpr char kHex[] = "0123456789abcdef";
  char buf[8];
  int len = 0;
  auto u = static_cast<std::uint32_t>(c);
  do {
    buf[len++] = kHex[u & 0xF];
    u >>= 4;
  } while (u);
  while (len) out.push_back(buf[--len]);
}

void append_pair(std::string& out, std::pair<char32_t, char32_t> p) {
  append_hex(out, p.first);
  out.push_back('y');
  append_hex(out, p.second);
}

struct SearchTokens {
  std::string agency, letters, pairs;
};

SearchTokens search_tokens(std::int64_t agency_id, std::string_view folded) {
  namespace st = search_terms;
  SearchTokens t;
  t.agency = "g" + std::to_string(agency_id);
  std::u32string cps = text::to_code_points(folded);
  for (char32_t c : st::letters(cps)) {
    if (!t.letters.empty()) t.letters.push_back(' ');
    append_hex(t.letters, c);
  }
  std::vector<std::size_t> breaks;
  auto pairs = st::pairs(cps, &breaks);
  auto next_break = breaks.begin();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    for (; next_break != breaks.end() && *next_break == i; ++next_break)
      if (i > 0) t.pairs += " x";
    if (!t.pairs.empty()) t.pairs.push_back(' ');
    append_pair(t.pairs, pairs[i]);
  }
  return t;
}

// `agency : g7 AND letters : e01` or `agency : g7 AND pairs : "e1cye32 e32ye23"`. Tokens are
// hex digits with "g", "x" and "y": nothing in them is FTS5 syntax.
std::string search_match(std::int64_t agency_id, std::string_view folded_query) {
  std::u32string cps = text::to_code_points(folded_query);
  std::string out = "agency : g" + std::to_string(agency_id) + " AND ";
  if (cps.size() == 1) {
    out += "letters : ";
    append_hex(out, cps[0]);
    return out;
  }
  out += "pairs : \"";
  bool first = true;
  for (auto p : search_terms::pairs(cps)) {
    if (!first) out.push_back(' ');
    first = false;
    append_pair(out, p);
  }
  out.push_back('"');
  return out;
}

void insert_search_tokens(Connection& c, std::int64_t id, const SearchTokens& t) {
  c.query("INSERT INTO search_fts (rowid, agency, letters, pairs) VALUES (?, ?, ?, ?)",
          {id, t.agency, t.letters, t.pairs});
}

// What the database file or its disk refused, as opposed to a statement's own fault: the
// disk is full, the file is read-only, damaged or gone, another process holds the lock.
bool environment_fault(int rc) {
  switch (rc & 0xFF) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
    case SQLITE_PERM: return true;
    default: return false;
  }
}

[[noreturn]] void throw_code(int rc, std::string msg) {
  if ((rc & 0xFF) == SQLITE_CONSTRAINT) throw ConstraintError(msg);
  if (environment_fault(rc)) throw Unavailable("SQLite: " + msg);
  throw std::runtime_error(msg);
}

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view what) {
  throw_code(rc, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

class SqliteConnection final : public Connection {
 public:
  // `create`: a missing file becomes a new, empty database; otherwise it is an error.
  SqliteConnection(const std::string& path, bool create) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw Unavailable("cannot open database " + path + ": " + msg);
    }
    // Opened read-only (the file or its folder not writable): a store that could never write
    // is refused here, not at the first citizen's submission.
    if (sqlite3_db_readonly(db_, "main") == 1) {
      sqlite3_close(db_);
      throw Unavailable("the database " + path + " is read-only: prongsai must be able to write it and its folder");
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // secure_delete: freed pages are zeroed, so a purged complaint leaves nothing in the file.
    try {
      enter_wal();
      // synchronous=NORMAL: a commit does not wait for the disk; WalSync flushes the log for
      // every commit that is waited for (the store waits for each, or the edge before it answers).
      // wal_autocheckpoint: the commit that takes the log past this many pages copies it into
      // the database, with two flushes, while every other writer waits for the one writer's
      // turn. At SQLite's 1,000 pages (a survey answer writes six) that took 22 % of a burst of
      // answers (bench/survey_submissions.sh, timed around the copies); at kCheckpointPages it
      // comes a tenth as often, for a log of up to 40 MB on disk.
      exec_script(
          "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON; "
          "PRAGMA wal_autocheckpoint=" +
          std::to_string(kCheckpointPages) + ";");
    } catch (...) {
      sqlite3_close(db_);  // the destructor does not run for a constructor that throws
      throw;
    }
  }

  // Switching a new file to WAL needs the file to itself, and SQLite answers SQLITE_BUSY at once
  // (no busy handler) when another node opens the same new file at that moment: try again for as
  // long as an ordinary statement would wait. Once the file is in WAL the pragma is a no-op.
  void enter_wal() {
    using namespace std::chrono;
    auto give_up = steady_clock::now() + milliseconds(kBusyTimeoutMs);
    for (;;) {
      int rc = sqlite3_exec(db_, "PRAGMA journal_mode=WAL;", nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) return;
      if ((rc & 0xFF) != SQLITE_BUSY || steady_clock::now() >= give_up)
        throw_sqlite(db_, rc, "PRAGMA journal_mode=WAL");
      std::this_thread::sleep_for(milliseconds(10));
    }
  }

  // Moves the WAL into the database and empties the WAL file: after deleting what must not
  // stay (secure_delete zeroes the database's freed pages), no old page image is left in it.
  void truncate_log() override { exec_script("PRAGMA wal_checkpoint(TRUNCATE);"); }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Rows query(std::string_view sql, const Params& params) override {
    Rows rows;
    step(sql, params, [&](Row&& r) { rows.push_back(std::move(r)); });
    return rows;
  }

  void query_each(std::string_view sql, const Params& params, const std::function<void(const Row&)>& each) override {
    step(sql, params, [&](Row&& r) { each(r); });
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw_code(rc, std::move(msg));
    }
  }

  void search_reindex(std::int64_t id, std::int64_t agency_id, std::string_view old_folded,
                      std::string_view new_folded) override {
    if (!old_folded.empty()) {
      SearchTokens t = search_tokens(agency_id, old_folded);
      query("INSERT INTO search_fts (search_fts, rowid, agency, letters, pairs) VALUES ('delete', ?, ?, ?, ?)",
            {id, t.agency, t.letters, t.pairs});
    }
    if (!new_folded.empty()) insert_search_tokens(*this, id, search_tokens(agency_id, new_folded));
  }

  std::vector<std::int64_t> search(std::int64_t agency_id, std::string_view folded_query, std::int64_t now,
                                   std::int64_t max) override {
    std::vector<std::int64_t> ids;
    for (const Row& r : query("SELECT d.id AS id FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
                              "WHERE search_fts MATCH ? AND d.visible_from <= ? ORDER BY search_fts.rowid DESC LIMIT ?",
                              {search_match(agency_id, folded_query), now, max}))
      ids.push_back(r.integer("id"));
    return ids;
  }

  // From the statement cache, as every statement: sqlite3_exec would parse them each time.
  void begin_read() override { run("BEGIN DEFERRED"); }
  void begin_write() override { run("BEGIN IMMEDIATE"); }
  void commit() override { run("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) exec_script("ROLLBACK");
  }

 private:
  // Runs a statement, handing each row to `each` as it is read.
  template <class F>
  void step(std::string_view sql, const Params& params, F&& each) {
    sqlite3_stmt* stmt = prepare(sql);
    bind(stmt, params);
    struct Reset {  // the statement ready for its next use, whatever `each` does
      sqlite3_stmt* stmt;
      ~Reset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } reset{stmt};
    std::shared_ptr<std::vector<std::string>> names;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw_sqlite(db_, rc, "step");
      int n = sqlite3_column_count(stmt);
      if (!names) {
        names = std::make_shared<std::vector<std::string>>();
        for (int i = 0; i < n; ++i) names->emplace_back(sqlite3_column_name(stmt, i));
      }
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) values.push_back(column(stmt, i));
      each(Row(names, std::move(values)));
    }
  }

  void run(std::string_view sql) {
    step(sql, {}, [](Row&&) {});
  }

  sqlite3_stmt* prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc =
        sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) throw_sqlite(db_, rc, "prepare");
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  void bind(sqlite3_stmt* stmt, const Params& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              return sqlite3_bind_null(stmt, idx);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              return sqlite3_bind_int64(stmt, idx, v);
            } else if constexpr (std::is_same_v<T, double>) {
              return sqlite3_bind_double(stmt, idx, v);
            } else if constexpr (std::is_same_v<T, std::string>) {
              return sqlite3_bind_text64(stmt, idx, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
            } else if constexpr (std::is_same_v<T, BlobView>) {
              if (v.bytes.empty()) return sqlite3_bind_zeroblob(stmt, idx, 0);  // a null pointer would bind NULL
              return sqlite3_bind_blob64(stmt, idx, v.bytes.data(), v.bytes.size(), SQLITE_STATIC);
            } else {
              return sqlite3_bind_blob64(stmt, idx, v.bytes.data(), v.bytes.size(), SQLITE_TRANSIENT);
            }
          },
          params[i]);
      if (rc != SQLITE_OK) throw_sqlite(db_, rc, "bind");
    }
  }

  static Value column(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER: return std::int64_t{sqlite3_column_int64(stmt, i)};
      case SQLITE_FLOAT: return sqlite3_column_double(stmt, i);
      case SQLITE_TEXT: {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
      }
      case SQLITE_BLOB: {
        auto p = static_cast<const char*>(sqlite3_column_blob(stmt, i));
        return Blob{std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)))};
      }
      default: return nullptr;
    }
  }

  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

// Another process writing the same file (`prongsai import` or `agency add` run beside serve)
// tells nobody: a connection of the listener's own asks `PRAGMA data_version` once a second,
// which moves whenever any other connection commits. (This process's own commits move it too:
// a spare change announcement, at most one a second.)
class SqliteListener final : public ChangeListener {
 public:
  // The first reading is taken here: whatever commits after the store opened is seen.
  SqliteListener(const std::string& path, std::function<void(std::string_view)> on_change)
      : conn_(path, false),
        seen_(version()),
        on_change_(std::move(on_change)),
        thread_([this](std::stop_token s) { run(s); }) {}

 private:
  std::int64_t version() { return conn_.query("PRAGMA data_version", {}).at(0).single_integer(); }

  void run(std::stop_token stop) {
    std::mutex m;
    std::condition_variable_any wake;
    std::unique_lock lock(m);
    while (!wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; }) && !stop.stop_requested()) {
      try {
        if (std::int64_t now = version(); now != seen_) {
          seen_ = now;
          on_change_("*");  // whose data, the file does not say
        }
      } catch (const std::exception& e) {
        spdlog::warn("cannot see whether other processes changed the database: {}", e.what());
      }
    }
  }

  SqliteConnection conn_;
  std::int64_t seen_;
  std::function<void(std::string_view)> on_change_;
  std::jthread thread_;  // last: stopped and joined first
};

// Group commit (core/durability.hpp). Connections commit with synchronous=NORMAL: in WAL mode a
// commit appends its frames to the -wal file and returns, and SQLite itself syncs the log only
// before a checkpoint copies it into the database. This thread flushes the log whenever a commit
// is waited for: one fdatasync covers every commit that returned before it began, so commits
// that arrive together share it, and no commit waits for another's flush to begin its own. A
// returned commit's frames are in the file (in the kernel's cache): a crash of the process alone
// loses nothing committed; the flush is what a power cut needs.
//
// The -wal file is opened here by name. SQLite deletes it when the last connection closes (after
// copying everything into the database and syncing that) and makes a new one with the next
// commit: after each flush the name is checked, and a new file found under it is opened and
// flushed too, with its folder the first time, so that its name survives a power cut as well.
class WalSync final : public Durability {
 public:
  // `db_path` made absolute now, as SQLite makes it when it opens the file.
  explicit WalSync(const std::string& db_path)
      : wal_(std::filesystem::absolute(db_path).string() + "-wal"),
        folder_(std::filesystem::absolute(db_path).parent_path().string()),
        thread_([this](std::stop_token stop) { run(stop); }) {}
  ~WalSync() override {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    thread_.request_stop();
    thread_.join();  // answers whoever still waits first
    if (fd_ >= 0) ::close(fd_);
  }

  std::uint64_t committed() override { return committed_.fetch_add(1, std::memory_order_acq_rel) + 1; }

  void when_durable(std::uint64_t seq, std::function<void(bool)> done) override {
    bool closed = false;  // the thread is gone: flushed here, on the caller's
    {
      std::lock_guard lock(mutex_);
      if (seq > synced_) {
        if (!stopped_) {
          waiting_.emplace(seq, std::move(done));
          wake_.notify_one();
          return;
        }
        closed = true;
      }
    }
    done(!closed || flush_now());
  }

  std::uint64_t flushes() const override { return flushes_.load(std::memory_order_relaxed); }

 private:
  bool flush_now() {
    std::lock_guard lock(flush_mutex_);
    flushes_.fetch_add(1, std::memory_order_relaxed);
    return flush();
  }

  void run(std::stop_token stop) {
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, stop, [&] { return !waiting_.empty(); });
      if (waiting_.empty()) return;  // stopped, nobody waiting
      std::uint64_t upto = committed_.load(std::memory_order_acquire);
      lock.unlock();
      bool ok = flush_now();
      lock.lock();
      if (ok) synced_ = std::max(synced_, upto);
      // Everyone this flush covered is answered, as it went; later commits wait for the next.
      std::vector<std::function<void(bool)>> answered;
      auto covered = waiting_.upper_bound(upto);
      for (auto it = waiting_.begin(); it != covered; ++it) answered.push_back(std::move(it->second));
      waiting_.erase(waiting_.begin(), covered);
      lock.unlock();
      for (auto& done : answered) done(ok);
      lock.lock();
    }
  }

  // Under flush_mutex_. True when every commit that returned before the call is on disk.
  bool flush() {
    for (int tries = 0; tries < 3; ++tries) {
      if (fd_ < 0) {
        fd_ = ::open(wal_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) {
          if (errno == ENOENT) return true;  // no log: everything is in the (synced) database
          spdlog::error("cannot open the database's log {} to flush it: {}", wal_, std::strerror(errno));
          return false;
        }
        if (!flush_folder()) return false;
      }
      if (::fdatasync(fd_) != 0) {
        spdlog::error("flushing the database's log {} failed: {}", wal_, std::strerror(errno));
        return false;
      }
      struct stat named {
      }, mine{};
      if (::stat(wal_.c_str(), &named) != 0) {
        if (errno == ENOENT) return true;  // deleted after its last checkpoint
        spdlog::error("cannot see the database's log {}: {}", wal_, std::strerror(errno));
        return false;
      }
      if (::fstat(fd_, &mine) == 0 && mine.st_ino == named.st_ino && mine.st_dev == named.st_dev) return true;
      ::close(fd_);  // a new log under the name: flush that one
      fd_ = -1;
    }
    spdlog::error("the database's log {} kept being replaced while it was flushed", wal_);
    return false;
  }

  bool flush_folder() {
    int dir = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool ok = dir >= 0 && ::fsync(dir) == 0;
    if (!ok) spdlog::error("cannot flush the database's folder {}: {}", folder_, std::strerror(errno));
    if (dir >= 0) ::close(dir);
    return ok;
  }

  const std::string wal_, folder_;
  std::atomic<std::uint64_t> committed_{0};
  std::atomic<std::uint64_t> flushes_{0};
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::uint64_t synced_ = 0;  // every commit up to it is on disk
  bool stopped_ = false;
  std::multimap<std::uint64_t, std::function<void(bool)>> waiting_;  // by the commit awaited
  std::mutex flush_mutex_;
  int fd_ = -1;          // the log, under flush_mutex_
  std::jthread thread_;  // last: started once the rest is ready
};

class SqliteBackend final : public Backend {
 public:
  SqliteBackend(std::string path, bool create) : path_(std::move(path)), create_(create), log_(path_) {}
  Durability* durability() override { return &log_; }
  bool one_writer() const override { return true; }
  // Only the first connection may create the file: once it exists, a later one that finds it
  // gone (deleted under a running server) fails instead of starting an empty database.
  std::unique_ptr<Connection> connect() override {
    auto c = std::make_unique<SqliteConnection>(path_, create_);
    create_ = false;
    return c;
  }
  std::optional<std::uint64_t> free_bytes() const override {
    std::string dir = path_.find('/') == std::string::npos ? "." : path_.substr(0, path_.rfind('/') + 1);
    struct statvfs fs {};
    if (::statvfs(dir.c_str(), &fs) != 0) return std::nullopt;
    return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
  }
  std::string_view name() const override { return "sqlite"; }
  std::unique_ptr<ChangeListener> listen_for_changes(std::function<void(std::string_view)> on_change) override {
    return std::make_unique<SqliteListener>(path_, std::move(on_change));
  }

  bool backup_to(Connection& c, const std::string& path) override {
    c.query("VACUUM INTO ?", {path});  // one read transaction's snapshot, written compactly
    return true;
  }
  // The search index and its shadow tables are not data: they are made again from search_docs.
  std::vector<std::string> table_names(Connection& c) override {
    std::vector<std::string> out;
    for (const Row& r : c.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                "AND name NOT LIKE 'search_fts%' ORDER BY rowid",
                                {})) {
      out.push_back(r.text("name"));
    }
    return out;
  }
  void prepare_search(Connection& c) override {
    auto has = [&](std::string_view name) {
      return !c.query("SELECT 1 FROM sqlite_master WHERE name = ?", {std::string(name)}).empty();
    };
    if (!has("search_docs") || has("search_fts")) return;
    c.exec_script(kCreateSearchIndex);
    fill_search(c);
  }
  void after_copy(Connection& c, const std::string& table) override {
    if (table != "search_docs") return;
    c.query("INSERT INTO search_fts (search_fts) VALUES ('delete-all')", {});
    fill_search(c);
  }

 private:
  static void fill_search(Connection& c) {
    for (const Row& r : c.query("SELECT id, agency_id, folded FROM search_docs ORDER BY id", {}))
      insert_search_tokens(c, r.integer("id"), search_tokens(r.integer("agency_id"), r.text("folded")));
  }

  std::string path_;
  std::atomic<bool> create_;
  WalSync log_;
};

}  // namespace

std::unique_ptr<Backend> make_sqlite_backend(const std::string& path, bool create) {
  return std::make_unique<SqliteBackend>(path, create);
}

}  // namespace prongsai::store
