#include "testing/smtp_sink.hpp"

#include <chrono>

namespace prongsai::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

SmtpSink::SmtpSink() {
  listen();
  thread_ = std::thread([this] {
    while (!stop_) {
      if (!listening_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      tcp::socket socket(io_);
      boost::system::error_code ec;
      {
        std::lock_guard lock(m_);
        if (acceptor_ && acceptor_->is_open())
          acceptor_->accept(socket, ec);
        else
          ec = asio::error::not_connected;
      }
      if (ec) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      socket.non_blocking(false);
      try {
        serve(socket);
      } catch (const std::exception&) {
      }
    }
  });
}

SmtpSink::~SmtpSink() {
  stop_ = true;
  thread_.join();
}

void SmtpSink::listen() {
  std::lock_guard lock(m_);
  acceptor_ = std::make_unique<tcp::acceptor>(io_);
  tcp::endpoint at(asio::ip::make_address("127.0.0.1"), port_);
  acceptor_->open(at.protocol());
  acceptor_->set_option(asio::socket_base::reuse_address(true));
  acceptor_->bind(at);
  acceptor_->listen();
  acceptor_->non_blocking(true);
  port_ = acceptor_->local_endpoint().port();
  listening_ = true;
}

void SmtpSink::close() {
  std::lock_guard lock(m_);
  listening_ = false;
  acceptor_->close();
}

void SmtpSink::reopen() { listen(); }

std::vector<std::string> SmtpSink::messages() {
  std::lock_guard lock(m_);
  return messages_;
}

std::vector<std::string> SmtpSink::recipients() {
  std::lock_guard lock(m_);
  return recipients_;
}

void SmtpSink::serve(tcp::socket& socket) {
  asio::streambuf in;
  auto say = [&](const std::string& line) { asio::write(socket, asio::buffer(line)); };
  auto line = [&] {
    asio::read_until(socket, in, "\r\n");
    std::istream s(&in);
    std::string l;
    std::getline(s, l);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    return l;
  };
  say("220 sink ESMTP\r\n");
  std::string rcpt;
  for (;;) {
    std::string cmd = line();
    std::string upper = cmd.substr(0, 4);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "EHLO") {
      say("250-sink\r\n250 8BITMIME\r\n");
    } else if (upper == "RCPT") {
      rcpt = cmd;
      say("250 OK\r\n");
    } else if (upper == "DATA") {
      say("354 go ahead\r\n");
      asio::read_until(socket, in, "\r\n.\r\n");
      std::string all(asio::buffers_begin(in.data()), asio::buffers_end(in.data()));
      std::size_t end = all.find("\r\n.\r\n");
      in.consume(end + 5);
      {
        std::lock_guard lock(m_);
        messages_.push_back(all.substr(0, end + 2));
        recipients_.push_back(rcpt);
      }
      say("250 queued\r\n");
    } else if (upper == "QUIT") {
      say("221 bye\r\n");
      return;
    } else {
      say("250 OK\r\n");
    }
  }
}

}  // namespace prongsai::testing
