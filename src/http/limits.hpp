// Every knob of the HTTP edge, in one place: defaults here, overrides from the command line,
// the values in force logged at start. No literal size or timeout elsewhere in src/http.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace prongsai::http {

struct Limits {
  std::size_t header_bytes = 8 * 1024;  // request line + headers → 431 beyond
  std::size_t body_bytes = 1 << 20;     // default body limit → 413; upload routes raise theirs
  std::size_t form_fields = 200;        // fields in one urlencoded or multipart body
  std::size_t multipart_parts = 50;
  std::chrono::seconds header_read{10};  // a slow client cannot hold a connection
  std::chrono::seconds body_read{30};    // the body may stall this long between reads
  std::chrono::seconds body_total{600};  // and must be in within this (a 20 MB upload on 3G)
  // Bodies larger than this (or of unknown length) go to an unnamed file in spool_dir as they
  // arrive, not into memory (http/spool.hpp). /var/tmp: on disk, where /tmp may be RAM.
  std::size_t spool_bytes = 256 * 1024;
  std::string spool_dir = "/var/tmp";
  std::chrono::seconds write{30};
  std::chrono::seconds idle{60};            // keep-alive wait for the next request
  std::chrono::seconds shutdown_grace{10};  // in-flight requests get this long on SIGTERM
  // After refusing a request whose body was not read, keep reading (and dropping) this long
  // before closing, so the client's unsent bytes do not make the kernel reset the connection
  // and lose the refusal it was sent.
  std::chrono::seconds lingering_close{2};
  std::size_t lingering_bytes = 4 << 20;
  // Connections: beyond max_connections a new one takes the place of the longest-idle keep-alive
  // connection, or is closed at once when none is idle. One client address (an IPv6 /64) holds
  // at most max_connections_per_address (its own idle ones make room as above), and at most
  // max_unfinished_per_address whose headers are still coming: one address holding a thousand
  // silent sockets keeps nobody else out. Trusted proxies (--trusted-proxy) are spared; nginx
  // in front counts per client (deploy/nginx-prongsai.conf).
  unsigned max_connections = 1024;
  unsigned max_connections_per_address = 256;
  unsigned max_unfinished_per_address = 32;
  std::chrono::seconds session_idle{2 * 3600};       // a signed-in session dies after this quiet time
  std::chrono::seconds session_absolute{12 * 3600};  // and after this long in any case
  // Rendered public pages kept in memory, their bodies, headers and keys counted; past it the
  // pages least recently served go first (serve --page-cache-mb).
  std::size_t page_cache_bytes = 32 << 20;
};

}  // namespace prongsai::http
