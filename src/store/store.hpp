// The store: the only place SQL meets a database. A handful of verbs, as in SQLite's own API:
// open a store from a URL, run `read` or `write` with a function that receives a transaction,
// and inside it `query` (and, for writes, `apply`). No ORM.
//
//   auto unit = store.write(actor, [&](WriteTx& tx) -> Result<std::int64_t> {
//     auto rows = tx.apply(Change::create(agency, "unit", after), q::kInsertUnit, {agency, name});
//     return rows.at(0).integer("id");
//   });
//
// What must stay true:
//  - Every change to agency data goes through WriteTx::apply, which appends the hash-chained
//    audit row in the same transaction (store/audit_chain.cpp). There is no other write verb
//    for agency data. Bookkeeping that is not agency data (sessions, rate-limit counters,
//    instance settings) uses `bookkeeping`, whose transaction can only `exec`.
//  - A transaction that is not committed rolls back (destructor), so an early return, an
//    error result or a throw undoes everything: nothing is half-written.
//  - On SQLite a write transaction begins IMMEDIATE, so read-then-write never fails to
//    upgrade its lock.
//  - SQL text is the portable subset with `?` placeholders; a backend rewrites what it must.
//  - A unique or foreign-key violation inside `write` comes back as ErrorKind::conflict.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/durability.hpp"
#include "core/error.hpp"
#include "core/result.hpp"

namespace prongsai::store {

struct Blob {
  std::string bytes;
};
// A parameter only: bytes bound without a copy (an upload, straight from its spool mapping).
// The bytes must outlive the statement; queries never return one.
struct BlobView {
  std::string_view bytes;
};

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob, BlobView>;
using Params = std::vector<Value>;

// An optional value binds as NULL when empty.
template <class T>
Value nullable(const std::optional<T>& v) {
  if (!v) return nullptr;
  return Value(*v);
}

class Row {
 public:
  Row(std::shared_ptr<const std::vector<std::string>> names, std::vector<Value> values)
      : names_(std::move(names)), values_(std::move(values)) {}

  // Read by the name the query selects (a column or its AS): never by position, so that a
  // query and its reader cannot drift apart. NULL text reads as "".
  std::int64_t integer(std::string_view c) const { return integer(index(c)); }
  double real(std::string_view c) const { return real(index(c)); }
  std::string text(std::string_view c) const { return text(index(c)); }
  bool is_null(std::string_view c) const { return is_null(index(c)); }
  std::optional<std::int64_t> opt_integer(std::string_view c) const { return opt_integer(index(c)); }
  std::optional<std::string> opt_text(std::string_view c) const { return opt_text(index(c)); }
  // Every column in order, for what copies rows whatever their table (Store::copy_all_to).
  std::size_t size() const { return values_.size(); }
  const Value& value(std::size_t i) const { return values_.at(i); }
  const std::string& column_name(std::size_t i) const { return names_->at(i); }

  // The value of a row of one column (COUNT(*), a lone RETURNING, a PRAGMA): what the statement
  // is for, so it has no name to read it by. Throws for a row of any other width.
  std::int64_t single_integer() const { return integer(single()); }
  std::string single_text() const { return text(single()); }
  bool single_is_null() const { return is_null(single()); }

 private:
  std::size_t index(std::string_view column) const;  // throws when the query does not select it
  std::size_t single() const;
  bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
  std::int64_t integer(std::size_t i) const;
  double real(std::size_t i) const;
  std::string text(std::size_t i) const;
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  std::shared_ptr<const std::vector<std::string>> names_;
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// The database took a statement and did not answer within the query timeout (a stalled
// server): the connection is given up, and a transaction is not tried again on another.
struct TimedOut : Unavailable {
  using Unavailable::Unavailable;
};

// A unique, foreign-key or check constraint refused a statement.
struct ConstraintError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One database connection of a backend. Not shared across threads: the pool lends it to one
// transaction at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Rows query(std::string_view sql, const Params& params) = 0;
  // The rows of a SELECT one at a time, holding one row in memory at a time (a table of files
  // is not read whole). `each` must not run the same statement on this connection.
  virtual void query_each(std::string_view sql, const Params& params, const std::function<void(const Row&)>& each) {
    for (const Row& r : query(sql, params)) each(r);
  }
  virtual void exec_script(std::string_view sql) = 0;  // several statements, no parameters
  // The server is gone for this connection (restarted, failed over, the network cut): the pool
  // drops it rather than lend it again.
  virtual bool broken() const { return false; }
  virtual void begin_read() = 0;
  virtual void begin_write() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // Serialises appends to one agency's audit chain until the transaction ends (a no-op where
  // write transactions are serialised anyway, as on SQLite).
  virtual void lock_audit_chain(std::int64_t /*agency_id*/) {}
  // Within a write transaction: waits until no other process is changing the schema (nodes
  // started together each run the migrations). SQLite's write transactions are one at a time.
  virtual void lock_schema() {}
  // Tells the other nodes sharing the database, once this transaction commits, whose data
  // changed (their cached pages of those agencies are stale): `changed` is Store's list of
  // agency ids, or "*" for every agency. A no-op where one process owns the database.
  virtual void announce_change(std::string_view /*changed*/) {}
  // Leaves no copy of deleted data in a write-ahead log file (SQLite); a no-op elsewhere.
  virtual void truncate_log() {}

  // Search (see ReadTx::search). A backend with its own index keeps it in step with
  // search_docs: entry `id` of `agency_id` had `old_folded` (empty: new) and now has
  // `new_folded` (empty: gone). Folded texts are as search_docs.folded holds them.
  virtual void search_reindex(std::int64_t /*id*/, std::int64_t /*agency_id*/, std::string_view /*old_folded*/,
                              std::string_view /*new_folded*/) {}
  // The ids of the search_docs entries of `agency_id` whose folded text contains
  // `folded_query`, visible at `now`, newest first, no more than `max`.
  virtual std::vector<std::int64_t> search(std::int64_t agency_id, std::string_view folded_query, std::int64_t now,
                                           std::int64_t max) = 0;
};

// Receives other nodes' change announcements until destroyed.
class ChangeListener {
 public:
  virtual ~ChangeListener() = default;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::unique_ptr<Connection> connect() = 0;
  virtual std::string_view name() const = 0;  // "sqlite", "postgresql"
  virtual void close() {}                     // e.g. checkpoint the WAL
  // Migration DDL is written for SQLite; a backend rewrites the few types it spells otherwise.
  virtual std::string translate_ddl(std::string_view ddl) const { return std::string(ddl); }
  // Calls on_change (from another thread) whenever another node or process changed the data
  // (PostgreSQL: its announcements; SQLite: another connection committed); null where nothing
  // else can change it.
  // on_change gets what announce_change sent, or "*" when it cannot know (every agency).
  virtual std::unique_ptr<ChangeListener> listen_for_changes(
      std::function<void(std::string_view changed)> /*on_change*/) {
    return nullptr;
  }
  // The installation's tables in the order they were created (parents before children).
  virtual std::vector<std::string> table_names(Connection& c) = 0;
  // After rows were copied in with their ids: make new ids continue after them.
  virtual void after_copy(Connection& /*c*/, const std::string& /*table*/) {}
  // A consistent copy of the whole database in a new file, taken while others keep working;
  // false where the backend has its own tools for that (pg_dump).
  virtual bool backup_to(Connection& /*c*/, const std::string& /*path*/) { return false; }
  // After migrations: builds the backend's own search index when it is missing (a new
  // database, or one copied in without it).
  virtual void prepare_search(Connection& /*c*/) {}
  // Room left on the disk that holds the database, where this process can see it (SQLite).
  virtual std::optional<std::uint64_t> free_bytes() const { return std::nullopt; }
  // Where commits become durable after they return (SQLite's group commit); null where a
  // commit is on disk when it returns (PostgreSQL).
  virtual Durability* durability() { return nullptr; }
  // The database takes one writer at a time (SQLite): this process's write transactions queue
  // in the store rather than meet the database's lock and sleep in its busy handler.
  virtual bool one_writer() const { return false; }
  // Connections made from now on give up on a statement after this long (0: never): the
  // server cancels it, and one that does not answer at all is dropped a little later.
  virtual void set_query_timeout(std::chrono::milliseconds /*timeout*/) {}
};

// Who makes a change: a signed-in user, a citizen through a public form, or the system.
struct Actor {
  std::optional<std::int64_t> user_id;
  std::string label;  // "admin@example.org", "citizen", "system", "cli"
  // A citizen the agency promised not to know (a corruption complaint, a survey answer): every
  // time the write records (its rows' and its audit entry's) is the day it was made, 00:00
  // Thailand time, not the second, which would match a log, a camera or a phone record.
  bool day_only = false;

  static Actor system() { return Actor{std::nullopt, "system"}; }
  static Actor cli() { return Actor{std::nullopt, "cli"}; }
  static Actor citizen() { return Actor{std::nullopt, "citizen"}; }
  static Actor anonymous_citizen() { return Actor{std::nullopt, "citizen", true}; }
};

// What one statement changes, for the audit log. `before`/`after` never hold a password hash,
// a token or a complainant's plain text: services pass the fields a reviewer may see.
struct Change {
  std::int64_t agency_id = 0;  // the chain the entry joins; 0 is the installation's own chain
  std::string entity;          // "user", "unit", "agency", ...
  std::string entity_id;       // empty on create: taken from the statement's RETURNING id
  std::string action;          // "create", "update", "delete", "login", ...
  nlohmann::json before;       // null on create
  nlohmann::json after;        // null on delete

  static Change create(std::int64_t agency, std::string entity, nlohmann::json after) {
    return {agency, std::move(entity), {}, "create", nullptr, std::move(after)};
  }
  static Change update(std::int64_t agency, std::string entity, std::int64_t id, nlohmann::json before,
                       nlohmann::json after) {
    return {agency, std::move(entity), std::to_string(id), "update", std::move(before), std::move(after)};
  }
  static Change remove(std::int64_t agency, std::string entity, std::int64_t id, nlohmann::json before) {
    return {agency, std::move(entity), std::to_string(id), "delete", std::move(before), nullptr};
  }
};

// One thing the public search finds. Modules keep their entries in step with their own rows,
// inside the transaction that changes them (WriteTx::index / unindex).
struct SearchEntry {
  std::int64_t agency_id = 0;
  std::string kind;  // "news", "qa", "evidence": what the result page calls it
  std::string ref;   // the module's id for it, unique within the kind
  std::string title, body;
  std::string url;                // the public page that shows it
  std::int64_t visible_from = 0;  // unix seconds: not found before then (a scheduled post)
};

struct SearchHit {
  std::string kind, ref, title, body, url;
  std::int64_t visible_from = 0;
};

struct SearchResults {
  std::vector<SearchHit> hits;  // the page asked for
  std::int64_t total = 0;       // found, counted no further than asked
};

class ReadTx {
 public:
  explicit ReadTx(Connection& c) : conn_(c) {}
  // The agency's entries whose title or text contains the query, visible at `now`, newest
  // entry first: `limit` of them from `offset` on, and how many there are, counting no further
  // than `cap` (or than the page's end, if that is further). `query` is folded
  // (core/search_text.hpp): one character finds like ten. The same entries on every backend,
  // found with one lookup of the index.
  SearchResults search(std::int64_t agency_id, std::u32string_view query, std::int64_t now, std::int64_t limit,
                       std::int64_t offset, std::int64_t cap = 0);
  // SELECT (or WITH ... SELECT) only: anything else throws std::logic_error, a programmer's
  // mistake that the tests catch. Changes go through WriteTx::apply.
  Rows query(std::string_view sql, const Params& params = {});
  // The same, a row at a time (Connection::query_each): for reading more than fits in memory.
  void each(std::string_view sql, const Params& params, const std::function<void(const Row&)>& fn);
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  std::int64_t count(std::string_view sql, const Params& params = {});  // first column of one row

 protected:
  Connection& conn_;
};

class WriteTx : public ReadTx {
 public:
  WriteTx(Connection& c, const Actor& actor, std::int64_t now) : ReadTx(c), actor_(actor), now_(now) {}
  // Runs one data-changing statement and appends its audit row. Returns the statement's rows
  // (RETURNING ...).
  Rows apply(Change change, std::string_view sql, const Params& params = {});
  // An audit entry for an event that changes no row (a login, an export).
  void record(Change change);
  // A further statement of the change this transaction has already recorded (the role rows
  // of a user just created): throws std::logic_error when nothing was recorded yet.
  Rows also(std::string_view sql, const Params& params = {});
  std::int64_t now() const { return now_; }
  const Actor& actor() const { return actor_; }

  // Search entries are derived from rows this transaction changes (and audits): they are kept
  // here, beside them, and not audited themselves. Creates or replaces (agency, kind, ref).
  void index(const SearchEntry& entry);
  void unindex(std::int64_t agency_id, std::string_view kind, std::string_view ref);
  // Every entry of `kind`, of every agency: before a module indexes all its rows again.
  void unindex_kind(std::string_view kind);

  // A change that every agency's pages may show, beyond the agencies it is audited under: the
  // agencies themselves (which Host serves which agency). Caches of every agency are dropped.
  void changes_every_agency() { every_agency_ = true; }
  // Whose cached pages this transaction makes stale: the agencies of its audited changes
  // ("3,17"), or "*" for every agency (agency 0, the installation's own, counts as every one).
  std::string changed() const;

 private:
  const Actor& actor_;
  std::int64_t now_;
  bool recorded_ = false;
  bool every_agency_ = false;
  std::vector<std::int64_t> agencies_;  // of the audited changes, each once
};

// For data that is not agency data and is not audited: sessions, rate counters, settings.
class BookkeepingTx : public ReadTx {
 public:
  using ReadTx::ReadTx;
  Rows exec(std::string_view sql, const Params& params = {}) { return conn_.query(sql, params); }
};

struct Migration {
  std::string module;  // the folder under src/ that owns it
  int version = 0;
  std::string name;
  std::string sql;
  // Where a migration was applied before it moved to another module (its file's first line:
  // "-- replaces: modules/channels 2"): a database that holds the old name is not migrated
  // again; the record takes the new name.
  std::string replaces_module;
  int replaces_version = 0;
};

class Store {
 public:
  enum class Mode {
    create,    // a missing SQLite file becomes a new database (`init`, tests, a migration's target)
    existing,  // the file must exist (every other command: a mistyped path is an error)
  };
  // "sqlite:PATH" (or a bare path) or "postgresql://..." (see store/postgres.cpp for the
  // schema= parameter). A database that cannot be opened, or an SQLite file opened read-only,
  // is an error (error.db_open) naming why.
  static Result<std::unique_ptr<Store>> open(std::string_view url, const Clock& clock = Clock::system(),
                                             Mode mode = Mode::create);
  explicit Store(std::unique_ptr<Backend> backend, const Clock& clock);
  ~Store();

  template <class F>
  auto read(F&& fn) {
    return in_transaction<ReadTx>(&Connection::begin_read, std::forward<F>(fn));
  }

  // fn(WriteTx&) returns a Result<T>: committed when it holds a value, rolled back otherwise.
  template <class F>
  auto write(const Actor& actor, F&& fn) -> decltype(fn(std::declval<WriteTx&>())) {
    using R = decltype(fn(std::declval<WriteTx&>()));
    try {
      WriterTurn turn = writer_turn();
      Lease lease = start(&Connection::begin_write);
      Finish finish{lease.get()};
      WriteTx tx(*lease, actor, written_at(actor));
      R result = fn(tx);
      if (!result) return result;  // Finish rolls back
      std::string changed = tx.changed();
      lease->announce_change(changed);
      finish.commit();
      ++commits_on_this_thread();
      available(true);
      bump(changed);
      lease.reset();
      turn = {};
      settle();
      return result;
    } catch (const ConstraintError& e) {
      return R(fail(Error::make(ErrorKind::conflict, "error.conflict", e.what())));
    } catch (const Unavailable& e) {
      unavailable(e, true);
      throw;
    }
  }

  // A citizen's submission (a survey's answers, a complaint, a request, a question): as write,
  // but where the backend takes one writer at a time, submissions that arrive together are
  // written in one transaction, each in its own savepoint with its own audit entries (one refused
  // or failing is rolled back to its savepoint alone, taking nothing of its neighbours), under one
  // commit, so one set of log pages and one flush serve them all. Whichever caller finds no
  // batch being written writes the waiting ones; each gets its own result, and its commit is
  // settled on its own thread, as write's. Elsewhere (PostgreSQL) it is write.
  template <class F>
  auto submit(const Actor& actor, F&& fn) -> decltype(fn(std::declval<WriteTx&>())) {
    using R = decltype(fn(std::declval<WriteTx&>()));
    if (!combines()) return write(actor, std::forward<F>(fn));
    std::optional<R> result;
    Submission s{&actor, [&](WriteTx& tx) {
                   result.emplace(fn(tx));
                   return static_cast<bool>(*result);
                 }};
    try {
      combine(s);
    } catch (const ConstraintError& e) {
      return R(fail(Error::make(ErrorKind::conflict, "error.conflict", e.what())));
    } catch (const Unavailable& e) {
      unavailable(e, true);
      throw;
    }
    if (!result) throw std::logic_error("store: a submission was neither written nor refused");
    return std::move(*result);
  }

  // How many batches of submissions this store has written (tests, the bench).
  std::uint64_t batches_written() const { return batches_.load(std::memory_order_relaxed); }

  template <class F>
  auto bookkeeping(F&& fn) {
    return in_transaction<BookkeepingTx>(&Connection::begin_write, std::forward<F>(fn));
  }

  // Applies what is not yet applied, in order, each in its own transaction.
  Result<int> migrate(const std::vector<Migration>& migrations);
  // Runs schema DDL (written for SQLite, translated for the backend) in one transaction.
  void apply_schema(std::string_view ddl);

  // Copies every row of every table into `target` (migrated to the same schema and empty),
  // keeping ids and the audit chain as they are, in one transaction on the target. Returns
  // (table, rows) in copy order.
  Result<std::vector<std::pair<std::string, std::int64_t>>> copy_all_to(Store& target);
  // A consistent copy into a new file (SQLite); PostgreSQL installations use pg_dump.
  Result<void> backup_to(const std::string& path);

  // After a secure deletion: see Connection::truncate_log.
  void truncate_log();
  std::string_view backend_name() const { return backend_->name(); }
  // Where commits become durable after they return (SQLite); null on PostgreSQL.
  Durability* durability() { return backend_->durability(); }
  const Clock& clock() const { return clock_; }
  // The tables the database holds, in the order they were made (empty for a new database).
  std::vector<std::string> tables();

  // For a server: at most `max_connections` at once (a transaction that finds none free waits
  // up to `wait`, then throws Unavailable), and each statement given up after `query_timeout`
  // (0: never; migrations and the command line run unbounded).
  void limit(std::size_t max_connections, std::chrono::milliseconds wait, std::chrono::milliseconds query_timeout);

  // What works now: a read and a write (of a bookkeeping row of its own), each bounded by the
  // query timeout, and the disk's free space where it is known. Checked at most once a second;
  // in between the last result is returned.
  struct Health {
    bool reads = false;
    bool writes = false;
    std::optional<std::uint64_t> free_bytes;
  };
  Health health();
  // Under this much free space the disk counts as full: a write may need the room.
  static constexpr std::uint64_t kFullBelowBytes = 8u << 20;
  // Moves on after a committed write of that agency's data, or of every agency's, here or by
  // another node or process (within a second on SQLite): the page cache compares it to know
  // that a page it holds is stale, so that a survey answered in one agency leaves the others'
  // cached pages alone. generation(0) moves only with changes of every agency (the host
  // cache's). Agencies share kSlots counters: two that share one drop each other's pages now
  // and then, never keep a stale one.
  std::uint64_t generation(std::int64_t agency_id) const {
    std::uint64_t all = every_.load(std::memory_order_acquire);
    return agency_id == 0 ? all : all + slots_[slot(agency_id)].load(std::memory_order_acquire);
  }
  void close();

 private:
  struct Release {
    Store* store;
    bool writers = false;  // the connection kept for the writer's turn
    void operator()(Connection* c) const { writers ? store->release_writers(c) : store->release(c); }
  };
  using Lease = std::unique_ptr<Connection, Release>;

  void listen_for_changes();
  // Rolls back unless committed: the early-return and throw paths.
  struct Finish {
    Connection* conn;
    bool done = false;
    void commit() {
      conn->commit();
      done = true;
    }
    ~Finish() {
      if (!done) {
        try {
          conn->rollback();
        } catch (...) {  // the connection is already broken; the pool drops nothing useful
        }
      }
    }
  };

  // Runs fn(Tx&) in a transaction begun by `begin`; commits when fn returns, rolls back on a throw.
  template <class Tx, class F>
  auto in_transaction(void (Connection::*begin)(), F&& fn) {
    bool writes = begin == &Connection::begin_write;
    try {
      WriterTurn turn = writes ? writer_turn() : WriterTurn{};
      Lease lease = start(begin);
      Finish finish{lease.get()};
      Tx tx(*lease);
      auto result = fn(tx);
      finish.commit();
      available(writes);
      if (writes) {
        lease.reset();
        turn = {};
        settle();
      }
      return result;
    } catch (const Unavailable& e) {
      unavailable(e, writes);
      throw;
    }
  }
  // An outage: its first failure is logged, and its end; nothing in between. While only writes
  // fail (a full disk), reads that work do not end it; a write that works ends any outage.
  enum Outage : int { none = 0, writes_fail = 1, all_fail = 2 };
  void unavailable(const Unavailable& e, bool writes);
  void available(bool writes) {
    int now = outage_.load(std::memory_order_relaxed);
    if (now == none || (!writes && now == writes_fail)) return;
    back_again();
  }
  void back_again();

  // This thread's turn to write, where the backend takes one writer at a time (one_writer):
  // held from before the transaction begins until it ends. Empty elsewhere, and for a write
  // begun inside another on the same thread (which then meets the database's lock as before).
  class WriterTurn {
   public:
    WriterTurn() = default;
    explicit WriterTurn(std::timed_mutex& m);
    WriterTurn(WriterTurn&& o) noexcept : mutex_(std::exchange(o.mutex_, nullptr)), outer_(o.outer_) {}
    WriterTurn& operator=(WriterTurn&& o) noexcept;
    ~WriterTurn();

   private:
    std::timed_mutex* mutex_ = nullptr;
    std::timed_mutex* outer_ = nullptr;  // the turn this thread held before (another store's)
  };
  WriterTurn writer_turn();
  // After a commit: waits until it is on disk (Backend::durability), or, while the thread's
  // commits are deferred (DeferDurability), notes it for the one who answers. Throws
  // Unavailable when the flush failed. settle_at: the commit numbered `seq` (Durability::committed).
  void settle();
  void settle_at(Durability* log, std::uint64_t seq);

  // A submission waiting to be written with the others (submit).
  struct Submission {
    const Actor* actor = nullptr;
    std::function<bool(WriteTx&)> run;  // true: keep it (released), false: rolled back to its savepoint
    // Told by the writer of a batch, under `m`, what to do next: each waiter is woken alone (a
    // broadcast woke every waiter for each batch, and the writer itself waited in it). The
    // waiter cannot return, taking these with it, before the writer has let go of `m`.
    enum class Turn { wait, write, done };
    std::mutex m;
    std::condition_variable told;
    Turn turn = Turn::wait;
    bool kept = false;         // its savepoint was released and the batch committed
    std::exception_ptr error;  // its own, or the batch's
    std::uint64_t seq = 0;     // the batch's commit (Durability::committed), 0 without one
  };
  // The time a write by `actor` carries: now, or for an actor with day_only the start of today.
  std::int64_t written_at(const Actor& actor) const;
  // Whether submit combines: one writer at a time, and not inside this thread's own write.
  bool combines() const;
  // Queues `s` and waits until it is written, writing the waiting batch when no one else is or
  // when the writer of the last one hands it the next; then settles its commit on this thread.
  // Rethrows its failure (or the batch's).
  void combine(Submission& s);
  void write_batch();
  static void tell(Submission& s, Submission::Turn turn);

  Lease acquire();
  // For the holder of the writer's turn: the connection kept for it (made the first time). SQLite
  // keeps a connection's page cache from one transaction to the next only while no other
  // connection wrote in between; writing on one connection keeps the pages every write touches
  // (the audit chain's tail, the indexes' last pages) cached instead of read again each time.
  // A write begun inside the holder's own (the kept one lent) takes one from the pool.
  Lease acquire_for_writer();
  void release_writers(Connection* c);
  // A connection with its transaction begun. One whose server went away since it was last used
  // fails at BEGIN, before anything was done: the pool's idle connections (gone the same way
  // after a restart or a failover) are dropped and the transaction begins once more on a new one.
  Lease start(void (Connection::*begin)());
  void release(Connection* c);
  // After a commit, here or announced by another node: `changed` as WriteTx::changed says.
  void bump(std::string_view changed);
  static constexpr std::size_t kSlots = 4096;
  static std::size_t slot(std::int64_t agency_id) { return static_cast<std::uint64_t>(agency_id) % kSlots; }

  std::unique_ptr<Backend> backend_;
  const Clock& clock_;
  std::timed_mutex writer_;  // one_writer(): whose turn it is
  // The writer's connection (acquire_for_writer), touched only by the turn's holder.
  std::unique_ptr<Connection> writers_connection_;
  bool writers_connection_lent_ = false;
  std::mutex combine_mutex_;
  std::vector<Submission*> waiting_;  // submissions for the next batch
  bool batching_ = false;             // a caller is writing a batch, or is told to write the next
  std::atomic<std::uint64_t> batches_{0};
  std::mutex mutex_;
  std::condition_variable returned_;  // a connection came back to the pool
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t lent_ = 0;             // connections out of the pool now
  std::size_t max_connections_ = 0;  // 0: no limit
  std::chrono::milliseconds pool_wait_{0};
  std::mutex outage_mutex_;
  std::atomic<int> outage_{none};
  std::int64_t out_since_ = 0;            // when the outage began (steady ms)
  std::atomic<std::int64_t> refused_{0};  // transactions that failed during it
  std::mutex health_mutex_;
  std::int64_t health_checked_ = 0;  // steady ms
  Health health_;
  std::atomic<std::uint64_t> every_{1};
  std::array<std::atomic<std::uint64_t>, kSlots> slots_{};
  std::unique_ptr<ChangeListener> listener_;  // other nodes' changes bump the generations too
};

// The migrations carried in the binary for a list of modules, in the list's order, then by
// version (embedded as migrations/<module path>/migrations/NNNN_name.sql), each with what it
// replaces read from its first line.
std::vector<Migration> embedded_migrations(const std::vector<std::string>& modules);

}  // namespace prongsai::store
