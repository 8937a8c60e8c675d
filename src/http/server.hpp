// The HTTP/1.1 server: Boost.Beast over Asio with C++20 coroutines. The one file that holds
// Beast (server.cpp); everything it hands on is a plain Request.
//
// Threads: `io_threads` run the sockets, each connection on its own strand; a worker pool of
// `workers` threads runs the handlers whose route says Work::worker_pool (writes, password
// hashing, documents), so a slow handler never stalls an I/O thread.
//
// Shutdown (SIGINT, SIGTERM or stop()): stop accepting, close idle keep-alive connections,
// let requests in flight finish and answer with "Connection: close", and give up after
// Limits::shutdown_grace.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/limits.hpp"
#include "http/pipeline.hpp"

namespace prongsai::http {

class Server {
 public:
  Server(Pipeline& pipeline, const Limits& limits, unsigned workers);
  ~Server();

  // Connections from these addresses (the nginx in front) are spared the per-address caps.
  void spare(std::vector<std::string> addresses);
  // Binds; port 0 picks a free port. Returns the bound port.
  Result<std::uint16_t> listen(const std::string& host, std::uint16_t port);
  // Serves until a signal or stop(); returns once connections are done and workers idle.
  void run(unsigned io_threads);
  void stop();  // from any thread

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prongsai::http
