// How the core mounts the procurement module: the register's staff pages and the public pages
// of what the agency published.
#pragma once

#include "http/router.hpp"
#include "modules/procurement/procurement.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::procurement {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

// The staff pages (routes.cpp) and the public ones (public_routes.cpp).
void mount(web::Host& host);
void mount_public(web::Host& host);

}  // namespace prongsai::procurement
