// How the core mounts the reminders module: the deadline calendar (/calendar), the feeds a
// user makes and revokes (/calendar/feeds), the agency's targets (admin), and the secret iCal
// addresses (/ical/{secret}.ics).
#pragma once

#include "http/router.hpp"
#include "modules/reminders/deadlines.hpp"
#include "modules/reminders/feeds.hpp"
#include "web/views.hpp"

namespace prongsai::reminders {

void mount(http::Router& router, web::Pages& pages, Calendar& calendar, Feeds& feeds);

}  // namespace prongsai::reminders
