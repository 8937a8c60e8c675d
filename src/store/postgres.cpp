// The PostgreSQL backend (libpq). The application's SQL is the portable subset written for
// both backends; this file makes the few translations PostgreSQL needs:
//  - `?` placeholders become $1, $2, ... (outside quoted text);
//  - migration DDL: `INTEGER PRIMARY KEY` becomes an identity column, `BLOB` becomes BYTEA;
//  - the audit chain's head is serialised with a transaction-scoped advisory lock (SQLite's
//    BEGIN IMMEDIATE already serialises writers).
//
// URL: postgresql://user@host/db?...&schema=NAME. `schema` is Prongsai's own parameter: the
// schema is created if missing and put first on every connection's search_path, so several
// installations (or test runs) can share one database. The rest goes to libpq unchanged.
#include <libpq-fe.h>

#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <cerrno>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <thread>

#include "core/text.hpp"
#include "store/search_terms.hpp"
#include "store/store.hpp"

namespace prongsai::store {
namespace {

// Type OIDs from PostgreSQL's catalogue (pg_type.dat); they never change.
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;
constexpr std::int64_t kChainLockNamespace = 0x50524F4E47000000;  // "PRONG": keeps our advisory keys apart
constexpr std::int64_t kSchemaLock = kChainLockNamespace - 1;     // below every chain's key

std::string to_dollar_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
}

// An entry's (or a query's) distinct letters and pairs as PostgreSQL array literals; a pair is
// one bigint, the first code point above the second (21 bits each). A one-letter query has no
// pairs: `pairs @> '{}'` holds for every entry and the letter decides.
std::pair<std::string, std::string> search_arrays(std::string_view folded) {
  namespace st = search_terms;
  std::u32string cps = text::to_code_points(folded);
  std::string letters = "{", pairs = "{";
  for (char32_t c : st::letters(cps)) letters += (letters.size() > 1 ? "," : "") + std::to_string(c);
  std::vector<std::int64_t> keys;
  for (auto [a, b] : st::pairs(cps)) keys.push_back((static_cast<std::int64_t>(a) << 21) | b);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (std::int64_t k : keys) pairs += (pairs.size() > 1 ? "," : "") + std::to_string(k);
  return {letters + "}", pairs + "}"};
}

constexpr std::string_view kCreateSearchTerms =
    "CREATE TABLE search_terms (id BIGINT PRIMARY KEY REFERENCES search_docs (id) ON DELETE CASCADE, "
    "agency_id BIGINT NOT NULL, letters INTEGER[] NOT NULL, pairs BIGINT[] NOT NULL); "
    "CREATE INDEX search_terms_letters ON search_terms USING gin (letters); "
    "CREATE INDEX search_terms_pairs ON search_terms USING gin (pairs); "
    // Read on every search: kept out of line but not compressed, which costs more than it saves.
    "ALTER TABLE search_terms ALTER letters SET STORAGE EXTERNAL, ALTER pairs SET STORAGE EXTERNAL";

constexpr std::string_view kFoldedStorage =
    "SELECT a.attstorage::text FROM pg_attribute a WHERE a.attrelid = 'search_docs'::regclass AND a.attname = 'folded'";
constexpr std::string_view kHasLz4 =
    "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)";

bool is_constraint_violation(const PGresult* r) {
  const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
  return state && state[0] == '2' && state[1] == '3';  // class 23: integrity constraint violation
}

// What the server or the way to it refused, as opposed to a statement's own fault: no
// connection (08), no resources (53: disk full, out of memory, too many connections), an
// operator or a timeout (57: shutting down, statement_timeout), a system error (58), a
// read-only server (25006: a standby after a failover), and no result at all.
bool is_environment_fault(const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (!state) return true;
  std::string_view s(state);
  return s.starts_with("08") || s.starts_with("53") || s.starts_with("57") || s.starts_with("58") || s == "25006" ||
         s.starts_with("XX");
}

// The channel this installation's nodes announce changes on (one per schema).
std::string channel_for(const std::string& schema) { return "prongsai_changes" + (schema.empty() ? "" : "_" + schema); }

// Connects with defaults for a server that vanishes without closing its connections (its host
// down, a failover that moved its address): connecting gives up after 10 s, and a connection
// whose data goes unacknowledged for 30 s, or that stays idle with keepalives unanswered for
// about a minute, fails instead of waiting for the kernel's hours. Over TCP only; values in
// the URL win (they come after the defaults, and libpq keeps the last).
// A server given a query timeout (serve --db-timeout) also gets no longer than that to
// connect, up to the 10 s default.
PGconn* connect_to(const std::string& conninfo, std::chrono::milliseconds timeout = {}) {
  static constexpr const char* kKeys[] = {"connect_timeout",
                                          "keepalives_idle",
                                          "keepalives_interval",
                                          "keepalives_count",
                                          "tcp_user_timeout",
                                          "dbname",
                                          nullptr};
  std::int64_t connect_s = 10;
  if (timeout.count() > 0) connect_s = std::clamp<std::int64_t>((timeout.count() + 999) / 1000, 2, 10);
  std::string connect = std::to_string(connect_s);
  const char* values[] = {connect.c_str(), "30", "10", "3", "30000", conninfo.c_str(), nullptr};
  return PQconnectdbParams(kKeys, values, 1);
}

class PgConnection final : public Connection {
 public:
  // `timeout`: a statement is cancelled by the server after this long (statement_timeout),
  // and a server that does not answer at all is given up a little later (0: never).
  // `create`: the schema is made if missing (otherwise a missing schema reads as empty).
  PgConnection(const std::string& conninfo, const std::string& schema, bool create, std::chrono::milliseconds timeout)
      : timeout_(timeout), channel_(channel_for(schema)) {
    conn_ = connect_to(conninfo, timeout);
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw Unavailable("cannot connect to PostgreSQL: " + first_line(msg));
    }
    if (PQsetnonblocking(conn_, 0) != 0) throw Unavailable("PostgreSQL connection: cannot set blocking mode");
    exec_script("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
    if (timeout_.count() > 0) exec_script("SET statement_timeout = " + std::to_string(timeout_.count()));
    if (!schema.empty()) {
      // Several nodes connecting to a new database at once: one makes the schema, the others
      // wait for it (CREATE SCHEMA IF NOT EXISTS alone fails when two run together).
      std::string quoted = "\"" + schema + "\"";
      if (create)
        exec_script("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLock) +
                    "); CREATE SCHEMA IF NOT EXISTS " + quoted + "; COMMIT");
      exec_script("SET search_path = " + quoted);
    }
  }

  ~PgConnection() override { PQfinish(conn_); }

  bool broken() const override { return given_up_ || PQstatus(conn_) == CONNECTION_BAD; }

  Rows query(std::string_view sql, const Params& params) override {
    Bound b(params);
    const std::string& name = prepare(sql);
    if (!PQsendQueryPrepared(conn_, name.c_str(), b.count(), b.values.data(), b.lengths.data(), b.formats.data(), 0))
      lost("query");
    return rows_of(last_result(), sql);
  }

  // libpq's single-row mode: the server sends the rows as they come, one in memory at a time.
  void query_each(std::string_view sql, const Params& params, const std::function<void(const Row&)>& each) override {
    Bound b(params);
    const std::string& name = prepare(sql);
    if (!PQsendQueryPrepared(conn_, name.c_str(), b.count(), b.values.data(), b.lengths.data(), b.formats.data(), 0) ||
        !PQsetSingleRowMode(conn_))
      lost("query");
    // Every result is read to the end, even when `each` throws or the server fails mid-way:
    // the connection is then ready for the next statement.
    std::exception_ptr failure;
    auto deadline = deadline_from_now();
    while (PGresult* r = next_result(deadline)) {
      if (!failure) {
        try {
          if (PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
            for (Row& row : rows_of(r, sql)) each(row);
            continue;  // rows_of cleared r
          }
          if (PQresultStatus(r) != PGRES_TUPLES_OK) fail_with(r, sql);
        } catch (...) {
          failure = std::current_exception();
          continue;
        }
      }
      PQclear(r);
    }
    if (failure) std::rethrow_exception(failure);
  }

  void exec_script(std::string_view sql) override {
    if (!PQsendQuery(conn_, std::string(sql).c_str())) lost("statement");
    PGresult* r = last_result();
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail_with(r, sql);
    PQclear(r);
  }

  void begin_read() override { exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"); }
  void begin_write() override { exec_script("BEGIN"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) exec_script("ROLLBACK");
  }
  void lock_audit_chain(std::int64_t agency_id) override {
    query("SELECT pg_advisory_xact_lock(?)", {kChainLockNamespace + agency_id});
  }
  void lock_schema() override { query("SELECT pg_advisory_xact_lock(?)", {kSchemaLock}); }
  void announce_change(std::string_view changed) override {  // delivered at COMMIT
    query("SELECT pg_notify(?, ?)", {channel_, std::string(changed)});
  }

  // search_terms holds each entry's letters and pairs (store/search_terms.hpp) as arrays under
  // GIN indexes: a query looks up the entries holding its letter, or all its pairs, and keeps
  // those whose folded text holds the query itself (strpos compares UTF-8 bytes, which for
  // valid UTF-8 is comparing code points: the entries SQLite's phrase match finds).
  void search_reindex(std::int64_t id, std::int64_t agency_id, std::string_view /*old_folded*/,
                      std::string_view new_folded) override {
    if (new_folded.empty()) {
      query("DELETE FROM search_terms WHERE id = ?", {id});
      return;
    }
    auto [letters, pairs] = search_arrays(new_folded);
    query(
        "INSERT INTO search_terms (id, agency_id, letters, pairs) VALUES (?, ?, ?::integer[], ?::bigint[]) "
        "ON CONFLICT (id) DO UPDATE SET letters = excluded.letters, pairs = excluded.pairs",
        {id, agency_id, letters, pairs});
  }

  // Three ways, cheapest first, each exact (the entries SQLite finds, in the same order):
  //  1. the newest kProbe entries, read newest first until `max` are found: a common query (in
  //     a tenth of the entries or more) is answered here, reading a few hundred entries;
  //  2. the entries holding the query's letter (one code point) or all its pairs, through the GIN
  //     indexes, when there are fewer than kFewCandidates: a rare query checks only those;
  //  3. otherwise every entry, newest first, until `max` are found.
  // The planner alone chose badly both ways (it has no figure for a letter or pair that no entry
  // holds). `folded` is kept in the row, compressed (see prepare_search): reading it costs
  // ~1.6 µs an entry, where out of line (TOAST) it cost 3–50 µs.
  static constexpr std::int64_t kProbe = 2000;
  std::vector<std::int64_t> search(std::int64_t agency_id, std::string_view folded_query, std::int64_t now,
                                   std::int64_t max) override {
    std::string q(folded_query);
    auto ids = [](const Rows& rows) {
      std::vector<std::int64_t> out;
      for (const Row& r : rows) out.push_back(r.integer("id"));
      return out;
    };
    Rows newest = query(
        "SELECT id FROM (SELECT id, folded FROM search_docs WHERE agency_id = ? AND visible_from <= ? "
        "ORDER BY id DESC LIMIT ?) AS newest WHERE strpos(folded, ?) > 0 ORDER BY id DESC LIMIT ?",
        {agency_id, now, kProbe, q, max});
    if (static_cast<std::int64_t>(newest.size()) >= max) return ids(newest);
    if (auto few = few_candidates(agency_id, folded_query))
      return ids(query(
          "SELECT id FROM search_docs WHERE id = ANY (?::bigint[]) AND visible_from <= ? AND strpos(folded, ?) > 0 "
          "ORDER BY id DESC LIMIT ?",
          {*few, now, q, max}));
    return ids(
        query("SELECT id FROM search_docs WHERE agency_id = ? AND visible_from <= ? AND strpos(folded, ?) > 0 "
              "ORDER BY id DESC LIMIT ?",
              {agency_id, now, q, max}));
  }

 private:
  // The entries holding the query's letter (one code point) or all its pairs, found through
  // the GIN indexes, as an array literal; none when there are kFewCandidates or more. Never
  // both conditions: `@> '{}'` makes GIN read its whole index. The statement is planned for
  // its values: a generic plan made for "ก" (a seq scan that stops early) would read every
  // entry for a letter no entry holds.
  static constexpr std::int64_t kFewCandidates = 2000;
  std::optional<std::string> few_candidates(std::int64_t agency_id, std::string_view folded_query) {
    exec_script("SET LOCAL plan_cache_mode = force_custom_plan");
    auto [letters, pairs] = search_arrays(folded_query);
    bool one = text::to_code_points(folded_query).size() == 1;
    Rows rows = query(one ? "SELECT id FROM search_terms WHERE agency_id = ? AND letters @> ?::integer[] LIMIT ?"
                          : "SELECT id FROM search_terms WHERE agency_id = ? AND pairs @> ?::bigint[] LIMIT ?",
                      {agency_id, one ? letters : pairs, kFewCandidates});
    if (static_cast<std::int64_t>(rows.size()) >= kFewCandidates) return std::nullopt;
    std::string ids = "{";
    for (const Row& r : rows) ids += (ids.size() > 1 ? "," : "") + std::to_string(r.integer("id"));
    return ids + "}";
  }

  // Prepared once per connection, by name.
  const std::string& prepare(std::string_view sql) {
    auto it = prepared_.find(sql);
    if (it != prepared_.end()) return it->second;
    std::string name = "p" + std::to_string(prepared_.size());
    if (!PQsendPrepare(conn_, name.c_str(), to_dollar_placeholders(sql).c_str(), 0, nullptr)) lost("prepare");
    PGresult* r = last_result();
    if (PQresultStatus(r) != PGRES_COMMAND_OK) fail_with(r, sql);
    PQclear(r);
    return prepared_.emplace(std::string(sql), name).first->second;
  }

  // Parameters as libpq takes them; `text` keeps the bytes of those bound as text.
  struct Bound {
    explicit Bound(const Params& params)
        : text(params.size()), values(params.size()), lengths(params.size()), formats(params.size()) {
      for (std::size_t i = 0; i < params.size(); ++i) bind(params[i], text[i], values[i], lengths[i], formats[i]);
    }
    Bound(const Bound&) = delete;  // `values` points into `text`
    int count() const { return static_cast<int>(values.size()); }
    std::vector<std::string> text;
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
  };

  static void bind(const Value& v, std::string& text, const char*& value, int& length, int& format) {
    format = 0;
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            value = nullptr;
          } else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>) {
            text = std::to_string(x);
            value = text.c_str();
          } else if constexpr (std::is_same_v<T, std::string>) {
            value = x.c_str();
            length = static_cast<int>(x.size());
          } else {
            value = x.bytes.data();
            length = static_cast<int>(x.bytes.size());
            format = 1;  // bytea, binary
          }
        },
        v);
  }

  Rows rows_of(PGresult* r, std::string_view sql) {
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && st != PGRES_SINGLE_TUPLE) fail_with(r, sql);
    Rows rows;
    int nrows = PQntuples(r), ncols = PQnfields(r);
    auto names = std::make_shared<std::vector<std::string>>();
    for (int c = 0; c < ncols; ++c) names->emplace_back(PQfname(r, c));
    for (int i = 0; i < nrows; ++i) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(ncols));
      for (int c = 0; c < ncols; ++c) values.push_back(column(r, i, c));
      rows.emplace_back(names, std::move(values));
    }
    PQclear(r);
    return rows;
  }

  static Value column(PGresult* r, int row, int col) {
    if (PQgetisnull(r, row, col)) return nullptr;
    const char* s = PQgetvalue(r, row, col);
    switch (PQftype(r, col)) {
      case kInt8:
      case kInt4:
      case kInt2:
      case kOid: return std::int64_t{std::strtoll(s, nullptr, 10)};
      case kBool: return std::int64_t{s[0] == 't' ? 1 : 0};
      case kFloat4:
      case kFloat8:
      case kNumeric: return std::strtod(s, nullptr);
      case kBytea: {
        std::size_t n = 0;
        unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(s), &n);
        Blob b{std::string(reinterpret_cast<const char*>(raw), n)};
        PQfreemem(raw);
        return b;
      }
      default: return std::string(s, static_cast<std::size_t>(PQgetlength(r, row, col)));
    }
  }

  [[noreturn]] void fail_with(PGresult* r, std::string_view sql) {
    std::string msg =
        first_line(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_)) + " in: " + std::string(sql.substr(0, 80));
    bool constraint = r && is_constraint_violation(r);
    bool environment = is_environment_fault(r) || PQstatus(conn_) == CONNECTION_BAD;
    PQclear(r);
    if (constraint) throw ConstraintError(msg);
    if (environment) throw Unavailable("PostgreSQL: " + msg);
    throw std::runtime_error(msg);
  }

  [[noreturn]] void lost(std::string_view what) {
    throw Unavailable("PostgreSQL " + std::string(what) + ": " + first_line(PQerrorMessage(conn_)));
  }

  // A server that takes the statement and then says nothing (stopped, its host frozen) cannot
  // cancel it either: the client gives up a little after the server-side timeout (half as long
  // again, 5 s at most), time for the server's own cancellation to arrive.
  using Deadline = std::optional<std::chrono::steady_clock::time_point>;
  std::chrono::milliseconds grace() const {
    return std::clamp(timeout_ / 2, std::chrono::milliseconds(500), std::chrono::milliseconds(5000));
  }
  Deadline deadline_from_now() const {
    if (timeout_.count() <= 0) return std::nullopt;
    return std::chrono::steady_clock::now() + timeout_ + grace();
  }

  // The next result of what was sent, or null when there are no more; waits no longer than
  // `deadline` for it. Past the deadline the connection is given up (closed, dropped by the
  // pool) and Unavailable thrown.
  PGresult* next_result(const Deadline& deadline) {
    while (PQisBusy(conn_)) {
      int wait_ms = -1;
      if (deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) give_up();
        wait_ms = static_cast<int>(std::min<std::int64_t>(left.count(), 1000));
      }
      pollfd fd{PQsocket(conn_), POLLIN, 0};
      int ready = ::poll(&fd, 1, wait_ms);
      if (ready < 0 && errno != EINTR) lost("poll");
      if (ready > 0 && !PQconsumeInput(conn_)) break;  // the connection dropped: PQgetResult says so
    }
    return PQgetResult(conn_);
  }

  // The last result of what was sent (as PQexec returns it): every result is read.
  PGresult* last_result() {
    auto deadline = deadline_from_now();
    PGresult* last = nullptr;
    while (PGresult* r = next_result(deadline)) {
      if (last) PQclear(last);
      last = r;
    }
    return last;
  }

  [[noreturn]] void give_up() {
    given_up_ = true;
    ::shutdown(PQsocket(conn_), SHUT_RDWR);  // whatever it sends later is not read
    throw TimedOut("PostgreSQL did not answer within " + std::to_string((timeout_ + grace()).count()) + " ms");
  }

  static std::string first_line(std::string_view s) {
    std::string line(s.substr(0, s.find('\n')));
    return line;
  }

  PGconn* conn_ = nullptr;
  std::chrono::milliseconds timeout_{0};
  bool given_up_ = false;
  std::string channel_;
  std::map<std::string, std::string, std::less<>> prepared_;
};

// A thread with its own connection, LISTENing on the installation's channel. When the
// connection drops it reconnects and reports a change, since announcements may have been missed.
class PgListener final : public ChangeListener {
 public:
  PgListener(std::string conninfo, std::string channel, std::function<void(std::string_view)> on_change)
      : conninfo_(std::move(conninfo)),
        channel_(std::move(channel)),
        on_change_(std::move(on_change)),
        thread_([this] { run(); }) {}
  ~PgListener() override {
    stop_ = true;
    thread_.join();
  }

 private:
  void run() {
    while (!stop_) {
      PGconn* c = connect_to(conninfo_);
      PGresult* r = PQstatus(c) == CONNECTION_OK ? PQexec(c, ("LISTEN " + channel_).c_str()) : nullptr;
      bool listening = r && PQresultStatus(r) == PGRES_COMMAND_OK;
      if (r) PQclear(r);
      if (listening) {
        on_change_("*");  // whatever happened while not listening
        wait_for_notifications(c);
      } else {
        spdlog::warn("change listener cannot connect to PostgreSQL; retrying");
      }
      PQfinish(c);
      for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  // A connection can also go silent without failing (its server's host gone, an address
  // moved to a standby): notifications would stop with nothing to say so. When nothing has
  // come for kQuiet, the listener asks the server; with no answer within kAnswer it connects
  // again, and dropping every cached page on connecting covers what it missed.
  static constexpr auto kQuiet = std::chrono::seconds(2);
  static constexpr auto kAnswer = std::chrono::seconds(3);

  void wait_for_notifications(PGconn* c) {
    using Clock = std::chrono::steady_clock;
    pollfd fd{PQsocket(c), POLLIN, 0};
    auto heard = Clock::now();
    std::optional<Clock::time_point> asked;
    while (!stop_) {
      int ready = ::poll(&fd, 1, 200);
      if (ready < 0) return;
      if (ready > 0) {
        if (!PQconsumeInput(c)) return;  // the connection dropped
        heard = Clock::now();
      }
      while (PGnotify* n = PQnotifies(c)) {
        on_change_(n->extra);  // the payload: whose data changed
        PQfreemem(n);
      }
      if (asked && !PQisBusy(c)) {
        bool answered = true;
        while (PGresult* r = PQgetResult(c)) {
          answered = answered && PQresultStatus(r) == PGRES_TUPLES_OK;
          PQclear(r);
        }
        if (!answered) return;
        asked.reset();
      }
      auto now = Clock::now();
      if (!asked && now - heard >= kQuiet) {
        if (!PQsendQuery(c, "SELECT 1")) return;
        asked = now;
      } else if (asked && now - *asked >= kAnswer) {
        spdlog::warn("change listener: PostgreSQL did not answer for {} s; connecting again", kAnswer.count());
        return;
      }
    }
  }

  std::string conninfo_, channel_;
  std::function<void(std::string_view)> on_change_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class PgBackend final : public Backend {
 public:
  PgBackend(std::string conninfo, std::string schema, bool create)
      : conninfo_(std::move(conninfo)), schema_(std::move(schema)), create_(create) {}
  std::unique_ptr<Connection> connect() override {
    return std::make_unique<PgConnection>(conninfo_, schema_, create_, std::chrono::milliseconds(timeout_ms_.load()));
  }
  void set_query_timeout(std::chrono::milliseconds timeout) override { timeout_ms_ = timeout.count(); }
  std::string_view name() const override { return "postgresql"; }
  std::string translate_ddl(std::string_view ddl) const override {
    std::string s(ddl);
    replace_all(s, "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    replace_all(s, " BLOB", " BYTEA");
    return s;
  }
  std::vector<std::string> table_names(Connection& c) override {
    std::vector<std::string> out;
    // pg_class oids grow with creation, so this is creation order too.
    for (const Row& r : c.query("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                "WHERE c.relkind = 'r' AND n.nspname = current_schema() "
                                "AND c.relname <> 'search_terms' ORDER BY c.oid",
                                {})) {
      out.push_back(r.text("relname"));
    }
    return out;
  }
  // search_terms is the search index, made from search_docs: not copied, made again.
  // search_docs.folded is read entry by entry on every common query: it is kept in the row
  // (STORAGE MAIN, out of line only when a row would not fit in a page otherwise), compressed
  // with lz4 where the server has it. An installation whose entries were written out of line
  // has them rewritten once.
  void prepare_search(Connection& c) override {
    auto exists = [&](const char* t) {
      return !c.query("SELECT to_regclass(?)", {std::string(t)}).front().single_is_null();
    };
    if (!exists("search_docs")) return;
    if (c.query(kFoldedStorage, {}).front().single_text() != "m") {
      bool lz4 = !c.query(kHasLz4, {}).empty();
      c.exec_script(std::string("ALTER TABLE search_docs ALTER folded SET STORAGE MAIN") +
                    (lz4 ? ", ALTER folded SET COMPRESSION lz4" : ""));
      c.query("UPDATE search_docs SET folded = folded || ''", {});  // a new value, stored the new way
    }
    if (exists("search_terms")) return;
    c.exec_script(kCreateSearchTerms);
    fill_search(c);
  }
  void after_copy(Connection& c, const std::string& table) override {
    if (table == "search_docs") {
      c.query("DELETE FROM search_terms", {});
      fill_search(c);
    }
    auto seq = c.query(
        "SELECT pg_get_serial_sequence(table_name, 'id') FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'id'",
        {table});
    if (seq.empty() || seq.front().single_is_null()) return;  // no identity column
    c.query("SELECT setval(?, (SELECT COALESCE(MAX(id), 0) + 1 FROM \"" + table + "\"), false)",
            {seq.front().single_text()});
  }
  static void fill_search(Connection& c) {
    for (const Row& r : c.query("SELECT id, agency_id, folded FROM search_docs", {}))
      c.search_reindex(r.integer("id"), r.integer("agency_id"), "", r.text("folded"));
  }
  std::unique_ptr<ChangeListener> listen_for_changes(std::function<void(std::string_view)> on_change) override {
    return std::make_unique<PgListener>(conninfo_, channel_for(schema_), std::move(on_change));
  }

 private:
  std::string conninfo_, schema_;
  bool create_;
  std::atomic<std::int64_t> timeout_ms_{0};
};

}  // namespace

// Splits Prongsai's `schema=` parameter off a postgresql:// URL.
std::unique_ptr<Backend> make_postgres_backend(std::string_view url, bool create) {
  std::string conninfo(url), schema;
  std::size_t q = conninfo.find('?');
  if (q != std::string::npos) {
    std::string query = conninfo.substr(q + 1), kept;
    std::size_t i = 0;
    while (i <= query.size()) {
      std::size_t amp = query.find('&', i);
      std::string part = query.substr(i, amp == std::string::npos ? std::string::npos : amp - i);
      if (part.starts_with("schema=")) {
        schema = part.substr(7);
      } else if (!part.empty()) {
        kept += (kept.empty() ? "" : "&") + part;
      }
      if (amp == std::string::npos) break;
      i = amp + 1;
    }
    conninfo = conninfo.substr(0, q) + (kept.empty() ? "" : "?" + kept);
  }
  for (char c : schema) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) throw std::invalid_argument("schema names are lower-case letters, digits and _");
  }
  return std::make_unique<PgBackend>(conninfo, schema, create);
}

}  // namespace prongsai::store
