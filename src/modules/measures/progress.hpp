// Progress reports (รายงานความก้าวหน้า) against an issue's due dates, and the executive's
// review (ผู้บริหารกำกับติดตาม):
//
//   (none) --file_progress--> pending --review: acknowledge--> acknowledged (final)
//                                     \--review: return------> returned --file_progress--> pending
//
// Staff of a responsible unit, or the admin, file; an executive reviews. A due date is one the
// issue's monitoring rule gives for the plan's year (schedule.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/thai_calendar.hpp"
#include "files/files.hpp"

namespace prongsai::measures {

enum class WorkStatus { not_started, in_progress, done };  // ยังไม่เริ่ม / กำลังดำเนินการ / เสร็จสิ้น
enum class Review { pending, acknowledged, returned };

std::string_view to_string(WorkStatus s);
std::optional<WorkStatus> parse_work_status(std::string_view s);
std::string_view to_string(Review r);
Review parse_review(std::string_view s);

struct EvidenceFile {
  std::int64_t id = 0;
  files::Ref ref;
};

struct Progress {
  std::int64_t id = 0;
  std::int64_t issue_id = 0;
  calendar::Date due;
  WorkStatus status = WorkStatus::not_started;
  std::string body;
  std::vector<std::string> links;
  std::vector<EvidenceFile> files;
  std::int64_t submitted_by = 0;
  std::int64_t submitted_at = 0;
  Review review = Review::pending;
  std::string review_comment;
  std::optional<std::int64_t> reviewed_by;
  std::int64_t reviewed_at = 0;
};

// Where one due date of one issue stands, for the dashboard.
enum class DueState { upcoming, due_this_month, overdue, waiting_for_review, returned, done };
std::string_view to_string(DueState s);

struct DueItem {
  std::int64_t issue_id = 0;
  std::string item_code;
  calendar::Date due;
  DueState state = DueState::upcoming;
  std::optional<Progress> progress;
};

// The state of a due date on `today`, from its report (if any).
DueState due_state(calendar::Date due, const std::optional<Progress>& p, calendar::Date today);

}  // namespace prongsai::measures
