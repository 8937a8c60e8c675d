// The SQLite backend: WAL, foreign keys, a busy timeout, synchronous=FULL (a citizen's
// submission is acknowledged only once it is on disk), and a prepared-statement cache per
// connection.
#include <sqlite3.h>

#include <map>
#include <stdexcept>

#include "store/store.hpp"

namespace prongsai::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if ((rc & 0xFF) == SQLITE_CONSTRAINT) throw ConstraintError(msg);
  throw std::runtime_error(msg);
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw std::runtime_error("cannot open database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // secure_delete: freed pages are zeroed, so a purged complaint leaves nothing in the file.
    exec_script("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;");
  }

  // Moves the WAL into the database and empties the WAL file: after deleting what must not
  // stay (secure_delete zeroes the database's freed pages), no old page image is left in it.
  void truncate_log() override { exec_script("PRAGMA wal_checkpoint(TRUNCATE);"); }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Rows query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    bind(stmt, params);
    Rows rows;
    std::shared_ptr<std::vector<std::string>> names;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(stmt);
        throw_sqlite(db_, rc, "step");
      }
      int n = sqlite3_column_count(stmt);
      if (!names) {
        names = std::make_shared<std::vector<std::string>>();
        for (int i = 0; i < n; ++i) names->emplace_back(sqlite3_column_name(stmt, i));
      }
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) values.push_back(column(stmt, i));
      rows.emplace_back(names, std::move(values));
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rows;
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      if ((rc & 0xFF) == SQLITE_CONSTRAINT) throw ConstraintError(msg);
      throw std::runtime_error(msg);
    }
  }

  void begin_read() override { exec_script("BEGIN DEFERRED"); }
  void begin_write() override { exec_script("BEGIN IMMEDIATE"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) exec_script("ROLLBACK");
  }

 private:
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

class SqliteBackend final : public Backend {
 public:
  explicit SqliteBackend(std::string path) : path_(std::move(path)) {}
  std::unique_ptr<Connection> connect() override { return std::make_unique<SqliteConnection>(path_); }
  std::string_view name() const override { return "sqlite"; }
  bool backup_to(Connection& c, const std::string& path) override {
    c.query("VACUUM INTO ?", {path});  // one read transaction's snapshot, written compactly
    return true;
  }
  std::vector<std::string> table_names(Connection& c) override {
    std::vector<std::string> out;
    for (const Row& r : c.query(
             "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid", {})) {
      out.push_back(r.text(0));
    }
    return out;
  }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<Backend> make_sqlite_backend(const std::string& path) { return std::make_unique<SqliteBackend>(path); }

}  // namespace prongsai::store
