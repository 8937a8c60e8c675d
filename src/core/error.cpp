// Names of error kinds, for log lines.
#include "core/error.hpp"

namespace prongsai {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request: return "bad_request";
    case ErrorKind::invalid: return "invalid";
    case ErrorKind::unauthenticated: return "unauthenticated";
    case ErrorKind::forbidden: return "forbidden";
    case ErrorKind::locked: return "locked";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::not_set_up: return "not_set_up";
    case ErrorKind::method_not_allowed: return "method_not_allowed";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::too_large: return "too_large";
    case ErrorKind::header_too_large: return "header_too_large";
    case ErrorKind::unsupported_type: return "unsupported_type";
    case ErrorKind::too_many_requests: return "too_many_requests";
    case ErrorKind::unavailable: return "unavailable";
    case ErrorKind::internal: return "internal";
  }
  return "internal";
}

std::uint64_t& commits_on_this_thread() {
  thread_local std::uint64_t n = 0;
  return n;
}

}  // namespace prongsai
