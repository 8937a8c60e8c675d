// How the core mounts the contact module: the public contact page, its poster and QR codes,
// and the admin's form.
#pragma once

#include "http/router.hpp"
#include "modules/contact/contact.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::contact {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, Contacts& contacts);

}  // namespace prongsai::contact
