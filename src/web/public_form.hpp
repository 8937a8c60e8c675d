// The guard of a form anybody may send (a complaint, an E-Service request, a question): a
// field people do not see ("website"), which only robots fill in, and a limit of submissions per
// client per hour, counted in memory (core/memory_limiter.hpp), so nothing about the sender's
// address is written anywhere. A refused form is answered like any invalid form: the page again,
// with the message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/memory_limiter.hpp"
#include "http/message.hpp"

namespace prongsai::web {

class PublicFormGuard {
 public:
  // `kind` names the counter ("complaint-address"); `per_hour` submissions are taken per client.
  PublicFormGuard(MemoryLimiter& limiter, std::string kind, std::int64_t per_hour)
      : limiter_(limiter), kind_(std::move(kind)), per_hour_(per_hour) {}

  // Why the form is not taken: the robots' field filled in (error.bad_form, 422) or the hour's
  // submissions used up (error.too_many_submissions, 429); nullopt when it may be.
  std::optional<Error> refuse(const http::Request& req) const;
  // Counts a submission that was taken (after it committed: a hit cannot fail).
  void taken(const http::Request& req) const;

 private:
  MemoryLimiter& limiter_;
  std::string kind_;
  std::int64_t per_hour_;
};

}  // namespace prongsai::web
