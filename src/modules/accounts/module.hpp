// How the core mounts the accounts module: its routes and menu entries.
#pragma once

#include "http/cookies.hpp"
#include "http/router.hpp"
#include "modules/accounts/accounts.hpp"
#include "web/views.hpp"

namespace prongsai::accounts {

inline constexpr const char* kMigrations = "modules/accounts";

void mount(http::Router& router, web::Pages& pages, Service& svc, http::CookieOptions cookies);

}  // namespace prongsai::accounts
