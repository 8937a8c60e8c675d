// How the core mounts the services module: the public catalogue (/services), each service's
// request form, the admin's catalogue pages (/admin/services), the agency's holidays
// (/admin/holidays), and staff entering a request.
#pragma once

#include "core/clock.hpp"
#include "core/memory_limiter.hpp"
#include "framework/framework.hpp"
#include "http/router.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/services/catalogue.hpp"
#include "modules/services/holidays.hpp"
#include "modules/services/requests.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::services {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, Catalogue& catalogue, Holidays& holidays,
           accounts::Service& accounts, const Clock& clock);
// /services/{id} (a service's request form, public) and /requests/new (staff entering one).
void mount_requests(http::Router& router, web::Pages& pages, Catalogue& catalogue, Requests& requests,
                    accounts::Service& accounts, MemoryLimiter& limiter);
// /services/statistics (public) with its downloads, and filing them as OIT evidence (admin).
void mount_statistics(http::Router& router, web::Pages& pages, Requests& requests, disclosure::Service& disclosure,
                      const framework::Catalogue& frameworks, accounts::Service& accounts, const Clock& clock);

}  // namespace prongsai::services
