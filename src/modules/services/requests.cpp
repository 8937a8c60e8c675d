#include "modules/services/requests.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace prongsai::services {

using nlohmann::json;

calendar::Date Requests::due_day(std::int64_t agency_id, std::int64_t at, const Service& s) {
  calendar::Date day = calendar::local_date(at);
  if (s.calendar_days) return calendar::add_days(day, s.target_days);
  return holidays_.working_days(agency_id).add(day, s.target_days);
}

ServiceStatistics Requests::statistics(std::int64_t agency_id, calendar::FiscalYear fy) {
  auto rows =
      cases_.request_rows(agency_id, calendar::start_of_day(fy.period().first), calendar::end_of_day(fy.period().last));
  return compute(fy, rows, catalogue_.of_agency(agency_id), holidays_.working_days(agency_id));
}

Result<cases::Submission> Requests::submission(std::int64_t agency_id, const Service& s, const RequestInput& in) {
  auto filled = fill(s.form, in.answers, cases::kMaxAttachmentBytes);
  if (!filled) return fail(filled.error());
  if (filled->files.size() > cases::kMaxAttachments)
    return fail(Error::invalid_field(filled->files.back().field, "error.too_many_files"));
  if (s.contact_required) {
    if (text::trim(in.name).empty()) return fail(Error::invalid_field("name", "error.required"));
    if (text::trim(in.phone).empty() && text::trim(in.email).empty())
      return fail(Error::invalid_field("phone", "error.contact_required"));
  }
  cases::Submission sub;
  sub.channel = cases::Channel::request;
  sub.via = in.via;
  sub.content.subject = s.name_th;
  sub.content.name = in.name;
  sub.content.phone = in.phone;
  sub.content.email = in.email;
  if (in.notify == "mail" && text::trim(in.email).empty())
    return fail(Error::invalid_field("contact_email", "notify.error.email"));
  sub.content.notify = in.notify;
  sub.content.line_user = in.line_user;
  for (const CheckedFile& f : filled->files) sub.attachments.push_back(f.upload);
  sub.content.answers = to_json(shown(s.form, *filled)).dump();
  sub.request = cases::Submission::Request{s.id, s.unit_id, calendar::iso(due_day(agency_id, clock_.now(), s))};
  return sub;
}

Result<cases::Receipt> Requests::submit(std::int64_t agency_id, std::int64_t service_id, const RequestInput& in) {
  auto s = catalogue_.find(agency_id, service_id);
  if (!s || !s->published) return fail(Error::not_found("service"));
  if (in.via != cases::Via::web) return fail(Error::invalid_field("via", "error.choice"));
  auto sub = submission(agency_id, *s, in);
  if (!sub) return fail(sub.error());
  return cases_.submit(agency_id, *sub, store::Actor::citizen());
}

Result<cases::Receipt> Requests::enter(const http::Principal& by, std::int64_t service_id, const RequestInput& in) {
  auto s = catalogue_.find(by.agency_id, service_id);
  if (!s) return fail(Error::not_found("service"));
  auto sub = submission(by.agency_id, *s, in);
  if (!sub) return fail(sub.error());
  return cases_.enter(by, *sub);
}

}  // namespace prongsai::services
