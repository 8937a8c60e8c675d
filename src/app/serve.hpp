// `prongsai serve`: the App behind the HTTP server.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "http/pipeline.hpp"

namespace prongsai::app {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  unsigned io_threads = 2;
  // Threads for what must not run on an I/O thread: writes, documents, password hashing (at most
  // one per core at once: crypto::HashingTurn). Eight, not one per core: a write mostly waits
  // (for the one writer's turn on SQLite, for the database server on PostgreSQL), and citizens'
  // submissions waiting together at the turn go into one transaction (Store::submit), which two
  // workers never let more than two do.
  unsigned workers = 8;
  std::string port_file;                     // where to write the bound port (tests listen on port 0)
  std::vector<std::string> trusted_proxies;  // addresses whose X-Real-IP names the client
  std::string node_name;                     // in the jobs table and the log; default host:pid
  // A database statement is given up after this long (PostgreSQL: and a server that does not
  // answer); a request waits this long at most for a free connection of the pool.
  std::chrono::seconds db_timeout{30};
  std::chrono::seconds pool_wait{5};
};

http::EdgeHooks edge_hooks(App& app);
int serve(App& app, const ServeOptions& options);

}  // namespace prongsai::app
