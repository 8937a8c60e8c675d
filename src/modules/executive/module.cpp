// The executive module's manifest: one page that reads the plan, the OIT registry, the channels,
// the surveys and the calendar, for the นายก and the ปลัด.
#include "modules/executive/module.hpp"

namespace prongsai::executive {

const web::Module& manifest() {
  static const web::Module m{
      .name = "executive",
      .after = {"measures", "disclosure", "cases", "qa", "surveys", "reminders", "assessment"},
      .build =
          [](web::Host& host) {
            host.make<Overviews>(host.catalogue(), host.get<measures::Service>(), host.get<disclosure::Service>(),
                                 host.get<cases::Service>(), host.get<qa::Questions>(), host.get<surveys::Service>(),
                                 host.get<reminders::Calendar>(), host.get<assessment::Results>());
          },
      .mount = [](web::Host& host) { mount(host.router(), host.pages(), host.get<Overviews>()); },
  };
  return m;
}

}  // namespace prongsai::executive
