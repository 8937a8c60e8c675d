// How the core mounts the measures module.
#pragma once

#include "core/clock.hpp"
#include "http/router.hpp"
#include "modules/measures/measures.hpp"
#include "web/views.hpp"

namespace prongsai::measures {

// `clock` gives today's date for due-date states and the default import year.
void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts, const Clock& clock);
// The editing pages (edit_routes.cpp); mount() calls it.
void mount_editing(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts,
                   const framework::Catalogue& catalogue);

}  // namespace prongsai::measures
