// How the core mounts the measures module.
#pragma once

#include "http/router.hpp"
#include "modules/measures/measures.hpp"
#include "web/views.hpp"

namespace prongsai::measures {

void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts);

}  // namespace prongsai::measures
