// How the core mounts the procurement module: the register's staff pages.
#pragma once

#include "http/router.hpp"
#include "modules/procurement/procurement.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::procurement {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(web::Host& host);

}  // namespace prongsai::procurement
