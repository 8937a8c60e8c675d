#include "testing/http_sink.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

namespace prongsai::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

HttpSink::HttpSink() : acceptor_(io_) {
  tcp::endpoint at(asio::ip::make_address("127.0.0.1"), 0);
  acceptor_.open(at.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(at);
  acceptor_.listen();
  acceptor_.non_blocking(true);
  port_ = acceptor_.local_endpoint().port();
  thread_ = std::thread([this] {
    while (!stop_) {
      tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
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

HttpSink::~HttpSink() {
  stop_ = true;
  thread_.join();
}

std::vector<SeenRequest> HttpSink::requests() {
  std::lock_guard lock(m_);
  return requests_;
}

void HttpSink::script(std::vector<int> statuses) {
  std::lock_guard lock(m_);
  script_.assign(statuses.begin(), statuses.end());
}

void HttpSink::serve(tcp::socket& socket) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    boost::system::error_code ec;
    http::read(socket, buffer, req, ec);
    if (ec) return;
    SeenRequest seen{std::string(req.method_string()), std::string(req.target()), req.body(), {}};
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      seen.headers[name] = std::string(field.value());
    }
    int status = 200;
    {
      std::lock_guard lock(m_);
      requests_.push_back(std::move(seen));
      if (!script_.empty()) {
        status = script_.front();
        script_.pop_front();
      }
    }
    http::response<http::string_body> res{static_cast<http::status>(status), req.version()};
    res.set(http::field::content_type, "application/json");
    res.body() = status == 200 ? "{}" : R"({"message":"The request was not accepted"})";
    res.keep_alive(req.keep_alive());
    res.prepare_payload();
    http::write(socket, res, ec);
    if (ec || !req.keep_alive()) return;
  }
}

}  // namespace prongsai::testing
