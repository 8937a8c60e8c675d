// The about module: the agency's people, its executives page and its organisation structure, its
// authority and duties, the laws it works under.
#pragma once

#include "core/clock.hpp"
#include "http/router.hpp"
#include "modules/about/about.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::about {

const web::Module& manifest();
void mount(http::Router& router, web::Pages& pages, People& people, Texts& texts, accounts::Service& accounts,
           const Clock& clock);

}  // namespace prongsai::about
