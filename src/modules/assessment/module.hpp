// How the core mounts the assessment module: the admin's OIT answer sheet for ITAS and its
// exports, and the assessor's result beside Prongsai's estimate.
#pragma once

#include "http/router.hpp"
#include "modules/assessment/assessment.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::assessment {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

// Routes and the menu entry; the results page reads the surveys module's estimate.
void mount(web::Host& host);

}  // namespace prongsai::assessment
