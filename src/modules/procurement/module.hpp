// How the core mounts the procurement module: the register's staff pages and the public pages
// of what the agency published.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "files/files.hpp"
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

// The links to what was published under `name` (a month "2026-10", kAnnual, kPlan), one per
// file of `refs` (kPublishedFormats, in order), as the pages list them: href, label, size.
nlohmann::json file_links(int fiscal_year, std::string_view name, const std::vector<files::Ref>& refs);

}  // namespace prongsai::procurement
