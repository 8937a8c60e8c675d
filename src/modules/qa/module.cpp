// The qa module's manifest: questions and answers, their search entries and the deadline of
// each waiting question.
#include "modules/qa/module.hpp"

#include "modules/accounts/accounts.hpp"

#include "core/strings.hpp"

namespace prongsai::qa {
namespace {

// A waiting question, answered within the agency's working days from the day it was asked.
void question_deadlines(web::Host& host, const web::DeadlineQuery& q, std::vector<web::Deadline>& out) {
  const std::string title(Strings::instance().get(q.lang, "calendar.title.question"));
  for (const auto& [id, asked_at] : host.get<Questions>().waiting(q.agency_id)) {
    calendar::Date due = q.working_days.add(calendar::local_date(asked_at), q.question_days);
    if (!q.belongs(due, false)) continue;
    std::string number = std::to_string(id);
    out.push_back(q.make("question-" + number, "question", due, false, title + " #" + number, "/qa/manage/" + number));
  }
}

// The questions asked since `since`, for the alerts of new work.
void question_arrivals(web::Host& host, std::int64_t since, std::vector<web::Arrival>& out) {
  const std::string title(Strings::instance().get(Lang::th, "calendar.source.question"));
  for (const auto& [agency_id, id, asked_at] : host.get<Questions>().asked_since(since)) {
    std::string number = std::to_string(id);
    out.push_back({agency_id, "question-" + number, asked_at, title + " #" + number, "/qa/manage/" + number, {}});
  }
}

// The Q&A page answers the items that ask for a channel for questions, once it shows an answer;
// dated by the newest answer published.
std::vector<web::ProducedEvidence> qa_page(web::Host& host, const web::EvidenceQuery& q) {
  std::vector<Question> newest = host.get<Questions>().published(q.agency_id, 1, 0);
  if (newest.empty() || !newest.front().published_at) return {};
  return {{"", std::string(Strings::instance().get(q.lang, "evidence.questions")), "/qa",
           calendar::local_date(*newest.front().published_at)}};
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "qa",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<Questions>(host.store(), host.clock(), host.get<accounts::Service>())
                .set_notify(host.find<web::Notify>());
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Questions>(), host.public_limiter(), host.clock());
          },
      .reindex = [](store::WriteTx& tx, web::Host&) { Questions::reindex(tx); },
      .deadlines = {{.name = "question",
                     .holders = http::Role::complaint_officer,
                     .collect = question_deadlines,
                     .arrivals = question_arrivals}},
      .evidence = {{std::string(framework::role::questions), qa_page}},
      .public_links = {{"contact", "pub.qa", "/qa", 20}, {"contact", "pub.ask", "/qa/ask", 30, true}},
      .sitemap = {{[](web::Host& host, std::int64_t agency_id) {
        std::vector<web::PublicPage> out;
        for (const Question& q : host.get<Questions>().published(agency_id, 10000, 0))
          out.push_back({"/qa/" + std::to_string(q.id),
                         calendar::local_date(q.published_at.value_or(q.answered_at.value_or(0)))});
        return out;
      }}},
      .personal_data = {{.name = "questions",
                         .what_key = "privacy.use.questions",
                         .fields_key = "privacy.fields.questions",
                         .purpose_key = "privacy.purpose.questions",
                         .basis = "public_task",
                         .readers_key = "privacy.readers.questions",
                         .kept = web::said("privacy.kept.questions"),
                         .promise_keys = {"qa.asker_hint", "qa.email_hint"},
                         .href = "/qa/ask",
                         .order = 40}},
  };
  return m;
}

}  // namespace prongsai::qa
