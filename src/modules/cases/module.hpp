// How the core mounts the cases module: the public complaint pages (submit, receipt, track and
// reply by code) and the officers' inbox and case pages.
#pragma once

#include "core/clock.hpp"
#include "http/router.hpp"
#include "modules/cases/cases.hpp"
#include "store/rate_limit.hpp"
#include "web/views.hpp"

namespace prongsai::cases {

// Submissions per address and hour beyond which the public forms refuse (429).
constexpr std::int64_t kSubmissionsPerHour = 10;

void mount(http::Router& router, web::Pages& pages, Service& svc, store::RateLimiter& limiter, const Clock& clock);

}  // namespace prongsai::cases
