// How the core mounts the surveys module: the admin's surveys (/admin/surveys) and the public
// questionnaire (/s/{token}).
#pragma once

#include "core/clock.hpp"
#include "http/cookies.hpp"
#include "http/router.hpp"
#include "modules/surveys/surveys.hpp"
#include "web/views.hpp"

namespace prongsai::surveys {

void mount(http::Router& router, web::Pages& pages, Service& svc, const Clock& clock, http::CookieOptions cookies);

}  // namespace prongsai::surveys
