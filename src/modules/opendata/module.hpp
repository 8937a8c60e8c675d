// How the core mounts the open-data hub: every module's datasets for people and harvesters.
#pragma once

#include "http/router.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::opendata {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

// The public pages, the downloads, the catalogue and CKAN's API, the admin's page (routes.cpp).
void mount(web::Host& host);

}  // namespace prongsai::opendata
