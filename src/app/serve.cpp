// The serve command: pipeline hooks, server, and a clean store close at the end.
#include "app/serve.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include <unistd.h>

#include "core/clock.hpp"
#include "core/thai_calendar.hpp"
#include "http/server.hpp"
#include "http/spool.hpp"
#include "mail/mail.hpp"
#include "store/jobs.hpp"
#include "store/node_runs.hpp"

namespace prongsai::app {

http::EdgeHooks edge_hooks(App& app) {
  const web::Identity& identity = app.get<web::Identity>();
  return http::EdgeHooks{
      identity.agency_for_host,
      identity.known_agency_for_host,
      identity.resolve_session,
      [&app](const http::Request& req, const Error& e) { return app.pages().error(req, e); },
      [&app](std::int64_t agency_id) { return app.store().generation(agency_id); },
  };
}

namespace {

std::string host_name() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) return "localhost";
  return host;
}

// Work off the request path: App::tick every 30 seconds.
std::jthread run_background(App& app, std::string node) {
  spdlog::info("node {}", node);
  if (app.options().mail.enabled())
    spdlog::info("e-mail through {} (STARTTLS {})", app.options().mail.url,
                 app.options().mail.starttls ? "required" : "off");
  else
    spdlog::info("e-mail off (no --smtp-url)");
  return std::jthread([&app, node = std::move(node)](std::stop_token stop) {
    store::Jobs jobs(app.store(), node);
    std::mutex m;
    std::condition_variable_any wake;
    std::unique_lock lock(m);
    while (!stop.stop_requested()) {
      app.tick(jobs, Clock::system().now());
      wake.wait_for(lock, stop, std::chrono::seconds(30), [] { return false; });
    }
  });
}

}  // namespace

int serve(App& app, const ServeOptions& options) {
  auto colon = options.listen.rfind(':');
  std::uint16_t port = 0;
  std::string host = colon == std::string::npos ? options.listen : options.listen.substr(0, colon);
  std::string port_text = colon == std::string::npos ? "" : options.listen.substr(colon + 1);
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || p != port_text.data() + port_text.size()) {
    spdlog::error("--listen takes HOST:PORT, e.g. 127.0.0.1:8080");
    return 2;
  }
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  app.mount_routes();
  const http::Limits& l = app.limits();
  spdlog::info(
      "limits: header {}B, body {}B, header_read {}s, body_read {}s (whole body {}s), write {}s, idle {}s, "
      "max_connections {} ({} per address, {} of them sending headers); bodies over {}B spooled to {}; "
      "page cache {}B",
      l.header_bytes, l.body_bytes, l.header_read.count(), l.body_read.count(), l.body_total.count(), l.write.count(),
      l.idle.count(), l.max_connections, l.max_connections_per_address, l.max_unfinished_per_address, l.spool_bytes,
      l.spool_dir, l.page_cache_bytes);
  if (std::string why; !http::Spool::open(l.spool_dir, why)) {  // refuse to start rather than fail every upload
    spdlog::error("{}", why);
    return 1;
  }
  http::Pipeline pipeline(app.router(), l, edge_hooks(app), app.csrf_key(),
                          http::CookieOptions{app.options().secure_cookies, http::SameSite::lax, -1});
  pipeline.trust_proxies(options.trusted_proxies);
  pipeline.reads_on_workers(app.store().backend_name() == "postgresql");
  http::Server server(pipeline, l, options.workers);
  server.spare(options.trusted_proxies);
  auto bound = server.listen(host, port);
  if (!bound) {
    spdlog::error("{}", bound.error().detail);
    return 1;
  }
  // Every thread that may hold a connection at once (I/O threads, workers, the background
  // loop) and some room; a request waits for one no longer than pool_wait.
  app.store().limit(options.io_threads + options.workers + 4, options.pool_wait, options.db_timeout);
  // This node's last run: a run that never recorded its stop was killed or crashed.
  std::string node = options.node_name.empty() ? host_name() + ":" + std::to_string(*bound) : options.node_name;
  if (auto previous = store::node_started(app.store(), node, ::getpid()))
    spdlog::warn(
        "the previous run of this node ({}, process {} started {}) ended without shutting down: it was killed or "
        "crashed; a fatal signal, if any, is logged before its end (systemd: journalctl -u prongsai)",
        node, previous->pid, calendar::format_time(previous->started_at, Lang::en));
  if (!options.port_file.empty()) {
    // Whole or not at all: whoever waits for the file must never read it half-written.
    std::string partial = options.port_file + ".partial";
    std::ofstream(partial) << *bound << "\n";
    std::error_code ec;
    std::filesystem::rename(partial, options.port_file, ec);
    if (ec) spdlog::error("cannot write the port file {}: {}", options.port_file, ec.message());
  }
  spdlog::info("serving http://{}:{}/ ({} database, {} I/O threads, {} workers)", host, *bound,
               app.store().backend_name(), options.io_threads, options.workers);
  std::jthread background =
      run_background(app, options.node_name.empty() ? store::Jobs::default_node_name() : options.node_name);
  server.run(options.io_threads);
  // What the page cache held at the end, against its bound: for sizing --page-cache-mb.
  http::Pipeline::CacheStats cache = pipeline.cache_stats();
  spdlog::info("page cache at the stop: {} pages, {} KB of {} KB, {} let go to stay under it", cache.pages,
               cache.bytes >> 10, l.page_cache_bytes >> 10, cache.evictions);
  background.request_stop();
  background.join();
  try {
    store::node_stopped(app.store(), node, ::getpid());
  } catch (const std::exception& e) {
    spdlog::warn("could not record this node's stop: {}", e.what());
  }
  app.store().close();
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace prongsai::app
