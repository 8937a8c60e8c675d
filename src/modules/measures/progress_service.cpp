// Filing and reviewing progress reports. See progress.hpp for the workflow.
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "modules/measures/measures.hpp"
#include "modules/measures/queries.hpp"
#include "modules/measures/schedule.hpp"

namespace prongsai::measures {
namespace {

using nlohmann::json;
constexpr std::size_t kMaxBodyChars = 10000;

Progress progress_from(const store::Row& r) {
  Progress p;
  p.id = r.integer("id");
  p.issue_id = r.integer("issue_id");
  p.due = calendar::parse_iso(r.text("due_date")).value_or(calendar::make_date(1970, 1, 1));
  p.status = parse_work_status(r.text("status")).value_or(WorkStatus::not_started);
  p.body = r.text("body");
  std::string links = r.text("evidence_links");
  for (std::string_view line : text::split(links, '\n')) {
    if (!line.empty()) p.links.emplace_back(line);
  }
  p.submitted_by = r.integer("submitted_by");
  p.submitted_at = r.integer("submitted_at");
  p.review = parse_review(r.text("review"));
  p.review_comment = r.text("review_comment");
  p.reviewed_by = r.opt_integer("reviewed_by");
  p.reviewed_at = r.opt_integer("reviewed_at").value_or(0);
  return p;
}

json audit_view(const Progress& p) {
  json files = json::array();
  for (const EvidenceFile& f : p.files) files.push_back({{"name", f.ref.name}, {"sha256", f.ref.sha256}});
  return {{"issue_id", p.issue_id},
          {"files", files},
          {"due", calendar::iso(p.due)},
          {"status", std::string(to_string(p.status))},
          {"body", p.body},
          {"links", p.links},
          {"review", std::string(to_string(p.review))},
          {"comment", p.review_comment}};
}

// Evidence links: http and https only, one per line; blank lines dropped.
Result<std::vector<std::string>> clean_links(const std::string& raw) {
  auto cleaned = text::clean(raw, text::Lines::multiple);
  if (!cleaned) return fail(cleaned.error());
  std::vector<std::string> out;
  for (std::string_view part : text::split(*cleaned, '\n')) {
    std::string line(text::trim(part));
    if (line.empty()) continue;
    if (!text::is_web_link(line)) return fail(Error::invalid_field("links", "error.link"));
    out.push_back(std::move(line));
  }
  return out;
}

std::vector<EvidenceFile> evidence_of(store::ReadTx& tx, std::int64_t agency_id, std::int64_t progress_id) {
  std::vector<EvidenceFile> out;
  for (const auto& r : tx.query(q::kSelectProgressFiles, {agency_id, progress_id})) {
    out.push_back({r.integer("id"), {r.text("sha256"), r.text("name"), r.text("content_type"), r.integer("size")}});
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

}  // namespace

Result<IssueSchedule> Service::schedule(std::int64_t agency_id, std::int64_t issue_id) {
  auto found = store_.read([&](store::ReadTx& tx) -> std::optional<IssueSchedule> {
    auto r = tx.query_one(q::kSelectIssue, {agency_id, issue_id});
    if (!r) return std::nullopt;
    IssueSchedule s;
    s.id = r->integer("id");
    s.fiscal_year = static_cast<int>(r->integer("fiscal_year"));
    s.monitoring.cadence = parse_cadence(r->text("cadence"));
    for (const auto& m : json::parse(r->text("cadence_months_json"))) s.monitoring.months.push_back(m.get<unsigned>());
    s.monitoring.deadline_month = static_cast<unsigned>(r->integer("deadline_month"));
    s.item_code = r->text("item_code");
    s.question = r->text("question");
    for (const auto& u : tx.query(q::kSelectIssueUnitIds, {agency_id, issue_id}))
      s.unit_ids.push_back(u.integer("unit_id"));
    s.due = due_dates(s.monitoring, calendar::FiscalYear(s.fiscal_year));
    return s;
  });
  if (!found) return fail(Error::not_found("issue"));
  return *found;
}

std::optional<Progress> Service::progress(std::int64_t agency_id, std::int64_t issue_id, calendar::Date due) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<Progress> {
    auto r = tx.query_one(q::kSelectProgress, {agency_id, issue_id, calendar::iso(due)});
    if (!r) return std::nullopt;
    Progress p = progress_from(*r);
    p.files = evidence_of(tx, agency_id, p.id);
    return p;
  });
}

Result<std::pair<files::Ref, std::string>> Service::evidence_file(std::int64_t agency_id, std::int64_t issue_id,
                                                                  calendar::Date due, std::int64_t file_id) {
  auto found = store_.read([&](store::ReadTx& tx) -> std::optional<std::pair<files::Ref, std::string>> {
    auto r = tx.query_one(q::kSelectProgressFile, {agency_id, issue_id, calendar::iso(due), file_id});
    if (!r) return std::nullopt;
    files::Ref ref{r->text("sha256"), r->text("name"), r->text("content_type"), r->integer("size")};
    auto data = files::get(tx, agency_id, ref.sha256);
    if (!data) return std::nullopt;
    return std::make_pair(std::move(ref), std::move(*data));
  });
  if (!found) return fail(Error::not_found("file"));
  return std::move(*found);
}

bool Service::may_file(const http::Principal& p, const IssueSchedule& issue) {
  if (p.roles.has(http::Role::admin)) return true;
  if (!p.roles.has(http::Role::staff)) return false;
  auto me = accounts_.user(p.agency_id, p.user_id);
  if (!me) return false;
  for (std::int64_t unit : me->unit_ids) {
    if (std::find(issue.unit_ids.begin(), issue.unit_ids.end(), unit) != issue.unit_ids.end()) return true;
  }
  return false;
}

Result<void> Service::file_progress(const http::Principal& by, std::int64_t issue_id, calendar::Date due,
                                    WorkStatus status, const std::string& raw_body, const std::string& raw_links,
                                    const std::vector<files::Upload>& uploads,
                                    const std::vector<std::int64_t>& remove_files) {
  auto issue = schedule(by.agency_id, issue_id);
  if (!issue) return fail(issue.error());
  if (std::find(issue->due.begin(), issue->due.end(), due) == issue->due.end())
    return fail(Error::not_found("due date"));
  if (!may_file(by, *issue))
    return fail(Error::make(ErrorKind::forbidden, "error.not_responsible", "not in a responsible unit"));
  auto body = text::clean(raw_body, text::Lines::multiple);
  if (!body) return fail(Error::invalid_field("body", body.error().message_key));
  if (body->empty()) return fail(Error::invalid_field("body", "error.required"));
  if (text::code_points(*body) > kMaxBodyChars) return fail(Error::invalid_field("body", "error.too_long"));
  auto links = clean_links(raw_links);
  if (!links) return fail(links.error());
  // Every file is checked before anything is written.
  auto checked = files::check(uploads, {.field = "files", .max_bytes = kMaxEvidenceBytes, .name_in_detail = true});
  if (!checked) return fail(checked.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    Progress after;
    after.issue_id = issue_id;
    after.due = due;
    after.status = status;
    after.body = *body;
    after.links = *links;
    auto existing = tx.query_one(q::kSelectProgress, {by.agency_id, issue_id, calendar::iso(due)});
    std::optional<Progress> before;
    if (existing) {
      before = progress_from(*existing);
      before->files = evidence_of(tx, by.agency_id, before->id);
      if (before->review == Review::acknowledged) {
        return fail(Error::make(ErrorKind::conflict, "error.already_acknowledged", "acknowledged reports are final"));
      }
      for (const EvidenceFile& f : before->files) {
        if (std::find(remove_files.begin(), remove_files.end(), f.id) == remove_files.end()) after.files.push_back(f);
      }
    }
    for (const files::Checked& c : *checked) {
      files::Ref ref{crypto::sha256_hex(c.upload->data), files::clean_name(c.upload->name, c.kind),
                     std::string(c.kind.content_type), static_cast<std::int64_t>(c.upload->data.size())};
      after.files.push_back({0, ref});
    }
    if (after.files.size() > kMaxEvidenceFiles) return fail(Error::invalid_field("files", "error.too_many"));
    std::int64_t progress_id = 0;
    if (!before) {
      progress_id =
          tx.apply(store::Change::create(by.agency_id, "measure_progress", audit_view(after)), q::kInsertProgress,
                   {by.agency_id, issue_id, calendar::iso(due), std::string(to_string(status)), *body, joined(*links),
                    by.user_id, tx.now()})
              .at(0)
              .integer("id");
    } else {
      progress_id = before->id;
      tx.apply(
          store::Change::update(by.agency_id, "measure_progress", before->id, audit_view(*before), audit_view(after)),
          q::kRefileProgress,
          {std::string(to_string(status)), *body, joined(*links), by.user_id, tx.now(), by.agency_id, before->id});
      for (std::int64_t id : remove_files) tx.also(q::kDeleteProgressFile, {by.agency_id, before->id, id});
    }
    for (const files::Checked& c : *checked) {
      files::Ref ref = files::put(tx, by.agency_id, c.upload->name, c.upload->data, c.kind);
      tx.also(q::kInsertProgressFile,
              {by.agency_id, progress_id, ref.sha256, ref.name, ref.content_type, ref.size, tx.now()});
    }
    return ok();
  });
}

Result<void> Service::review_progress(const http::Principal& by, std::int64_t issue_id, calendar::Date due,
                                      Review decision, const std::string& raw_comment) {
  if (!by.roles.has(http::Role::executive))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not an executive"));
  if (decision == Review::pending) return fail(Error::make(ErrorKind::bad_request, "error.bad_request", "no decision"));
  auto comment = text::clean(raw_comment, text::Lines::multiple);
  if (!comment) return fail(Error::invalid_field("comment", comment.error().message_key));
  if (decision == Review::returned && comment->empty())
    return fail(Error::invalid_field("comment", "error.comment_required"));
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kSelectProgress, {by.agency_id, issue_id, calendar::iso(due)});
    if (!row) return fail(Error::not_found("progress"));
    Progress before = progress_from(*row);
    if (before.review != Review::pending)
      return fail(Error::make(ErrorKind::conflict, "error.already_reviewed", "not pending"));
    Progress after = before;
    after.review = decision;
    after.review_comment = *comment;
    tx.apply(store::Change{by.agency_id, "measure_progress", std::to_string(before.id),
                           std::string(to_string(decision)), audit_view(before), audit_view(after)},
             q::kReviewProgress,
             {std::string(to_string(decision)), *comment, by.user_id, tx.now(), by.agency_id, before.id});
    return ok();
  });
}

std::vector<Service::Returned> Service::returned_since(std::int64_t since) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Returned> out;
    for (const auto& r : tx.query(q::kReturnedSince, {since})) {
      auto due = calendar::parse_iso(r.text("due_date"));
      if (!due) continue;
      Returned x{r.integer("agency_id"),
                 r.integer("id"),
                 r.integer("issue_id"),
                 r.integer("reviewed_at"),
                 r.text("item_code"),
                 *due,
                 {}};
      for (const auto& u : tx.query(q::kSelectIssueUnitIds, {x.agency_id, x.issue_id}))
        x.unit_ids.push_back(u.integer("unit_id"));
      out.push_back(std::move(x));
    }
    return out;
  });
}

std::vector<DueItem> Service::due_items(std::int64_t agency_id, int fiscal_year, calendar::Date today) {
  auto p = plan(agency_id, fiscal_year);
  if (!p) return {};
  auto reports = store_.read([&](store::ReadTx& tx) {
    std::vector<Progress> out;
    for (const auto& r : tx.query(q::kSelectPlanProgress, {agency_id, p->id})) out.push_back(progress_from(r));
    return out;
  });
  std::vector<DueItem> out;
  for (const StoredIssue& s : p->issues) {
    for (calendar::Date due : due_dates(s.issue.monitoring, calendar::FiscalYear(fiscal_year))) {
      DueItem item{s.id, s.issue.item_code, due, DueState::upcoming, std::nullopt};
      for (const Progress& r : reports) {
        if (r.issue_id == s.id && r.due == due) item.progress = r;
      }
      item.state = due_state(due, item.progress, today);
      out.push_back(std::move(item));
    }
  }
  return out;
}

}  // namespace prongsai::measures
