// How the core mounts the statistics module: the public figures of the citizen channels.
#pragma once

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "http/router.hpp"
#include "modules/cases/cases.hpp"
#include "modules/qa/qa.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::statistics {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

void mount(http::Router& router, web::Pages& pages, cases::Service& cases, qa::Questions& qa, const Clock& clock);

// The fiscal year's figures of the channels, in `lang`: {period, sections: [{id, heading,
// rows: [{label, value}]}]}: complaints, corruption complaints, questions (routes.cpp).
nlohmann::json figures(cases::Service& cases, qa::Questions& qa, std::int64_t agency_id, int year, Lang lang);

}  // namespace prongsai::statistics
