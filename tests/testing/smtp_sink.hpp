// A local SMTP server for tests (loopback, a free port): it accepts every message and keeps
// what came after DATA. close() stops listening, so a sender meets a refused connection, as
// when the mail server is down; reopen() listens on the same port again. It offers no
// STARTTLS: a sender that requires it must refuse to send.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio.hpp>

namespace prongsai::testing {

class SmtpSink {
 public:
  SmtpSink();
  ~SmtpSink();
  unsigned short port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> messages();  // each message as received, oldest first
  std::vector<std::string> recipients();
  void close();
  void reopen();

 private:
  void listen();
  void serve(boost::asio::ip::tcp::socket& socket);

  boost::asio::io_context io_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false}, listening_{false};
  std::mutex m_;
  std::vector<std::string> messages_, recipients_;
  std::thread thread_;
};

}  // namespace prongsai::testing
