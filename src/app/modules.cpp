// The one list of modules. Adding a capability: its folder under src/modules (with module.cpp,
// its manifest), one line here, its name in PRONGSAI_MODULES (CMakeLists.txt). The order is the order of their
// migrations, of building their services and of mounting their routes and menu entries.
#include "app/app.hpp"
#include "modules/about/module.hpp"
#include "modules/accounts/module.hpp"
#include "modules/assessment/module.hpp"
#include "modules/audit/audit.hpp"
#include "modules/cases/module.hpp"
#include "modules/contact/module.hpp"
#include "modules/disclosure/module.hpp"
#include "modules/executive/module.hpp"
#include "modules/frameworks/module.hpp"
#include "modules/library/module.hpp"
#include "modules/line/module.hpp"
#include "modules/measures/module.hpp"
#include "modules/news/module.hpp"
#include "modules/opendata/module.hpp"
#include "modules/procurement/module.hpp"
#include "modules/qa/module.hpp"
#include "modules/reminders/module.hpp"
#include "modules/search/module.hpp"
#include "modules/services/module.hpp"
#include "modules/site/site.hpp"
#include "modules/statistics/module.hpp"
#include "modules/surveys/module.hpp"
#include "modules/website/module.hpp"

namespace prongsai::app {

const std::vector<const web::Module*>& modules() {
  static const std::vector<const web::Module*> list = {
      &site::manifest(),        &frameworks::manifest(), &accounts::manifest(), &about::manifest(),
      &measures::manifest(),    &disclosure::manifest(), &library::manifest(),  &cases::manifest(),
      &contact::manifest(),     &news::manifest(),       &qa::manifest(),       &statistics::manifest(),
      &search::manifest(),      &services::manifest(),   &surveys::manifest(),  &assessment::manifest(),
      &procurement::manifest(), &reminders::manifest(),  &line::manifest(),     &executive::manifest(),
      &audit::manifest(),       &website::manifest(),    &opendata::manifest(),
  };
  return list;
}

}  // namespace prongsai::app
