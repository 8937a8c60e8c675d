// How the core mounts the channels module: the public contact page and its poster, the admin's
// contact form; news, its feed and its editors' pages.
#pragma once

#include "http/router.hpp"
#include "modules/channels/channels.hpp"
#include "web/views.hpp"

namespace prongsai::channels {

void mount(http::Router& router, web::Pages& pages, Contacts& contacts);
void mount_news(http::Router& router, web::Pages& pages, News& news);

}  // namespace prongsai::channels
