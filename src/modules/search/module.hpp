// How the core mounts the search module: /search over every module's search entries.
#pragma once

#include "core/clock.hpp"
#include "http/router.hpp"
#include "store/store.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::search {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

// /search over news, answers and ITA documents (the store's search entries).
void mount(http::Router& router, web::Pages& pages, store::Store& store, const Clock& clock);

}  // namespace prongsai::search
