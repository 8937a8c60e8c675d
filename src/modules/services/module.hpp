// How the core mounts the services module: the public catalogue (/services) and the admin's
// catalogue pages (/admin/services).
#pragma once

#include "http/router.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/services/catalogue.hpp"
#include "web/views.hpp"

namespace prongsai::services {

void mount(http::Router& router, web::Pages& pages, Catalogue& catalogue, accounts::Service& accounts);

}  // namespace prongsai::services
