// How the core mounts the measures module.
#pragma once

#include "core/clock.hpp"
#include "http/router.hpp"
#include "modules/measures/measures.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::measures {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

// `clock` gives today's date for due-date states and the default import year.
void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts, const Clock& clock);
// The public pages of approved plans (public_routes.cpp) and the editing pages
// (edit_routes.cpp); mount() calls both.
void mount_public(http::Router& router, web::Pages& pages, Service& svc);
void mount_editing(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts);

}  // namespace prongsai::measures
