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
  std::string user_agent = "Prongsai";
};

struct Response {
  long status = 0;
  std::string body;
};

// The server's answer, whatever its status; an error only when there was none (no connection,
// a timeout, a body over the limit).
Result<Response> call(const Request& r);

}  // namespace prongsai::net
