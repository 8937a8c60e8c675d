// The channels module's manifest: contact channels, news, Q&A, the statistics of the
// channels and the site search.
#include "modules/channels/module.hpp"

#include "core/strings.hpp"

namespace prongsai::channels {
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

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "channels",
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<Contacts>(host.store());
            host.make<News>(host.store(), host.clock()).set_max_file_bytes(host.get<web::Settings>().max_upload_bytes);
            host.make<Questions>(host.store(), host.clock());
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Contacts>());
            mount_news(host.router(), host.pages(), host.get<News>());
            mount_qa(host.router(), host.pages(), host.get<Questions>(), host.public_limiter(), host.clock());
            mount_statistics(host.router(), host.pages(), host.get<cases::Service>(), host.get<Questions>(),
                             host.clock());
            mount_search(host.router(), host.pages(), host.store(), host.clock());
          },
      .reindex =
          [](store::WriteTx& tx, web::Host&) {
            News::reindex(tx);
            Questions::reindex(tx);
          },
      .deadlines = {{.name = "question", .holders = http::Role::complaint_officer, .collect = question_deadlines}},
      .datasets = {{.name = "channel-statistics",
                    .title_key = "data.channel_statistics",
                    .description_key = "data.channel_statistics_text",
                    .formats = {"csv"},
                    .href = [](int year, std::string_view) { return "/statistics.csv?year=" + std::to_string(year); }}},
  };
  return m;
}

}  // namespace prongsai::channels
