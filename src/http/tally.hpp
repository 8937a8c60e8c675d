// What the log says of the anonymous routes (a complaint, a corruption complaint, a question, a
// survey answer, a case followed with its code): not a line per request, whose second and
// size would tell the corruption form from the general one and match a case's arrival, but a
// count per route pattern and status for each clock hour, written once the hour is over (by
// the first request after it, or when the server stops).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace prongsai::http {

class AnonymousTally {
 public:
  // Counts one answer ("POST /complaints 303") in the hour holding `now` (Unix seconds); logs
  // the hour before when `now` is past it.
  void add(std::int64_t now, std::string_view method, std::string_view pattern, int status);
  // Logs what is counted (the finished hour, or at shutdown the one in progress).
  void flush();
  // The line flush() would write; empty when nothing is counted (tests).
  std::string line() const;

 private:
  void flush_locked();
  mutable std::mutex mutex_;
  std::int64_t hour_ = 0;  // Unix hour (seconds / 3600) being counted
  std::map<std::string, std::int64_t, std::less<>> counts_;
};

}  // namespace prongsai::http
