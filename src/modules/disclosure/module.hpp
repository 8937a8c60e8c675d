// How the core mounts the disclosure module.
#pragma once

#include "core/clock.hpp"
#include "http/router.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::disclosure {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

// What the other modules say about an item's evidence (web/evidence.hpp), on its staff page.
using NotesOf =
    std::function<std::vector<web::EvidenceNote>(std::int64_t agency_id, int year, const std::string& code, Lang lang)>;

// Staff pages (routes.cpp) and the public ITA pages (public_routes.cpp); `clock` gives today
// for the readiness check.
void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts, const Clock& clock,
           NotesOf notes);
void mount_public(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts,
                  const Clock& clock);

}  // namespace prongsai::disclosure
