// How the core mounts the cases module: the public complaint pages (submit, receipt, track and
// reply by code) and the officers' inbox and case pages.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/memory_limiter.hpp"
#include "http/router.hpp"
#include "modules/cases/cases.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::cases {

// The manifest the core reads (module.cpp).
const web::Module& manifest();
// How long a case is kept, in `lang`, for the privacy notice: the agency's retention after
// closing (Service::purge_expired).
std::string retention_said(web::Host& host, std::int64_t agency_id, Lang lang);

// Submissions per address and hour beyond which the public forms refuse (429).
constexpr std::int64_t kSubmissionsPerHour = 10;

// The address of the agency's satisfaction survey open today, if any: offered to a citizen
// whose request is done (a plain link: nothing about the request goes with it).
using SatisfactionLink = std::function<std::optional<std::string>(std::int64_t agency_id)>;

void mount(http::Router& router, web::Pages& pages, Service& svc, MemoryLimiter& limiter, const Clock& clock,
           SatisfactionLink satisfaction = {});
// The officers' desk for E-Service requests (/requests: the queue, a request's page, moving,
// forwarding and answering it): the same case pages as complaints', mounted by the module that
// offers the E-Service, so that its requests have one home.
void mount_request_desk(http::Router& router, web::Pages& pages, Service& svc, MemoryLimiter& limiter,
                        const Clock& clock);

}  // namespace prongsai::cases
