// The one error type of Prongsai: a kind (mapped to an HTTP status in http/errors.cpp), a key
// into the message catalogue (what the person reads, in Thai first), an optional form field,
// and a detail for the log. The detail must never hold a secret or a complainant's data.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace prongsai {

enum class ErrorKind {
  bad_request,         // malformed input the client should not have sent
  invalid,             // well-formed but fails a rule: a form answered with the field marked
  unauthenticated,     // needs a signed-in user
  forbidden,           // signed in, but the access rule refuses
  locked,              // allowed, but a key must be unlocked in this session first (an officer's)
  not_found,           // no such record (also for records of another agency)
  not_set_up,          // the installation lacks what an administrator provides (a year's ITA framework)
  method_not_allowed,  // the address exists, but not with this method
  conflict,            // the record changed meanwhile, or a unique value is taken
  too_large,           // body or file over its limit
  header_too_large,    // request line and headers over their limit
  unsupported_type,    // a body or file content not of an accepted type
  too_many_requests,   // a rate limit refused it
  unavailable,         // the service is shutting down or a dependency is down
  internal,            // a bug or an environment fault: logged, answered 500
};

std::string_view to_string(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message_key;       // e.g. "error.not_found"; looked up in web/strings/<lang>.json
  std::string detail;            // for the log only
  std::string field;             // the form field at fault, if any
  std::int64_t retry_after = 0;  // too_many_requests: seconds until a try is taken again (0: unsaid)
  std::string shown;             // said to the person under the message (Error::said); never a secret

  static Error make(ErrorKind kind, std::string message_key, std::string detail = {}, std::string field = {}) {
    return Error{kind, std::move(message_key), std::move(detail), std::move(field)};
  }
  static Error invalid_field(std::string field, std::string message_key) {
    return Error{ErrorKind::invalid, std::move(message_key), {}, std::move(field)};
  }
  static Error not_found(std::string detail = {}) {
    return Error{ErrorKind::not_found, "error.not_found", std::move(detail), {}};
  }
  // A fiscal year with no ITA framework loaded yet (a new year before the NACC's manual): the
  // page says so and leads the admin to the framework workshop (web::Pages::error).
  static Error no_framework(int year) {
    return Error{ErrorKind::not_set_up, "error.no_framework", "no ITA framework for " + std::to_string(year), {}};
  }
  // A rate limit that lets the next try through after `seconds` (the message may say "{wait}").
  static Error wait(std::string message_key, std::int64_t seconds, std::string detail = {}) {
    Error e{ErrorKind::too_many_requests, std::move(message_key), std::move(detail), {}};
    e.retry_after = seconds;
    return e;
  }
  // An error whose particulars the person needs too (where in a file the fault is: "items[3]:
  // code O1 appears twice"): in the log and on the page, under the message.
  static Error said(ErrorKind kind, std::string message_key, std::string particulars) {
    Error e{kind, std::move(message_key), particulars, {}};
    e.shown = std::move(particulars);
    return e;
  }
  static Error internal(std::string detail) {
    return Error{ErrorKind::internal, "error.internal", std::move(detail), {}};
  }
};

// Thrown, not returned: the database cannot do what was asked now (out of reach, too slow to
// answer, its disk full, its file read-only or damaged). Nothing of the transaction was kept.
// The edge answers 503 and says nothing was saved; the store logs the outage once, and its end.
// what() is for the log and never holds a secret.
struct Unavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Writes this thread has committed so far (the store counts them). A request runs on one
// thread: the edge compares the count before and after a request that failed to tell the
// person truthfully whether what they sent was saved.
std::uint64_t& commits_on_this_thread();

}  // namespace prongsai
