// Backend-neutral parts of the store: rows, the audited write path, the pool, migrations.
#include "store/store.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <unordered_map>

#include "core/embedded.hpp"
#include "core/search_text.hpp"
#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "store/audit_chain.hpp"

namespace prongsai::store {

std::unique_ptr<Backend> make_sqlite_backend(const std::string& path, bool create);  // sqlite.cpp
std::unique_ptr<Backend> make_postgres_backend(std::string_view url, bool create);   // postgres.cpp

// ---- Row ------------------------------------------------------------------------------

std::int64_t Row::integer(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    std::from_chars(p->data(), p->data() + p->size(), out);
    return out;
  }
  return 0;
}

double Row::real(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  return 0.0;
}

std::string Row::text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<Blob>(&v)) return p->bytes;
  return {};
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::size_t Row::single() const {
  if (values_.size() != 1)
    throw std::logic_error("a row of " + std::to_string(values_.size()) + " columns read as one");
  return 0;
}

std::size_t Row::index(std::string_view column) const {
  for (std::size_t i = 0; i < names_->size(); ++i) {
    if ((*names_)[i] == column) return i;
  }
  // A programming error (a query and its reader out of step), never input: said, not guessed.
  throw std::logic_error("the query does not select the column " + std::string(column));
}

// ---- Transactions -------------------------------------------------------------------------

namespace {

void check_select(std::string_view sql) {
  std::size_t start = sql.find_first_not_of(" \t\n");
  std::string_view head = start == std::string_view::npos ? sql : sql.substr(start, 6);
  if (head != "SELECT" && head.substr(0, 4) != "WITH") {
    throw std::logic_error("ReadTx::query runs SELECTs only; write through WriteTx::apply: " +
                           std::string(sql.substr(0, 60)));
  }
}

}  // namespace

Rows ReadTx::query(std::string_view sql, const Params& params) {
  check_select(sql);
  return conn_.query(sql, params);
}

void ReadTx::each(std::string_view sql, const Params& params, const std::function<void(const Row&)>& fn) {
  check_select(sql);
  conn_.query_each(sql, params, fn);
}

std::optional<Row> ReadTx::query_one(std::string_view sql, const Params& params) {
  Rows rows = conn_.query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::int64_t ReadTx::count(std::string_view sql, const Params& params) {
  auto row = query_one(sql, params);
  return row ? row->single_integer() : 0;
}

Rows WriteTx::also(std::string_view sql, const Params& params) {
  if (!recorded_) throw std::logic_error("WriteTx::also before any audited change: " + std::string(sql.substr(0, 60)));
  return conn_.query(sql, params);
}

namespace {

constexpr std::string_view kLastAuditEntry = "SELECT seq, hash FROM audit_heads WHERE agency_id = ?";
constexpr std::string_view kInsertAuditEntry =
    "INSERT INTO audit_log (agency_id, seq, at, actor_user_id, actor, action, entity, entity_id, "
    "before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpsertAuditHead =
    "INSERT INTO audit_heads (agency_id, seq, hash) VALUES (?, ?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash";

}  // namespace

Rows WriteTx::apply(Change change, std::string_view sql, const Params& params) {
  Rows rows = conn_.query(sql, params);
  if (change.entity_id.empty() && !rows.empty() && rows.front().size() == 1) {
    change.entity_id = rows.front().single_text();  // RETURNING id
    if (change.after.is_object() && !change.after.contains("id")) change.after["id"] = rows.front().single_integer();
  }
  record(std::move(change));
  return rows;
}

void WriteTx::record(Change change) {
  AuditEntry e;
  e.agency_id = change.agency_id;
  recorded_ = true;
  if (std::find(agencies_.begin(), agencies_.end(), e.agency_id) == agencies_.end()) agencies_.push_back(e.agency_id);
  conn_.lock_audit_chain(change.agency_id);
  auto head = query_one(kLastAuditEntry, {change.agency_id});
  e.seq = head ? head->integer("seq") + 1 : 1;
  e.prev_hash = head ? head->text("hash") : std::string(kGenesisHash);
  e.at = now_;
  e.actor_user_id = actor_.user_id;
  e.actor = actor_.label;
  e.action = std::move(change.action);
  e.entity = std::move(change.entity);
  e.entity_id = std::move(change.entity_id);
  e.before_json = change.before.dump();
  e.after_json = change.after.dump();
  e.hash = audit_hash(e);
  conn_.query(kInsertAuditEntry, {e.agency_id, e.seq, e.at, nullable(e.actor_user_id), e.actor, e.action, e.entity,
                                  e.entity_id, e.before_json, e.after_json, e.prev_hash, e.hash});
  conn_.query(kUpsertAuditHead, {e.agency_id, e.seq, e.hash});
}

// ---- Search -------------------------------------------------------------------------------

namespace {

constexpr std::string_view kSelectSearchEntry =
    "SELECT id, folded FROM search_docs WHERE agency_id = ? AND kind = ? AND ref = ?";
constexpr std::string_view kSelectSearchKind = "SELECT id, agency_id, folded FROM search_docs WHERE kind = ?";
constexpr std::string_view kInsertSearchEntry =
    "INSERT INTO search_docs (agency_id, kind, ref, title, body, url, visible_from, folded) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateSearchEntry =
    "UPDATE search_docs SET title = ?, body = ?, url = ?, visible_from = ?, folded = ? WHERE id = ?";
constexpr std::string_view kDeleteSearchEntry = "DELETE FROM search_docs WHERE id = ?";
// Followed by one placeholder per id and ")".
constexpr std::string_view kSelectSearchHits =
    "SELECT id, kind, ref, title, body, url, visible_from FROM search_docs WHERE id IN (";

// The title and the text folded, joined by a line break: no folded query holds one, so no
// match runs from the title into the text.
std::string folded_entry(const SearchEntry& e) {
  return text::to_utf8(search::fold(e.title)) + "\n" + text::to_utf8(search::fold(e.body));
}

}  // namespace

SearchResults ReadTx::search(std::int64_t agency_id, std::u32string_view query, std::int64_t now, std::int64_t limit,
                             std::int64_t offset, std::int64_t cap) {
  SearchResults out;
  limit = std::max<std::int64_t>(limit, 0);
  offset = std::max<std::int64_t>(offset, 0);
  std::int64_t max = std::max(offset + limit, cap);
  if (query.empty() || max <= 0) return out;
  std::vector<std::int64_t> ids = conn_.search(agency_id, text::to_utf8(query), now, max);
  out.total = static_cast<std::int64_t>(ids.size());
  if (offset >= out.total || limit == 0) return out;
  // The page's entries in one statement: as many placeholders as ids, never more than `limit`.
  auto first = ids.begin() + offset, last = ids.begin() + std::min(offset + limit, out.total);
  std::string sql(kSelectSearchHits);
  Params params;
  for (auto it = first; it != last; ++it) {
    sql += it == first ? "?" : ", ?";
    params.emplace_back(*it);
  }
  sql += ")";
  std::unordered_map<std::int64_t, SearchHit> by_id;
  for (const Row& r : conn_.query(sql, params))
    by_id.emplace(r.integer("id"), SearchHit{r.text("kind"), r.text("ref"), r.text("title"), r.text("body"),
                                             r.text("url"), r.integer("visible_from")});
  for (auto it = first; it != last; ++it)
    if (auto hit = by_id.find(*it); hit != by_id.end()) out.hits.push_back(std::move(hit->second));
  return out;
}

void WriteTx::index(const SearchEntry& e) {
  std::string folded = folded_entry(e);
  if (auto old = query_one(kSelectSearchEntry, {e.agency_id, e.kind, e.ref})) {
    std::int64_t id = old->integer("id");
    conn_.query(kUpdateSearchEntry, {e.title, e.body, e.url, e.visible_from, folded, id});
    conn_.search_reindex(id, e.agency_id, old->text("folded"), folded);
    return;
  }
  std::int64_t id =
      conn_.query(kInsertSearchEntry, {e.agency_id, e.kind, e.ref, e.title, e.body, e.url, e.visible_from, folded})
          .at(0)
          .integer("id");
  conn_.search_reindex(id, e.agency_id, "", folded);
}

void WriteTx::unindex(std::int64_t agency_id, std::string_view kind, std::string_view ref) {
  auto old = query_one(kSelectSearchEntry, {agency_id, std::string(kind), std::string(ref)});
  if (!old) return;
  conn_.query(kDeleteSearchEntry, {old->integer("id")});
  conn_.search_reindex(old->integer("id"), agency_id, old->text("folded"), "");
}

void WriteTx::unindex_kind(std::string_view kind) {
  every_agency_ = true;
  for (const Row& r : query(kSelectSearchKind, {std::string(kind)})) {
    conn_.query(kDeleteSearchEntry, {r.integer("id")});
    conn_.search_reindex(r.integer("id"), r.integer("agency_id"), r.text("folded"), "");
  }
}

std::string WriteTx::changed() const {
  // A change audited under no agency, under the installation's (0) or under very many is every
  // agency's: the list also has to fit one PostgreSQL notification.
  constexpr std::size_t kMostListed = 100;
  if (every_agency_ || agencies_.empty() || agencies_.size() > kMostListed ||
      std::find(agencies_.begin(), agencies_.end(), 0) != agencies_.end())
    return "*";
  std::string out;
  for (std::int64_t id : agencies_) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

// ---- Store ------------------------------------------------------------------------------

Result<std::unique_ptr<Store>> Store::open(std::string_view url, const Clock& clock, Mode mode) {
  std::string path;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    try {
      auto store = std::make_unique<Store>(make_postgres_backend(url, mode == Mode::create), clock);
      store->release(store->backend_->connect().release());
      store->listen_for_changes();
      return store;
    } catch (const std::exception& e) {
      return fail(Error::make(ErrorKind::unavailable, "error.db_open", e.what()));
    }
  }
  if (url.starts_with("sqlite:")) {
    path = url.substr(7);
  } else if (url.find("://") == std::string_view::npos) {
    path = url;
  } else {
    return fail(Error::make(ErrorKind::bad_request, "error.db_url", "unknown database URL scheme"));
  }
  if (path.empty()) return fail(Error::make(ErrorKind::bad_request, "error.db_url", "empty database path"));
  if (mode == Mode::existing) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      return fail(Error::make(ErrorKind::not_found, "error.db_missing", "no database file at " + path));
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0)
      return fail(Error::make(ErrorKind::not_found, "error.db_empty", "an empty file at " + path));
  }
  try {
    auto store = std::make_unique<Store>(make_sqlite_backend(path, mode == Mode::create), clock);
    store->release(store->backend_->connect().release());  // open now: fail here, not on first request
    store->listen_for_changes();
    return store;
  } catch (const std::exception& e) {
    return fail(Error::make(ErrorKind::unavailable, "error.db_open", e.what()));
  }
}

Store::Store(std::unique_ptr<Backend> backend, const Clock& clock) : backend_(std::move(backend)), clock_(clock) {}

Store::~Store() { close(); }

// Other nodes' (or processes') commits make this one's caches stale, as its own do.
void Store::listen_for_changes() {
  listener_ = backend_->listen_for_changes([this](std::string_view changed) { bump(changed); });
}

void Store::truncate_log() {
  Lease lease = acquire();
  lease->truncate_log();
}

void Store::close() {
  listener_.reset();
  std::lock_guard lock(mutex_);
  idle_.clear();
  writers_connection_.reset();
  if (backend_) backend_->close();
}

namespace {
// The turn this thread holds (a write begun inside another of the same store must not wait for
// the turn its outer one holds; one of another store takes that store's own).
thread_local std::timed_mutex* held_turn = nullptr;
constexpr auto kWriterWait = std::chrono::seconds(5);  // as long as SQLite's own busy wait
}  // namespace

Store::WriterTurn::WriterTurn(std::timed_mutex& m) {
  if (!m.try_lock_for(kWriterWait))
    throw Unavailable("the database was busy with other writes for " + std::to_string(kWriterWait.count()) + " s");
  mutex_ = &m;
  outer_ = std::exchange(held_turn, &m);
}

Store::WriterTurn& Store::WriterTurn::operator=(WriterTurn&& o) noexcept {
  if (this != &o) {
    this->~WriterTurn();
    mutex_ = std::exchange(o.mutex_, nullptr);
    outer_ = o.outer_;
  }
  return *this;
}

Store::WriterTurn::~WriterTurn() {
  if (!mutex_) return;
  held_turn = outer_;
  mutex_->unlock();
  mutex_ = nullptr;
}

Store::WriterTurn Store::writer_turn() {
  if (!backend_->one_writer() || held_turn == &writer_) return {};
  return WriterTurn(writer_);
}

void Store::settle() {
  Durability* log = backend_->durability();
  if (!log) return;
  settle_at(log, log->committed());
}

void Store::settle_at(Durability* log, std::uint64_t seq) {
  Unsynced* deferred = deferred_durability_on_this_thread();
  if (deferred && (!deferred->log || deferred->log == log)) {
    deferred->log = log;
    deferred->seq = std::max(deferred->seq, seq);
    return;
  }
  std::promise<bool> flushed;
  std::future<bool> result = flushed.get_future();
  log->when_durable(seq, [&flushed](bool ok) { flushed.set_value(ok); });
  if (!result.get()) throw Unavailable("the database's log could not be flushed to disk");
}

std::int64_t Store::written_at(const Actor& actor) const {
  std::int64_t now = clock_.now();
  return actor.day_only ? calendar::start_of_day(calendar::local_date(now)) : now;
}

bool Store::combines() const { return backend_->one_writer() && held_turn != &writer_; }

namespace {

// The agencies whose pages a batch changed: WriteTx::changed of each kept submission, joined
// ("3,17"), or "*" when any is every agency's or the list grows past what one notice carries.
void join_changed(std::string& all, const std::string& one) {
  if (all == "*" || one.empty()) return;
  if (one == "*") {
    all = "*";
    return;
  }
  for (std::string_view id : text::split(one, ',')) {
    bool listed = false;
    for (std::string_view have : text::split(all, ',')) listed = listed || have == id;
    if (!listed) all += (all.empty() ? "" : ",") + std::string(id);
  }
  if (std::count(all.begin(), all.end(), ',') >= 100) all = "*";
}

}  // namespace

void Store::combine(Submission& s) {
  bool writes;
  {
    std::lock_guard lock(combine_mutex_);
    waiting_.push_back(&s);
    writes = !std::exchange(batching_, true);
  }
  if (!writes) {
    std::unique_lock lock(s.m);
    s.told.wait(lock, [&] { return s.turn != Submission::Turn::wait; });
    writes = s.turn == Submission::Turn::write;
  }
  if (writes) write_batch();  // `s` is among those it writes
  if (s.error) std::rethrow_exception(s.error);
  if (!s.kept) return;  // refused: nothing of it was written
  ++commits_on_this_thread();
  if (Durability* log = backend_->durability(); log && s.seq) settle_at(log, s.seq);
}

// The waiting submissions, each in its savepoint, in one transaction. What fails alone (its
// function's error, a constraint it broke) is rolled back to its savepoint and told to its
// caller; what fails the transaction (BEGIN, COMMIT, a savepoint that cannot be rolled back to)
// is told to every one of them, none of which was kept.
void Store::write_batch() {
  std::vector<Submission*> batch;
  std::exception_ptr failed;
  std::uint64_t seq = 0;
  try {
    WriterTurn turn = writer_turn();
    {
      std::lock_guard lock(combine_mutex_);
      batch.swap(waiting_);
    }
    Lease lease = start(&Connection::begin_write);
    Finish finish{lease.get()};
    std::string changed;
    bool any = false;
    // One alone needs no savepoint: refused, the transaction is rolled back whole, as write's.
    const bool alone = batch.size() == 1;
    for (Submission* x : batch) {
      if (!alone) lease->query("SAVEPOINT submission", {});
      try {
        WriteTx tx(*lease, *x->actor, written_at(*x->actor));
        if (x->run(tx)) {
          if (!alone) lease->query("RELEASE submission", {});
          join_changed(changed, tx.changed());
          x->kept = any = true;
          continue;
        }
      } catch (...) {
        x->error = std::current_exception();
      }
      if (alone) break;
      lease->query("ROLLBACK TO submission", {});  // throws when the transaction itself is gone
      lease->query("RELEASE submission", {});
    }
    if (any) {  // else nothing to commit: Finish rolls the transaction back
      lease->announce_change(changed);
      finish.commit();
      if (Durability* log = backend_->durability()) seq = log->committed();
    }
    batches_.fetch_add(1, std::memory_order_relaxed);
    available(true);
    if (any) bump(changed);
  } catch (...) {
    failed = std::current_exception();
  }
  Submission* next = nullptr;  // the first to arrive while this batch was written writes the next
  {
    std::lock_guard lock(combine_mutex_);
    if (failed && batch.empty()) batch.swap(waiting_);  // failed before taking them (the turn)
    if (!waiting_.empty())
      next = waiting_.front();
    else
      batching_ = false;
  }
  for (Submission* x : batch) {
    x->seq = seq;
    if (failed) {
      x->kept = false;
      x->error = failed;
    }
    tell(*x, Submission::Turn::done);
  }
  if (next) tell(*next, Submission::Turn::write);
}

void Store::tell(Submission& s, Submission::Turn turn) {
  std::lock_guard lock(s.m);
  s.turn = turn;
  s.told.notify_one();
}

Store::Lease Store::acquire() {
  {
    std::unique_lock lock(mutex_);
    if (max_connections_ && idle_.empty() && lent_ >= max_connections_ &&
        !returned_.wait_for(lock, pool_wait_, [&] { return !idle_.empty() || lent_ < max_connections_; }))
      throw Unavailable("no database connection came free within " + std::to_string(pool_wait_.count()) + " ms");
    ++lent_;
    if (!idle_.empty()) {
      Connection* c = idle_.back().release();
      idle_.pop_back();
      return Lease(c, Release{this});
    }
  }
  try {
    return Lease(backend_->connect().release(), Release{this});
  } catch (...) {
    std::lock_guard lock(mutex_);
    --lent_;
    returned_.notify_one();
    throw;
  }
}

Store::Lease Store::acquire_for_writer() {
  if (writers_connection_lent_) return acquire();
  writers_connection_lent_ = true;
  if (writers_connection_) return Lease(writers_connection_.release(), Release{this, true});
  try {
    return Lease(backend_->connect().release(), Release{this, true});
  } catch (...) {
    writers_connection_lent_ = false;
    throw;
  }
}

void Store::release_writers(Connection* c) {
  writers_connection_lent_ = false;
  std::unique_ptr<Connection> back(c);
  if (!c->broken()) writers_connection_ = std::move(back);
}

Store::Lease Store::start(void (Connection::*begin)()) {
  const bool writers = begin == &Connection::begin_write && backend_->one_writer() && held_turn == &writer_;
  auto take = [&] { return writers ? acquire_for_writer() : acquire(); };
  Lease lease = take();
  try {
    ((*lease).*begin)();
    return lease;
  } catch (const TimedOut&) {
    throw;  // a server that does not answer would not answer a new connection either
  } catch (const std::exception& e) {
    if (!lease->broken()) throw;
    spdlog::warn("database connection lost ({}); connecting again", e.what());
  }
  lease.reset();  // dropped, being broken
  {
    std::lock_guard lock(mutex_);
    idle_.clear();
  }
  Lease fresh = take();
  ((*fresh).*begin)();
  return fresh;
}

void Store::release(Connection* c) {
  std::unique_ptr<Connection> gone(c->broken() ? c : nullptr);
  std::lock_guard lock(mutex_);
  if (lent_ > 0) --lent_;
  if (!gone) idle_.emplace_back(c);
  returned_.notify_one();
}

std::vector<std::string> Store::tables() {
  Lease lease = acquire();
  return backend_->table_names(*lease);
}

void Store::limit(std::size_t max_connections, std::chrono::milliseconds wait,
                  std::chrono::milliseconds query_timeout) {
  backend_->set_query_timeout(query_timeout);
  std::lock_guard lock(mutex_);
  max_connections_ = max_connections;
  pool_wait_ = wait;
  idle_.clear();  // connections made before the timeout was set
}

namespace {

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

constexpr std::string_view kHealthProbe =
    "INSERT INTO instance_settings (key, value) VALUES ('health_probe', ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";

}  // namespace

void Store::unavailable(const Unavailable& e, bool writes) {
  refused_.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(outage_mutex_);
  int was = outage_.load();
  int now = std::max(was, writes ? int{writes_fail} : int{all_fail});
  outage_ = now;
  if (was != none) return;
  out_since_ = steady_ms();
  spdlog::error("database unavailable{}: {} (logged once; its end is logged too)", writes ? " for writes" : "",
                e.what());
}

void Store::back_again() {
  std::lock_guard lock(outage_mutex_);
  if (outage_.exchange(none) == none) return;
  spdlog::info("database available again after {:.1f} s; {} transactions failed meanwhile",
               static_cast<double>(steady_ms() - out_since_) / 1000, refused_.exchange(0));
}

Store::Health Store::health() {
  std::lock_guard lock(health_mutex_);
  std::int64_t now = steady_ms();
  if (health_checked_ != 0 && now - health_checked_ < 1000) return health_;
  Health h;
  try {
    h.reads = read([](ReadTx& tx) { return tx.count("SELECT 1") == 1; });
    bookkeeping([&](BookkeepingTx& tx) { return tx.exec(kHealthProbe, {std::to_string(clock_.now())}); });
    h.writes = true;
  } catch (const std::exception&) {  // Unavailable is logged by the transaction; anything else is a failure too
  }
  h.free_bytes = backend_->free_bytes();
  if (h.free_bytes && *h.free_bytes < kFullBelowBytes) h.writes = false;
  health_checked_ = now;
  health_ = h;
  return h;
}

void Store::bump(std::string_view changed) {
  // What cannot be read as a list of agency ids counts as every agency's change.
  std::vector<std::int64_t> ids;
  bool every = changed.empty() || changed == "*";
  for (std::string_view rest = changed; !every && !rest.empty();) {
    std::size_t comma = rest.find(',');
    std::string_view part = rest.substr(0, comma);
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
    if (ec != std::errc() || end != part.data() + part.size() || id <= 0) every = true;
    ids.push_back(id);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  if (every) {
    every_.fetch_add(1, std::memory_order_acq_rel);
  } else {
    for (std::int64_t id : ids) slots_[slot(id)].fetch_add(1, std::memory_order_acq_rel);
  }
}

namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version BIGINT NOT NULL, "
    "name TEXT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (module, version))";
constexpr std::string_view kAppliedMigrations = "SELECT module, version FROM schema_migrations";
constexpr std::string_view kIsApplied = "SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?";
constexpr std::string_view kRecordMigration =
    "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kRenameMigration =
    "UPDATE schema_migrations SET module = ?, version = ?, name = ? WHERE module = ? AND version = ?";

}  // namespace

Result<int> Store::migrate(const std::vector<Migration>& migrations) {
  // Each step in a write transaction that holds the schema lock: nodes started together on a
  // new or upgraded database wait for each other, and a migration that another node applied
  // meanwhile is seen as applied.
  auto locked = [&](auto&& step) {
    Lease lease = start(&Connection::begin_write);
    Finish finish{lease.get()};
    lease->lock_schema();
    auto result = step(*lease);
    finish.commit();
    return result;
  };
  try {
    locked([](Connection& c) { return c.query(kCreateMigrationsTable, {}); });
  } catch (const std::exception& e) {
    return fail(Error::make(ErrorKind::internal, "error.migration", std::string("schema_migrations: ") + e.what()));
  }
  // Without the lock first: at most starts everything is applied already.
  auto applied = read([](ReadTx& tx) { return tx.query(kAppliedMigrations); });
  auto holds = [&](const std::string& module, int version) {
    return std::any_of(applied.begin(), applied.end(),
                       [&](const Row& r) { return r.text("module") == module && r.integer("version") == version; });
  };
  auto is_applied = [&](const Migration& m) { return holds(m.module, m.version); };
  // Migrations that moved to another module: the database's record takes the new name, once.
  bool renamed = false;
  for (const Migration& m : migrations) {
    if (m.replaces_module.empty() || is_applied(m) || !holds(m.replaces_module, m.replaces_version)) continue;
    try {
      locked([&](Connection& c) {
        if (c.query(kIsApplied, {m.module, std::int64_t{m.version}}).empty())
          c.query(kRenameMigration,
                  {m.module, std::int64_t{m.version}, m.name, m.replaces_module, std::int64_t{m.replaces_version}});
        return 0;
      });
    } catch (const std::exception& e) {
      return fail(Error::make(ErrorKind::internal, "error.migration",
                              "migration " + m.module + "/" + m.name + " (renaming): " + e.what()));
    }
    spdlog::info("migration {} {} is now {}/{}", m.replaces_module, m.replaces_version, m.module, m.name);
    renamed = true;
  }
  if (renamed) applied = read([](ReadTx& tx) { return tx.query(kAppliedMigrations); });
  int count = 0;
  for (const Migration& m : migrations) {
    if (is_applied(m)) continue;
    try {
      bool applied_here = locked([&](Connection& c) {
        if (!c.query(kIsApplied, {m.module, std::int64_t{m.version}}).empty()) return false;
        c.exec_script(backend_->translate_ddl(m.sql));
        c.query(kRecordMigration, {m.module, std::int64_t{m.version}, m.name, clock_.now()});
        return true;
      });
      if (!applied_here) continue;
    } catch (const std::exception& e) {
      return fail(Error::make(ErrorKind::internal, "error.migration",
                              "migration " + m.module + "/" + m.name + " failed: " + e.what()));
    }
    spdlog::info("applied migration {}/{}", m.module, m.name);
    ++count;
  }
  try {  // the backend's own search index, once search_docs exists
    locked([&](Connection& c) {
      backend_->prepare_search(c);
      return 0;
    });
  } catch (const std::exception& e) {
    return fail(Error::make(ErrorKind::internal, "error.migration", std::string("search index: ") + e.what()));
  }
  return count;
}

void Store::apply_schema(std::string_view ddl) {
  Lease lease = start(&Connection::begin_write);
  Finish finish{lease.get()};
  lease->exec_script(backend_->translate_ddl(ddl));
  finish.commit();
}

namespace {

// Table and column names come from the source database's own catalogue; they are still checked
// before they are spliced into a statement.
bool plain_identifier(const std::string& s) { return s.size() < 64 && text::is_snake_name(s); }

}  // namespace

Result<std::vector<std::pair<std::string, std::int64_t>>> Store::copy_all_to(Store& target) {
  using Report = std::vector<std::pair<std::string, std::int64_t>>;
  Lease from = acquire();
  Lease to = target.acquire();
  std::vector<std::string> tables = backend_->table_names(*from);
  std::vector<std::string> target_tables = target.backend_->table_names(*to);
  for (const std::string& t : tables) {
    if (!plain_identifier(t))
      return fail(Error::make(ErrorKind::invalid, "error.migrate_store", "odd table name " + t));
    if (std::find(target_tables.begin(), target_tables.end(), t) == target_tables.end()) {
      return fail(Error::make(ErrorKind::invalid, "error.migrate_store", "the target has no table " + t));
    }
  }
  try {
    from->begin_read();
    Finish read_done{from.get()};
    to->begin_write();
    Finish write_done{to.get()};
    Report report;
    for (const std::string& t : tables) {
      if (t == "schema_migrations") continue;  // the target's own migrations made the same rows
      if (to->query("SELECT COUNT(*) FROM " + t, {}).front().single_integer() != 0) {
        return fail(
            Error::make(ErrorKind::conflict, "error.migrate_store", "the target's table " + t + " is not empty"));
      }
      // Row by row: a table of files is never held whole.
      std::string insert;
      std::int64_t copied = 0;
      from->query_each("SELECT * FROM " + t, {}, [&](const Row& r) {
        if (insert.empty()) {
          std::string names, marks;
          for (std::size_t i = 0; i < r.size(); ++i) {
            const std::string& c = r.column_name(i);
            if (!plain_identifier(c)) throw std::runtime_error("odd column " + c + " in " + t);
            names += (i ? ", " : "") + c;
            marks += i ? ", ?" : "?";
          }
          insert = "INSERT INTO " + t + " (" + names + ") VALUES (" + marks + ")";
        }
        Params p;
        for (std::size_t i = 0; i < r.size(); ++i) {
          const Value& v = r.value(i);
          if (const Blob* b = std::get_if<Blob>(&v))
            p.push_back(BlobView{b->bytes});  // bound from the row, not copied
          else
            p.push_back(v);
        }
        to->query(insert, p);
        ++copied;
      });
      target.backend_->after_copy(*to, t);
      report.emplace_back(t, copied);
    }
    write_done.commit();
    read_done.commit();
    return report;
  } catch (const std::exception& e) {
    return fail(Error::make(ErrorKind::internal, "error.migrate_store", e.what()));
  }
}

Result<void> Store::backup_to(const std::string& path) {
  try {
    Lease lease = acquire();
    if (!backend_->backup_to(*lease, path)) {
      return fail(Error::make(ErrorKind::unavailable, "error.backup", "use pg_dump for a PostgreSQL database"));
    }
    return ok();
  } catch (const std::exception& e) {
    return fail(Error::make(ErrorKind::internal, "error.backup", e.what()));
  }
}

std::vector<Migration> embedded_migrations(const std::vector<std::string>& modules) {
  std::vector<Migration> out;
  for (const std::string& module : modules) {
    std::string prefix = "migrations/" + module + "/migrations/";
    for (const embedded::File& f : embedded::list(prefix)) {
      std::string name(f.name.substr(prefix.size()));
      if (name.find('/') != std::string::npos || name.size() < 6) continue;
      int version = 0;
      std::from_chars(name.data(), name.data() + 4, version);
      assert(version > 0 && "migration files are named NNNN_what.sql");
      Migration m{module, version, name, std::string(f.data)};
      constexpr std::string_view kReplaces = "-- replaces: ";
      if (m.sql.starts_with(kReplaces)) {
        std::string_view line = std::string_view(m.sql).substr(kReplaces.size());
        line = line.substr(0, line.find('\n'));
        std::size_t space = line.find(' ');
        assert(space != std::string_view::npos && "-- replaces: <module> <version>");
        m.replaces_module = std::string(line.substr(0, space));
        std::from_chars(line.data() + space + 1, line.data() + line.size(), m.replaces_version);
        assert(m.replaces_version > 0);
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace prongsai::store
