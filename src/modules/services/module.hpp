// How the core mounts the services module: the public catalogue (/services) and the admin's
// catalogue pages (/admin/services), the agency's holidays (/admin/holidays).
#pragma once

#include "core/clock.hpp"
#include "http/router.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/services/catalogue.hpp"
#include "modules/services/holidays.hpp"
#include "web/views.hpp"

namespace prongsai::services {

void mount(http::Router& router, web::Pages& pages, Catalogue& catalogue, Holidays& holidays,
           accounts::Service& accounts, const Clock& clock);

}  // namespace prongsai::services
