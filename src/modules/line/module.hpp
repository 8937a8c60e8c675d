// How the core mounts LINE: the agency's official account, its webhook, staff links, and the
// "line" messenger of the outbox (line.hpp).
#pragma once

#include <optional>
#include <string>

#include "modules/line/line.hpp"
#include "web/module.hpp"

namespace prongsai::line {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

// The webhook, the start links, the admin's and a staff member's pages (routes.cpp).
void mount(web::Host& host);
// The start link's token a browser carries (its cookie), if any.
std::optional<std::string> start_token(const http::Request& req);

}  // namespace prongsai::line
