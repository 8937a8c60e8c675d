// The library module: the agency's documents, their public list and pages, and the OIT evidence
// they give.
#pragma once

#include "http/router.hpp"
#include "modules/library/library.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::library {

const web::Module& manifest();
void mount(http::Router& router, web::Pages& pages, Library& library, accounts::Service& accounts,
           const framework::Catalogue& catalogue);

}  // namespace prongsai::library
