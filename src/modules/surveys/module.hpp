// How the core mounts the surveys module: the admin's surveys (/admin/surveys) and the public
// questionnaire (/s/{token}).
#pragma once

#include "core/clock.hpp"
#include "core/memory_limiter.hpp"
#include "http/cookies.hpp"
#include "http/router.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/surveys/surveys.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::surveys {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

// What was recorded of a year's real result (web/results.hpp), set beside the estimate.
using RecordedResultOf = std::function<std::optional<web::RecordedResult>(std::int64_t agency_id, int year)>;

// /surveys/estimate (admin, executives): the ITA estimate, with the OIT part from `disclosure`,
// beside the real results `recorded` has. `limiter`: the anonymous routes' in-memory counters
// (core/memory_limiter.hpp).
void mount(http::Router& router, web::Pages& pages, Service& svc, disclosure::Service& disclosure, const Clock& clock,
           http::CookieOptions cookies, MemoryLimiter& limiter, RecordedResultOf recorded);

}  // namespace prongsai::surveys
