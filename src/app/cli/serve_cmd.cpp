// `prongsai serve`: the web application, with the limits an operator may set.
#include "app/cli/cli.hpp"
#include "app/serve.hpp"

namespace prongsai::cli {

void add_serve(Cli& cli) {
  struct Serve {
    app::ServeOptions options;
    std::size_t max_upload_mb = 20;
    long db_timeout = -1, header_timeout = -1, body_timeout = -1, body_deadline = -1, idle_timeout = -1,
         shutdown_grace = -1;
    std::size_t max_body = 0, max_header = 0, spool_over_kb = 0, page_cache_mb = 0;
    std::string spool_dir;
    unsigned max_connections = 0, max_per_address = 0, max_unfinished = 0;
  };
  auto s = std::make_shared<Serve>();
  CLI::App* serve = cli.command(cli.root(), "serve", "cli.help.serve");
  cli.option(serve, "--listen", s->options.listen, "cli.help.serve.listen")->capture_default_str();
  cli.option(serve, "--io-threads", s->options.io_threads, "cli.help.serve.io_threads")->capture_default_str();
  cli.option(serve, "--workers", s->options.workers, "cli.help.serve.workers")->capture_default_str();
  cli.option(serve, "--port-file", s->options.port_file, "cli.help.serve.port_file");
  cli.flag(serve, "--secure-cookies", cli.options().secure_cookies, "cli.help.serve.secure_cookies");
  cli.option(serve, "--max-upload-mb", s->max_upload_mb, "cli.help.serve.max_upload_mb")->check(CLI::Range(1, 500));
  cli.option(serve, "--node-name", s->options.node_name, "cli.help.serve.node_name");
  cli.option(serve, "--db-timeout", s->db_timeout, "cli.help.serve.db_timeout");
  cli.option(serve, "--trusted-proxy", s->options.trusted_proxies, "cli.help.serve.trusted_proxy");
  // Overrides of http::Limits; the values in force are logged at start.
  cli.option(serve, "--header-timeout", s->header_timeout, "cli.help.serve.header_timeout");
  cli.option(serve, "--body-timeout", s->body_timeout, "cli.help.serve.body_timeout");
  cli.option(serve, "--body-deadline", s->body_deadline, "cli.help.serve.body_deadline");
  cli.option(serve, "--spool-over-kb", s->spool_over_kb, "cli.help.serve.spool_over_kb");
  cli.option(serve, "--spool-dir", s->spool_dir, "cli.help.serve.spool_dir")->check(CLI::ExistingDirectory);
  cli.option(serve, "--idle-timeout", s->idle_timeout, "cli.help.serve.idle_timeout");
  cli.option(serve, "--shutdown-grace", s->shutdown_grace, "cli.help.serve.shutdown_grace");
  cli.option(serve, "--max-body", s->max_body, "cli.help.serve.max_body");
  cli.option(serve, "--max-header", s->max_header, "cli.help.serve.max_header");
  cli.option(serve, "--max-connections", s->max_connections, "cli.help.serve.max_connections");
  cli.option(serve, "--max-connections-per-address", s->max_per_address, "cli.help.serve.max_per_address");
  cli.option(serve, "--max-unfinished-per-address", s->max_unfinished, "cli.help.serve.max_unfinished");
  cli.option(serve, "--page-cache-mb", s->page_cache_mb, "cli.help.serve.page_cache_mb")->check(CLI::Range(1, 65536));

  cli.on(serve, [&cli, s] {
    if (!cli.mail_options()) return 2;
    app::Options& options = cli.options();
    options.max_upload_bytes = s->max_upload_mb << 20;
    // A site whose address is https is served over HTTPS: Secure "__Host-" cookies and HSTS,
    // without a flag to remember.
    if (options.public_url.starts_with("https://")) options.secure_cookies = true;
    auto app = cli.open_or_exit();
    http::Limits& l = app->limits();
    if (s->header_timeout > 0) l.header_read = std::chrono::seconds(s->header_timeout);
    if (s->body_timeout > 0) l.body_read = std::chrono::seconds(s->body_timeout);
    if (s->body_deadline > 0) l.body_total = std::chrono::seconds(s->body_deadline);
    if (!s->spool_dir.empty()) l.spool_dir = s->spool_dir;
    if (s->spool_over_kb > 0) l.spool_bytes = s->spool_over_kb << 10;
    if (s->idle_timeout > 0) l.idle = std::chrono::seconds(s->idle_timeout);
    if (s->shutdown_grace >= 0) l.shutdown_grace = std::chrono::seconds(s->shutdown_grace);
    if (s->max_body > 0) l.body_bytes = s->max_body;
    if (s->max_header > 0) l.header_bytes = s->max_header;
    if (s->max_connections > 0) l.max_connections = s->max_connections;
    if (s->db_timeout > 0) s->options.db_timeout = std::chrono::seconds(s->db_timeout);
    if (s->max_per_address > 0) l.max_connections_per_address = s->max_per_address;
    if (s->max_unfinished > 0) l.max_unfinished_per_address = s->max_unfinished;
    if (s->page_cache_mb > 0) l.page_cache_bytes = s->page_cache_mb << 20;
    return app::serve(*app, s->options);
  });
}

}  // namespace prongsai::cli
