// The accounts module as the core sees it: its manifest (module.cpp), and its routes.
#pragma once

#include "http/cookies.hpp"
#include "http/router.hpp"
#include "modules/accounts/accounts.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::accounts {

const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, Service& svc, http::CookieOptions cookies);

}  // namespace prongsai::accounts
