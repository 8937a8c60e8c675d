// How the core mounts the reminders module: the deadline calendar (/calendar), the feeds a
// user makes and revokes (/calendar/feeds), the agency's targets (admin), and the secret iCal
// addresses (/ical/{secret}.ics); each person's e-mail choices (/calendar/mail) and the
// admin's log of the e-mail sent (/admin/mail).
#pragma once

#include "http/router.hpp"
#include "modules/reminders/deadlines.hpp"
#include "modules/reminders/feeds.hpp"
#include "modules/reminders/mailer.hpp"
#include "web/module.hpp"
#include "web/views.hpp"

namespace prongsai::reminders {

// The manifest the core reads (module.cpp).
const web::Module& manifest();

struct Deps {
  Calendar& calendar;
  Feeds& feeds;
  Mailer& mailer;
  Outbox& outbox;
  bool mail_configured;  // an SMTP server was given (serve --smtp-url)
};
void mount(http::Router& router, web::Pages& pages, const Deps& deps);

}  // namespace prongsai::reminders
