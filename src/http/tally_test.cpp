// The anonymous routes' log: counts per route and status in a clock hour, no line per request.
#include "http/tally.hpp"

#include <gtest/gtest.h>

namespace prongsai::http {
namespace {

TEST(AnonymousTally, CountsEachRouteAndStatusInTheHour) {
  AnonymousTally tally;
  EXPECT_EQ(tally.line(), "");
  const std::int64_t hour = 1796450400;  // 5 Dec 2026 06:00 UTC, 13:00 in Thailand
  tally.add(hour + 59, "POST", "/complaints/new", 200);
  tally.add(hour + 3599, "POST", "/complaints/new", 200);
  tally.add(hour + 1800, "GET", "/complaints/new", 200);
  EXPECT_EQ(
      tally.line(),
      "anonymous routes, the hour from 5 Dec 2026 13:00: GET /complaints/new 200 x1; POST /complaints/new 200 x2");
  tally.add(hour + 3600, "POST", "/track", 404);  // the next hour: the one before is written and gone
  EXPECT_EQ(tally.line(), "anonymous routes, the hour from 5 Dec 2026 14:00: POST /track 404 x1");
  tally.flush();
  EXPECT_EQ(tally.line(), "");
}

}  // namespace
}  // namespace prongsai::http
