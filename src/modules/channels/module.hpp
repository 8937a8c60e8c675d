// How the core mounts the channels module: the public contact page and its poster, the admin's
// contact form; news, its feed and its editors' pages; questions and answers.
#pragma once

#include "core/clock.hpp"
#include "core/memory_limiter.hpp"
#include "http/router.hpp"
#include "modules/cases/cases.hpp"
#include "modules/channels/channels.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::channels {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, Contacts& contacts);
void mount_news(http::Router& router, web::Pages& pages, News& news);
void mount_statistics(http::Router& router, web::Pages& pages, cases::Service& cases, Questions& qa,
                      const Clock& clock);
void mount_qa(http::Router& router, web::Pages& pages, Questions& qa, MemoryLimiter& limiter, const Clock& clock);
// /search over news, answers and ITA documents (the store's search entries).
void mount_search(http::Router& router, web::Pages& pages, store::Store& store, const Clock& clock);

}  // namespace prongsai::channels
