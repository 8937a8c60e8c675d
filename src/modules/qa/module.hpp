// How the core mounts the qa module: asking and following a question, the public answers,
// and the answerers' and executives' pages.
#pragma once

#include "core/clock.hpp"
#include "core/memory_limiter.hpp"
#include "http/router.hpp"
#include "modules/qa/qa.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::qa {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, Questions& qa, MemoryLimiter& limiter, const Clock& clock);

}  // namespace prongsai::qa
