// How the core mounts the executive module: the executives' view of a fiscal year (/executive).
#pragma once

#include "http/router.hpp"
#include "modules/executive/overview.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::executive {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, Overviews& overviews);

}  // namespace prongsai::executive
