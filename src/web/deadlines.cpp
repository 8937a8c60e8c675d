#include "web/deadlines.hpp"

namespace prongsai::web {

std::string_view to_string(DeadlineState s) {
  constexpr std::string_view kStates[] = {"upcoming", "due_today", "overdue", "done"};
  return kStates[static_cast<int>(s)];
}

DeadlineState state_of(calendar::Date due, bool done, calendar::Date today) {
  if (done) return DeadlineState::done;
  if (due == today) return DeadlineState::due_today;
  return due < today ? DeadlineState::overdue : DeadlineState::upcoming;
}

}  // namespace prongsai::web
