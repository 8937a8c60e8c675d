// How the core mounts the channels module: the public contact page and its poster, the admin's
// contact form.
#pragma once

#include "http/router.hpp"
#include "modules/channels/channels.hpp"
#include "web/views.hpp"

namespace prongsai::channels {

void mount(http::Router& router, web::Pages& pages, Contacts& contacts);

}  // namespace prongsai::channels
