#include "http/tally.hpp"

#include <spdlog/spdlog.h>

#include "core/thai_calendar.hpp"

namespace prongsai::http {

namespace {
std::string line_of(std::int64_t hour, const std::map<std::string, std::int64_t, std::less<>>& counts) {
  if (counts.empty()) return {};
  std::string out = "anonymous routes, the hour from " + calendar::format_time(hour * 3600, Lang::en) + ":";
  for (const auto& [what, n] : counts) out += " " + what + " x" + std::to_string(n) + ";";
  out.pop_back();
  return out;
}
}  // namespace

void AnonymousTally::add(std::int64_t now, std::string_view method, std::string_view pattern, int status) {
  std::lock_guard lock(mutex_);
  std::int64_t hour = now / 3600;
  if (hour != hour_) {
    flush_locked();
    hour_ = hour;
  }
  std::string key;
  key.append(method).append(" ").append(pattern).append(" ").append(std::to_string(status));
  ++counts_[key];
}

void AnonymousTally::flush() {
  std::lock_guard lock(mutex_);
  flush_locked();
}

void AnonymousTally::flush_locked() {
  if (std::string l = line_of(hour_, counts_); !l.empty()) spdlog::info("{}", l);
  counts_.clear();
}

std::string AnonymousTally::line() const {
  std::lock_guard lock(mutex_);
  return line_of(hour_, counts_);
}

}  // namespace prongsai::http
