// The website module: the agency's home page, its look and mourning, the site map, robots.txt
// and the accessibility statement; the hub that lays out what every module gives the public
// website (web/website.hpp).
#pragma once

#include "modules/accounts/accounts.hpp"
#include "modules/website/website.hpp"
#include "web/module.hpp"

namespace prongsai::website {

const web::Module& manifest();
void mount(web::Host& host);

}  // namespace prongsai::website
