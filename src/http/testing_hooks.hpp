// For the http tests: the edge's hooks of a site of one agency (1), with no sessions, an error
// page that says its message key with its status, and data that never changes.
#pragma once

#include "http/errors.hpp"
#include "http/pipeline.hpp"

namespace prongsai::http::testing {

inline EdgeHooks one_agency_hooks() {
  return EdgeHooks{[](std::string_view) { return std::int64_t{1}; },
                   [](std::string_view) { return std::optional<std::int64_t>(1); },
                   [](std::string_view, std::int64_t) { return std::optional<Principal>(); },
                   [](const Request&, const Error& e) { return Response::text(e.message_key, status_of(e.kind)); },
                   [](std::int64_t) { return std::uint64_t{1}; }};
}

}  // namespace prongsai::http::testing
