// How the core mounts the assessment module: the admin's OIT answer sheet for ITAS and its
// exports.
#pragma once

#include "http/router.hpp"
#include "modules/assessment/assessment.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::assessment {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, Answers& answers, const Clock& clock);

}  // namespace prongsai::assessment
