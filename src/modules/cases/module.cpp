// The cases module's manifest: complaints, the sealed corruption channel and E-Service
// requests as cases with a receipt code.
#include "modules/cases/module.hpp"

#include <spdlog/spdlog.h>

#include "core/strings.hpp"
#include "core/text.hpp"

namespace prongsai::cases {
namespace {

// Open cases of `channel`: a request by its target day; a complaint within the agency's working
// days from the day it came. Never what a citizen wrote: the title is the channel and number.
void open_case_deadlines(web::Host& host, const web::DeadlineQuery& q, std::vector<web::Deadline>& out,
                         Channel channel) {
  const std::string source(to_string(channel));
  const std::string title(Strings::instance().get(q.lang, "calendar.title." + source));
  for (const OpenCase& c : host.get<Service>().open_cases(q.agency_id, channel)) {
    std::string number = std::to_string(c.id);
    if (channel == Channel::request) {
      auto due = calendar::parse_iso(c.due_day);
      if (!due || !q.belongs(*due, false)) continue;
      std::vector<std::int64_t> units;
      if (c.unit_id) units.push_back(*c.unit_id);
      out.push_back(q.make("case-" + number, source, *due, false, title + " #" + number, "/requests/" + number, units));
    } else {
      calendar::Date due = q.working_days.add(calendar::local_date(c.created_at), q.complaint_days);
      if (!q.belongs(due, false)) continue;
      out.push_back(q.make("case-" + number, source, due, false, title + " #" + number, "/complaints/cases/" + number));
    }
  }
}

// The cases of `channel` that came in since `since`, for the alerts of new work: the title is
// the channel and number, as on the calendar.
void case_arrivals(web::Host& host, std::int64_t since, std::vector<web::Arrival>& out, Channel channel) {
  const std::string source(to_string(channel));
  const std::string title(Strings::instance().get(Lang::th, "calendar.source." + source));
  for (const auto& [agency_id, c] : host.get<Service>().arrived_since(since, channel)) {
    std::string number = std::to_string(c.id);
    std::vector<std::int64_t> units;
    if (c.unit_id) units.push_back(*c.unit_id);
    out.push_back({agency_id, "case-" + number, c.created_at, title + " #" + number,
                   channel == Channel::request ? "/requests/" + number : "/complaints/cases/" + number, units});
  }
}

// The corruption channel's form answers the items that ask for it while the channel takes
// complaints (an officer holds a key), dated from when it opened.
std::vector<web::ProducedEvidence> corruption_channel(web::Host& host, const web::EvidenceQuery& q) {
  auto since = host.get<Service>().corruption_channel_open_since(q.agency_id);
  if (!since) return {};
  return {{"", std::string(Strings::instance().get(q.lang, "evidence.corruption_channel")),
           "/complaints/new?channel=corruption", calendar::local_date(*since)}};
}

// The complaint form (complaints and opinions) is open from the day the agency came on Prongsai.
std::vector<web::ProducedEvidence> feedback_channel(web::Host&, const web::EvidenceQuery& q) {
  return {{"", std::string(Strings::instance().get(q.lang, "evidence.feedback_channel")), "/complaints/new",
           q.agency_since}};
}

}  // namespace

std::string retention_said(web::Host& host, std::int64_t agency_id, Lang lang) {
  return text::fill(std::string(Strings::instance().get(lang, "privacy.kept.cases")), "days",
                    std::to_string(host.get<Service>().retention_days(agency_id)));
}

const web::Module& manifest() {
  static const web::Module m{
      .name = "cases",
      .after = {"accounts"},
      .migrations = true,
      // Citizens' messages go through web::Notify, made by the app and filled by later builds.
      .build =
          [](web::Host& host) {
            host.make<Service>(host.store(), host.get<accounts::Service>()).set_notify(host.find<web::Notify>());
          },
      .mount =
          [](web::Host& host) {
            const SatisfactionLink* link = host.find<SatisfactionLink>();
            mount(host.router(), host.pages(), host.get<Service>(), host.public_limiter(), host.clock(),
                  link ? *link : SatisfactionLink{});
          },
      .jobs = {{.name = "retention-purge",
                .due = [](web::Host&, std::int64_t now) -> std::optional<std::int64_t> { return now + 6 * 3600; },
                .lease_seconds = 3600,
                .run =
                    [](web::Host& host) {
                      if (auto n = host.get<Service>().purge_expired())
                        spdlog::info("deleted {} closed cases past their retention", n);
                    }}},
      // After the sessions' sweep: the key copies of the sessions it ended go too.
      .sweeps = {{"session keys", [](web::Host& host) { return host.get<Service>().sweep_session_keys(); }}},
      .deadlines =
          {
              {.name = "request",
               .collect = [](web::Host& host, const web::DeadlineQuery& q,
                             std::vector<web::Deadline>& out) { open_case_deadlines(host, q, out, Channel::request); },
               .arrivals = [](web::Host& host, std::int64_t since,
                              std::vector<web::Arrival>& out) { case_arrivals(host, since, out, Channel::request); }},
              {.name = "complaint",
               .holders = http::Role::complaint_officer,
               .collect =
                   [](web::Host& host, const web::DeadlineQuery& q, std::vector<web::Deadline>& out) {
                     open_case_deadlines(host, q, out, Channel::complaint);
                   },
               .arrivals = [](web::Host& host, std::int64_t since,
                              std::vector<web::Arrival>& out) { case_arrivals(host, since, out, Channel::complaint); }},
              {.name = "corruption",
               .holders = http::Role::corruption_officer,
               .collect =
                   [](web::Host& host, const web::DeadlineQuery& q, std::vector<web::Deadline>& out) {
                     open_case_deadlines(host, q, out, Channel::corruption);
                   },
               .arrivals = [](web::Host& host, std::int64_t since,
                              std::vector<web::Arrival>& out) { case_arrivals(host, since, out, Channel::corruption); },
               // Told as a count, the day after: a sealed case's time is its day only.
               .sealed = true},
          },
      .evidence = {{std::string(framework::role::corruption_channel), corruption_channel},
                   {std::string(framework::role::feedback_channel), feedback_channel}},
      .public_links = {{"complaints", "pub.complaint", "/complaints/new", 10, true},
                       {"complaints", "pub.corruption", "/complaints/new?channel=corruption", 20},
                       {"complaints", "pub.track_complaint", "/complaints/track", 30, true}},
      // The channels, the corruption channel among them but quieter: a citizen with a complaint
      // about a road should not land in the channel that hides who they are.
      .home = {{.name = "complaints",
                .order = 40,
                .view = "complaints/home",
                .data = [](web::Host&, const http::Request&) { return std::optional(nlohmann::json::object()); }}},
      .personal_data = {{.name = "complaints",
                         .what_key = "privacy.use.complaints",
                         .fields_key = "privacy.fields.complaints",
                         .purpose_key = "privacy.purpose.complaints",
                         .basis = "public_task",
                         .readers_key = "privacy.readers.complaints",
                         .kept = retention_said,
                         .promise_keys = {"complaints.privacy", "complaints.anonymous", "notify.citizen_hint"},
                         .href = "/complaints/new",
                         .order = 20},
                        {.name = "corruption",
                         .what_key = "privacy.use.corruption",
                         .fields_key = "privacy.fields.corruption",
                         .purpose_key = "privacy.purpose.corruption",
                         .basis = "public_task",
                         .readers_key = "privacy.readers.corruption",
                         .kept = retention_said,
                         .promise_keys = {"complaints.privacy_corruption", "complaints.corruption_lead",
                                          "notify.citizen_hint_sealed", "complaints.keep_code_corruption"},
                         .href = "/complaints/new?channel=corruption",
                         .order = 30}},
  };
  return m;
}

}  // namespace prongsai::cases
