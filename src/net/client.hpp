// Calling another server over HTTP(S): one request, its answer's status and body, through
// Debian's libcurl. No redirects are followed, every step has a timeout, and an answer larger
// than `max_response_bytes` is cut off and refused before it is all in memory. The error's
// detail names the host and what failed, never the request's headers (they carry tokens).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace prongsai::net {

struct Request {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // POST: sent as is, with the Content-Type the headers give
  long timeout_seconds = 20;
  std::size_t max_response_bytes = 1 << 20;
  // Past max_response_bytes, keep what came (a check that needs only the start) instead of failing.
  bool truncate = false;
  // Refuse to connect to a loopback, private, shared or link-local address: for a URL someone
  // typed, which must not reach this machine's or its network's services.
  bool public_only = false;
  std::string user_agent = "Prongsai";
  bool compressed = false;  // ask for gzip or deflate and decode it (the limit counts decoded bytes)
};

// The message key of the error for an answer over max_response_bytes (any other failure to get
// an answer is error.unavailable).
inline constexpr std::string_view kTooLarge = "error.answer_too_large";

struct Response {
  long status = 0;
  std::string body;
  std::string location;    // a redirect's target, not followed
  bool truncated = false;  // the body is its first max_response_bytes (Request::truncate)
};

// Loopback, private, shared, link-local and unspecified addresses: not the public web.
bool private_address(const std::string& ip);

// The server's answer, whatever its status; an error only when there was none (no connection,
// a timeout, a body over the limit, a private address refused), its detail "timeout",
// "private address" or what failed.
Result<Response> call(const Request& r);
// `s` percent-encoded for a URL's query.
std::string escape(std::string_view s);

}  // namespace prongsai::net
