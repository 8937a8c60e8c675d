// The site's frame: the staff home, health check, static assets, the
// language switch, and the admin pages of the ITA framework catalogue.
#pragma once

#include "framework/framework.hpp"
#include "http/router.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/frameworks/frameworks.hpp"
#include "store/store.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::site {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

struct Deps {
  store::Store& store;
  accounts::Service& accounts;
  const framework::Catalogue& catalogue;
  frameworks::Service& frameworks;
  web::Pages& pages;
  const Clock& clock;
  bool secure_cookies = false;  // over HTTPS: the "__Host-" cookie Request::cookie reads back
};

void mount(http::Router& router, Deps deps);

}  // namespace prongsai::site
