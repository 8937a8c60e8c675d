// Listener and per-connection session coroutines (after Boost.Beast's
// example/http/server/awaitable and advanced_server_flex_awaitable).
//
// Each step of a request arms the stream's timer with that step's limit: the wait for the
// first byte (header_read on a new connection, idle on keep-alive), the rest of the header
// (header_read), the body (body_read), the response (write). Beast closes on a parse error
// without answering, so the session answers 400, 413 or 431 first.
#include "http/server.hpp"

#include "http/spool.hpp"

#include "core/durability.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <ctime>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

namespace prongsai::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

// What one client address (an IPv4 address, or an IPv6 /64: one subscriber's network) holds.
struct Peer {
  std::atomic<unsigned> open{0};
  std::atomic<unsigned> unfinished{0};  // connections whose request headers are not all in yet
};

enum class Phase : std::uint8_t {
  headers,  // a new connection, or a keep-alive one whose next request has begun: headers coming
  busy,     // a request is being read, handled or answered
  idle,     // keep-alive, waiting for the next request: the first to go when the server is full
};

struct Connection {
  Connection(tcp::socket s, std::shared_ptr<Peer> p, std::string key)
      : stream(std::move(s)), peer(std::move(p)), peer_key(std::move(key)) {}
  beast::tcp_stream stream;
  std::shared_ptr<Peer> peer;  // null for a trusted proxy, which the per-address caps spare
  std::string peer_key;
  std::atomic<Phase> phase{Phase::headers};
  std::atomic<std::int64_t> idle_since{0};  // steady clock ticks, while idle
  std::atomic<bool> evicted{false};         // told to close to make room

  // Moves to `next`, keeping the peer's count of unfinished headers in step.
  void enter(Phase next) {
    Phase was = phase.exchange(next);
    if (!peer || was == next) return;
    if (next == Phase::headers) peer->unfinished.fetch_add(1);
    if (was == Phase::headers) peer->unfinished.fetch_sub(1);
    if (next == Phase::idle) idle_since = std::chrono::steady_clock::now().time_since_epoch().count();
  }
};

// Until the commits `u` names are on disk: true, or false when the flush failed. The
// connection's thread goes on with its other connections meanwhile. The wait is a timer's, so
// that its context keeps running (a stopping server waits for it too); the flush's thread only
// posts to the context, which then ends the wait on its own thread.
awaitable<bool> flushed(Unsynced u) {
  auto timer =
      std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor, asio::steady_timer::time_point::max());
  auto ok = std::make_shared<bool>(false);
  u.log->when_durable(u.seq, [timer, ok](bool done) {
    asio::post(timer->get_executor(), [timer, ok, done] {
      *ok = done;
      timer->cancel();
    });
  });
  co_await timer->async_wait(use_tuple);
  co_return *ok;
}

// What the log says of a failed request: its route's pattern, never the path (which may hold
// a secret: an iCal feed's, a survey's token).
std::string_view log_path(const Plan& plan) {
  const Route* r = plan.match.route;
  return r ? std::string_view(r->pattern) : std::string_view("(no route)");
}

// "Date: Mon, 07 Dec 2026 14:30:00 GMT\r\n", made once a second per thread.
std::string_view date_line() {
  thread_local std::time_t last = 0;
  thread_local char buf[64];
  thread_local std::size_t length = 0;
  std::time_t now = std::time(nullptr);
  if (now != last) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    length = std::strftime(buf, sizeof buf, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
    last = now;
  }
  return {buf, length};
}

std::string_view http_date() {
  std::string_view line = date_line();
  return line.substr(6, line.size() - 8);  // without "Date: " and the CRLF
}

bool is_disconnect(const boost::system::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::operation_aborted || ec == beast::error::timeout || ec == asio::error::broken_pipe ||
         ec == asio::error::bad_descriptor;
}

}  // namespace

struct Server::Impl {
  Impl(Pipeline& p, const Limits& l, unsigned workers)
      : pipeline(p),
        limits(l),
        pool(workers),
        acceptor(io),
        signals(io, SIGINT, SIGTERM),
        stop_strand(asio::make_strand(io)),
        grace(stop_strand) {}

  Pipeline& pipeline;
  Limits limits;
  std::string keep_alive_header = "timeout=" + std::to_string(limits.idle.count());
  // How a ready response's header ends (Response::ready), as Beast would end the others'.
  std::string keep_alive_end = "Keep-Alive: " + keep_alive_header + "\r\n\r\n";
  std::string close_end = "Connection: close\r\n\r\n";
  // One io_context per I/O thread, each run by that thread alone (concurrency hint 1): a
  // connection lives on one context, so nothing is shared and no thread wakes another. A
  // single context run by two threads served a cached page ~25 % slower on two cores.
  // `io` is the first; it also holds the acceptor, the signals and the shutdown timer.
  asio::io_context io{1};
  std::vector<std::unique_ptr<asio::io_context>> more_io;
  std::size_t next_io = 0;  // round-robin, touched by the accept loop only
  asio::thread_pool pool;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::strand<asio::io_context::executor_type> stop_strand;
  asio::steady_timer grace;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::set<std::shared_ptr<Connection>> connections;
  std::unordered_map<std::string, std::shared_ptr<Peer>> peers;  // addresses with a connection open
  std::vector<std::string> exempt;                               // trusted proxies: no per-address cap
  std::atomic<std::int64_t> last_refusal_log{0};

  // Under `mutex`: room for a new connection from `peer`, closing an idle keep-alive connection
  // (the peer's own when it is at its cap, anyone's when the server is at its cap) to make it.
  // False when there is no room: the new connection is closed.
  bool make_room(const std::shared_ptr<Peer>& peer);
  bool evict_idle(const std::shared_ptr<Peer>& of);  // of: that peer's connections only (null: any)

  awaitable<void> accept_loop();
  awaitable<void> session(std::shared_ptr<Connection> conn);
  awaitable<bool> write(Connection& conn, Response res, bool head, bool keep_alive);
  awaitable<void> drain(Connection& conn);  // the lingering close after a refused body
  struct Body {
    bool ok = false;
    bool unread = false;  // refused before the client finished sending
    std::string memory;
    std::shared_ptr<const Spool> spooled;
  };
  awaitable<Body> read_body(Connection& conn, beast::flat_buffer& buffer,
                            bhttp::request_parser<bhttp::buffer_body>& parser, boost::optional<std::uint64_t> declared,
                            const Route* route);
  Response dispatch(Request& req, const Plan& plan, Unsynced& unsynced);
  Response answer(Request& req, const Plan& plan);
  void begin_stop();
  void forget(const std::shared_ptr<Connection>& conn);
};

awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    asio::io_context& ctx = next_io == 0 ? io : *more_io[next_io - 1];
    next_io = (next_io + 1) % (more_io.size() + 1);
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ctx), use_tuple);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    std::shared_ptr<Connection> conn;
    {
      boost::system::error_code ec2;
      auto ep = socket.remote_endpoint(ec2);
      if (ec2) continue;                           // already gone
      std::string key = client_key(ep.address());  // the address, or an IPv6 address's /64
      bool spared = std::find(exempt.begin(), exempt.end(), ep.address().to_string()) != exempt.end();
      std::lock_guard lock(mutex);
      std::shared_ptr<Peer> peer;
      if (!spared) {
        auto& p = peers[key];
        if (!p) p = std::make_shared<Peer>();
        peer = p;
      }
      if (!make_room(peer)) {
        if (peer && peer->open == 0) peers.erase(key);
        continue;  // the socket closes here
      }
      conn = std::make_shared<Connection>(std::move(socket), peer, key);
      if (peer) {
        peer->open.fetch_add(1);
        peer->unfinished.fetch_add(1);  // Phase::headers
      }
      connections.insert(conn);
    }
    asio::co_spawn(conn->stream.get_executor(), session(conn), [this, conn](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          spdlog::error("connection ended by an exception: {}", ex.what());
        }
      }
      forget(conn);
    });
  }
}

bool Server::Impl::make_room(const std::shared_ptr<Peer>& peer) {
  const char* full = nullptr;
  if (peer && peer->unfinished >= limits.max_unfinished_per_address)
    full = "one address has max_unfinished_per_address connections still sending their headers";
  else if (peer && peer->open >= limits.max_connections_per_address && !evict_idle(peer))
    full = "one address holds max_connections_per_address, none of them idle";
  else if (connections.size() >= limits.max_connections && !evict_idle(nullptr))
    full = "the server holds max_connections, none of them idle";
  if (!full) return true;
  // Once a second at most: a flood of connections must not become a flood of log lines.
  std::int64_t now = std::time(nullptr);
  if (last_refusal_log.exchange(now) != now) spdlog::warn("refusing new connections: {}", full);
  return false;
}

bool Server::Impl::evict_idle(const std::shared_ptr<Peer>& of) {
  std::shared_ptr<Connection> oldest;
  for (const auto& c : connections) {
    if (c->phase != Phase::idle || c->evicted || (of && c->peer != of)) continue;
    if (!oldest || c->idle_since < oldest->idle_since) oldest = c;
  }
  if (!oldest) return false;
  oldest->evicted = true;
  asio::post(oldest->stream.get_executor(), [oldest] {
    if (oldest->phase == Phase::idle) oldest->stream.cancel();  // the session sees operation_aborted and ends
  });
  return true;
}

void Server::Impl::forget(const std::shared_ptr<Connection>& conn) {
  std::lock_guard lock(mutex);
  connections.erase(conn);
  if (conn->peer) {
    if (conn->phase == Phase::headers) conn->peer->unfinished.fetch_sub(1);
    if (conn->peer->open.fetch_sub(1) == 1) peers.erase(conn->peer_key);
  }
  if (stopping && connections.empty()) asio::post(stop_strand, [this] { grace.cancel(); });
}

// The request's writes are not waited for as they commit: the session waits, off this thread,
// for the flush that makes them durable before it sends the answer (core/durability.hpp).
Response Server::Impl::dispatch(Request& req, const Plan& plan, Unsynced& unsynced) {
  DeferDurability deferred;
  Response res = answer(req, plan);
  unsynced = deferred.take();
  return res;
}

Response Server::Impl::answer(Request& req, const Plan& plan) {
  // What a failed request tells the person: for a form, whether what they sent was saved (a
  // write either committed on this thread before the failure, or rolled back whole).
  std::uint64_t commits_before = commits_on_this_thread();
  auto failed = [&](bool database) -> std::string_view {
    if (is_safe(req.method)) return database ? "error.unavailable" : "error.internal";
    return commits_on_this_thread() != commits_before ? "error.saved_then_failed" : "error.not_saved";
  };
  try {
    try {
      return pipeline.handle(req, plan);
    } catch (const Unavailable&) {
      // The store logs the outage once, not once per request.
      return pipeline.refuse(503, failed(true), "database unavailable", true);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: unhandled exception: {}", to_string(req.method), log_path(plan), e.what());
      return pipeline.refuse(500, failed(false), "unhandled exception");
    }
  } catch (const std::exception&) {  // not even a refusal could be made
    return pipeline.unavailable(failed(true));
  }
}

awaitable<bool> Server::Impl::write(Connection& conn, Response res, bool head, bool keep_alive) {
  if (res.ready) {
    // A kept page: its status line and headers as made once, then this request's own lines
    // (the date copied into this frame: the thread's copy changes with the second while a
    // long write is under way), then the body, in one gather write.
    std::array<char, 64> date{};
    std::string_view line = date_line();
    std::copy(line.begin(), line.end(), date.begin());
    const std::array<asio::const_buffer, 4> parts{asio::buffer(res.ready->head), asio::buffer(date.data(), line.size()),
                                                  asio::buffer(keep_alive ? keep_alive_end : close_end),
                                                  head ? asio::const_buffer() : asio::buffer(res.ready->body)};
    conn.stream.expires_after(limits.write);
    auto [ec, n] = co_await asio::async_write(conn.stream, parts, use_tuple);
    co_return !ec;
  }
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), 11};
  out.set(bhttp::field::server, kServerName);
  out.set(bhttp::field::date, http_date());
  for (auto& [name, value] : res.headers) out.insert(name, value);
  std::size_t length = res.body.size();
  out.body() = std::move(res.body);
  out.keep_alive(keep_alive);
  // Tell clients how long an idle connection stays open, so they stop reusing it before the
  // server closes it (a request sent into a closing socket fails: "other side closed").
  if (keep_alive) out.set(bhttp::field::keep_alive, keep_alive_header);
  out.prepare_payload();
  if (head) {
    out.body().clear();
    out.content_length(length);
  }
  conn.stream.expires_after(limits.write);
  auto [ec, n] = co_await bhttp::async_write(conn.stream, out, use_tuple);
  co_return !ec;
}

awaitable<void> Server::Impl::session(std::shared_ptr<Connection> conn) {
  beast::flat_buffer buffer;
  bool unread_body = false;  // the session ends with the client possibly still sending
  std::string remote;
  {
    boost::system::error_code ec;
    auto ep = conn->stream.socket().remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string();
  }
  for (bool first = true;; first = false) {
    if (stopping) break;
    if (!first) conn->enter(buffer.size() == 0 ? Phase::idle : Phase::headers);
    if (buffer.size() == 0) {  // wait for the next request's first bytes
      conn->stream.expires_after(first ? limits.header_read : limits.idle);
      auto [ec, n] = co_await conn->stream.async_read_some(buffer.prepare(limits.header_bytes), use_tuple);
      if (ec) break;
      buffer.commit(n);
      conn->enter(Phase::headers);
    }
    // buffer_body: the body is read in chunks into a buffer of ours and goes on to memory or
    // to a spool file, so an upload never sits whole in the heap.
    bhttp::request_parser<bhttp::buffer_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
    // No body limit while the header is read: Beast would refuse a large Content-Length there
    // as a parse error. The route's limit is set below, before any body octet is parsed.
    parser.body_limit(boost::none);
    conn->stream.expires_after(limits.header_read);
    auto [hec, hn] = co_await bhttp::async_read_header(conn->stream, buffer, parser, use_tuple);
    if (hec) {
      if (is_disconnect(hec)) break;
      if (hec == bhttp::error::body_limit) {
        co_await write(*conn, pipeline.refuse(413, "error.body_too_large", hec.message()), false, false);
        unread_body = true;
        break;
      }
      bool too_long = hec == bhttp::error::header_limit || hec == bhttp::error::buffer_overflow;
      co_await write(*conn,
                     pipeline.refuse(too_long ? 431 : 400, too_long ? "error.header_too_large" : "error.bad_request",
                                     hec.message()),
                     false, false);
      unread_body = true;  // whatever the client sent after the bad header: drained, so it reads the refusal
      break;
    }
    conn->enter(Phase::busy);
    auto& header = parser.get();
    Method method = parse_method(header.method_string());
    Plan plan = pipeline.plan(method, header.target());
    Request req;
    req.method = method;
    req.target = std::string(header.target());
    req.remote_address = remote;
    req.keep_alive = header.keep_alive();
    for (const auto& field : header) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    auto declared = parser.content_length();
    if (!parser.is_done()) {  // a body follows: refused before it is read, unless its route takes it
      std::optional<std::uint64_t> length;
      if (declared) length = *declared;
      if (auto refusal = pipeline.before_body(req, plan, length)) {
        co_await write(*conn, std::move(*refusal), false, false);
        unread_body = true;
        break;
      }
    }
    parser.body_limit(plan.body_limit);
    if (header[bhttp::field::expect] == "100-continue") {
      bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
      conn->stream.expires_after(limits.write);
      co_await bhttp::async_write(conn->stream, go_on, use_tuple);
    }
    if (!parser.is_done()) {
      auto body = co_await read_body(*conn, buffer, parser, declared, plan.match.route);
      if (!body.ok) {
        unread_body = body.unread;
        break;
      }
      req.body = std::move(body.memory);
      req.spooled = std::move(body.spooled);
    }

    Response res;
    Unsynced unsynced;
    std::optional<Response> quick;
    if (!plan.on_worker_pool && pipeline.reads_on_workers()) quick = pipeline.from_cache(req, plan);
    if (quick) {
      res = std::move(*quick);
    } else if (plan.on_worker_pool || pipeline.reads_on_workers()) {
      res = co_await asio::co_spawn(
          pool, [&]() -> awaitable<Response> { co_return dispatch(req, plan, unsynced); }, asio::use_awaitable);
    } else {
      res = dispatch(req, plan, unsynced);
    }
    if (unsynced.log && !co_await flushed(unsynced)) {
      res = pipeline.refuse(503, "error.not_flushed", "the database's log could not be flushed to disk", true,
                            plan.match.route);
    }
    bool keep_alive = req.keep_alive && !stopping;
    if (!co_await write(*conn, std::move(res), method == Method::head, keep_alive) || !keep_alive) break;
  }
  boost::system::error_code ignored;
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (unread_body) co_await drain(*conn);
  conn->stream.close();
}

// Reads the body in chunks: each must come within body_read of the last, the whole within
// body_total. A body of unknown length or over spool_bytes goes to a spool file.
awaitable<Server::Impl::Body> Server::Impl::read_body(Connection& conn, beast::flat_buffer& buffer,
                                                      bhttp::request_parser<bhttp::buffer_body>& parser,
                                                      boost::optional<std::uint64_t> declared, const Route* route) {
  constexpr std::size_t kChunk = 64 * 1024;
  Body out;
  std::unique_ptr<Spool> spool;
  std::string why;
  if (!declared || *declared > limits.spool_bytes) {
    spool = Spool::open(limits.spool_dir, why);
    if (!spool) {
      spdlog::error("{}", why);
      co_await write(conn, pipeline.refuse(503, "error.not_saved", why), false, false);
      out.unread = true;
      co_return out;
    }
  } else {
    out.memory.reserve(static_cast<std::size_t>(*declared));
  }
  // A body kept in memory is read in pieces of at most its declared size, never zeroed: a
  // survey's answers are half a kilobyte, and 64 KB zeroed for each (make_unique's
  // value-initialisation) were a tenth of a survey submission's samples in perf (memset and
  // the fresh pages it touched).
  const std::size_t chunk_size =
      spool ? kChunk : std::clamp<std::size_t>(static_cast<std::size_t>(*declared), 1, kChunk);
  auto chunk = std::make_unique_for_overwrite<char[]>(chunk_size);
  auto deadline = std::chrono::steady_clock::now() + limits.body_total;
  while (!parser.is_done()) {
    parser.get().body().data = chunk.get();
    parser.get().body().size = chunk_size;
    auto left = std::chrono::duration_cast<std::chrono::steady_clock::duration>(limits.body_read);
    left = std::min(left, deadline - std::chrono::steady_clock::now());
    conn.stream.expires_after(left);
    auto [ec, n] = co_await bhttp::async_read(conn.stream, buffer, parser, use_tuple);
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec) {
      if (ec == bhttp::error::body_limit) {
        co_await write(conn, pipeline.refuse(413, "error.body_too_large", "body over the limit", false, route), false,
                       false);
        out.unread = true;
      } else if (!is_disconnect(ec)) {
        co_await write(conn, pipeline.refuse(400, "error.bad_request", ec.message(), false, route), false, false);
      }
      co_return out;
    }
    std::size_t got = chunk_size - parser.get().body().size;
    if (!spool) {
      out.memory.append(chunk.get(), got);
    } else if (!spool->write(chunk.get(), got, why)) {
      spdlog::error("{}", why);
      co_await write(conn, pipeline.refuse(503, "error.not_saved", why), false, false);
      out.unread = !parser.is_done();
      co_return out;
    }
  }
  if (spool && !spool->finish(why)) {
    spdlog::error("{}", why);
    co_await write(conn, pipeline.refuse(503, "error.not_saved", why), false, false);
    co_return out;
  }
  out.spooled = std::move(spool);
  out.ok = true;
  co_return out;
}

awaitable<void> Server::Impl::drain(Connection& conn) {
  conn.stream.expires_after(limits.lingering_close);
  std::array<char, 16 * 1024> discard;
  for (std::size_t total = 0; total < limits.lingering_bytes;) {
    auto [ec, n] = co_await conn.stream.async_read_some(asio::buffer(discard), use_tuple);
    if (ec) break;
    total += n;
  }
}

void Server::Impl::begin_stop() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: finishing requests in flight (at most {}s)", limits.shutdown_grace.count());
  asio::post(io, [this] {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
  });
  std::vector<std::shared_ptr<Connection>> idle;
  {
    std::lock_guard lock(mutex);
    idle.assign(connections.begin(), connections.end());
  }
  for (auto& conn : idle) {
    asio::post(conn->stream.get_executor(), [conn] {
      if (conn->phase != Phase::busy) conn->stream.cancel();  // the session sees operation_aborted and ends
    });
  }
  asio::post(stop_strand, [this] {
    bool none;
    {
      std::lock_guard lock(mutex);
      none = connections.empty();
    }
    if (none) return;
    grace.expires_after(limits.shutdown_grace);
    grace.async_wait([this](boost::system::error_code ec) {
      if (!ec) {
        spdlog::warn("shutdown grace period over: closing remaining connections");
        io.stop();
      }
    });
  });
}

Server::Server(Pipeline& pipeline, const Limits& limits, unsigned workers)
    : impl_(std::make_unique<Impl>(pipeline, limits, workers)) {}

Server::~Server() { impl_->pool.join(); }

void Server::spare(std::vector<std::string> addresses) { impl_->exempt = std::move(addresses); }

Result<std::uint16_t> Server::listen(const std::string& host, std::uint16_t port) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return fail(Error::make(ErrorKind::bad_request, "error.listen", "not an IP address: " + host));
  tcp::endpoint endpoint(address, port);
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return fail(Error::make(ErrorKind::unavailable, "error.listen",
                            "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message()));
  return a.local_endpoint().port();
}

void Server::run(unsigned io_threads) {
  Impl& s = *impl_;
  s.signals.async_wait([&s](boost::system::error_code ec, int) {
    if (!ec) s.begin_stop();
  });
  asio::co_spawn(s.io, s.accept_loop(), [](std::exception_ptr e) {
    if (e) {
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        spdlog::error("listener stopped by an exception: {}", ex.what());
      }
    }
  });
  std::vector<std::thread> threads;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep;
  for (unsigned i = 1; i < io_threads; ++i) {
    s.more_io.push_back(std::make_unique<asio::io_context>(1));
    keep.push_back(asio::make_work_guard(*s.more_io.back()));
  }
  for (auto& ctx : s.more_io) threads.emplace_back([&ctx] { ctx->run(); });
  // `io` runs until the listener is closed and every connection has ended (or the grace
  // period is over); the other contexts then have nothing left, or are stopped.
  s.io.run();
  keep.clear();
  for (auto& ctx : s.more_io) ctx->stop();
  for (auto& t : threads) t.join();
  s.pool.wait();
  s.pipeline.flush_log();
  spdlog::info("server stopped");
}

void Server::stop() { impl_->begin_stop(); }

}  // namespace prongsai::http
