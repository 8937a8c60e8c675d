// How the core mounts the statistics module: the public figures of the citizen channels.
#pragma once

#include "core/clock.hpp"
#include "http/router.hpp"
#include "modules/cases/cases.hpp"
#include "modules/qa/qa.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::statistics {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, cases::Service& cases, qa::Questions& qa, const Clock& clock);

}  // namespace prongsai::statistics
