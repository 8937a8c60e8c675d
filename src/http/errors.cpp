// Error kind → status. Unknown client-side kinds fall to 400, the rest to 500.
#include "http/errors.hpp"

namespace prongsai::http {

int status_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_request: return 400;
    case ErrorKind::invalid: return 422;
    case ErrorKind::unauthenticated: return 401;
    case ErrorKind::forbidden: return 403;
    case ErrorKind::locked: return 403;  // a person is shown the unlock form
    case ErrorKind::not_found: return 404;
    case ErrorKind::not_set_up: return 404;  // to a program; a person is shown the way (web::Pages::error)
    case ErrorKind::method_not_allowed: return 405;
    case ErrorKind::conflict: return 409;
    case ErrorKind::too_large: return 413;
    case ErrorKind::header_too_large: return 431;
    case ErrorKind::unsupported_type: return 415;
    case ErrorKind::too_many_requests: return 429;
    case ErrorKind::unavailable: return 503;
    case ErrorKind::internal: return 500;
  }
  return 500;
}

ErrorKind kind_of_status(int status) {
  for (ErrorKind k :
       {ErrorKind::bad_request, ErrorKind::unauthenticated, ErrorKind::forbidden, ErrorKind::not_found,
        ErrorKind::method_not_allowed, ErrorKind::conflict, ErrorKind::too_large, ErrorKind::header_too_large,
        ErrorKind::unsupported_type, ErrorKind::invalid, ErrorKind::too_many_requests, ErrorKind::unavailable}) {
    if (status_of(k) == status) return k;
  }
  return status >= 400 && status < 500 ? ErrorKind::bad_request : ErrorKind::internal;
}

}  // namespace prongsai::http
