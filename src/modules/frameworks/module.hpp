// How the core mounts the frameworks module: the framework file's download and upload pages
// (routes.cpp), beside the framework pages of the site module.
#pragma once

#include "http/router.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/frameworks/frameworks.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::frameworks {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, Service& svc, accounts::Service& accounts);

}  // namespace prongsai::frameworks
