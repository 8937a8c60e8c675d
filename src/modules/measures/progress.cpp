// Names and the due-date state rule. See progress.hpp.
#include "modules/measures/progress.hpp"

namespace prongsai::measures {

std::string_view to_string(WorkStatus s) {
  switch (s) {
    case WorkStatus::not_started: return "not_started";
    case WorkStatus::in_progress: return "in_progress";
    case WorkStatus::done: return "done";
  }
  return "not_started";
}

std::optional<WorkStatus> parse_work_status(std::string_view s) {
  for (WorkStatus w : {WorkStatus::not_started, WorkStatus::in_progress, WorkStatus::done}) {
    if (to_string(w) == s) return w;
  }
  return std::nullopt;
}

std::string_view to_string(Review r) {
  switch (r) {
    case Review::pending: return "pending";
    case Review::acknowledged: return "acknowledged";
    case Review::returned: return "returned";
  }
  return "pending";
}

Review parse_review(std::string_view s) {
  if (s == "acknowledged") return Review::acknowledged;
  if (s == "returned") return Review::returned;
  return Review::pending;
}

std::string_view to_string(DueState s) {
  switch (s) {
    case DueState::upcoming: return "upcoming";
    case DueState::due_this_month: return "due_this_month";
    case DueState::overdue: return "overdue";
    case DueState::waiting_for_review: return "waiting_for_review";
    case DueState::returned: return "returned";
    case DueState::done: return "done";
  }
  return "upcoming";
}

DueState due_state(calendar::Date due, const std::optional<Progress>& p, calendar::Date today) {
  if (p && p->review == Review::acknowledged) return DueState::done;
  if (p && p->review == Review::pending) return DueState::waiting_for_review;
  if (due < today) return DueState::overdue;  // nothing filed, or sent back, and the date has passed
  if (p && p->review == Review::returned) return DueState::returned;
  if (due.year() == today.year() && due.month() == today.month()) return DueState::due_this_month;
  return DueState::upcoming;
}

}  // namespace prongsai::measures
