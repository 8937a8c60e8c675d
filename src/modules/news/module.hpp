// How the core mounts the news module: the public lists, posts, files and feed, and the
// editors' pages.
#pragma once

#include "http/router.hpp"
#include "modules/news/news.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::news {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, News& news);

}  // namespace prongsai::news
