// A local HTTP server for tests that plays another service's API (LINE's Messaging API): on
// loopback, a free port, one connection at a time. It keeps every request (method, path,
// headers, body) and answers each with the next status of `script` (then 200), with a JSON body.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio.hpp>

namespace prongsai::testing {

struct SeenRequest {
  std::string method, path, body;
  std::map<std::string, std::string> headers;  // names in lower case
};

class HttpSink {
 public:
  HttpSink();
  ~HttpSink();
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<SeenRequest> requests();
  // The statuses the next requests are answered with, in order (then 200 again).
  void script(std::vector<int> statuses);

 private:
  void serve(boost::asio::ip::tcp::socket& socket);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex m_;
  std::vector<SeenRequest> requests_;
  std::deque<int> script_;
  std::thread thread_;
};

}  // namespace prongsai::testing
