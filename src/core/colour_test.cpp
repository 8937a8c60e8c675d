#include "core/colour.hpp"

#include <gtest/gtest.h>

namespace prongsai::colour {
namespace {

TEST(Colour, ParsesWhatAColourInputSendsAndNothingElse) {
  auto c = parse_hex("#0B4f8a");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->r, 0x0b);
  EXPECT_EQ(c->g, 0x4f);
  EXPECT_EQ(c->b, 0x8a);
  EXPECT_EQ(hex(*c), "#0b4f8a");
  for (std::string_view bad : {"", "0b4f8a", "#0b4f8", "#0b4f8a0", "#0g4f8a", "#fff", "red", "#0b4f8a;}"})
    EXPECT_FALSE(parse_hex(bad)) << bad;
}

TEST(Colour, ContrastIsWcags) {
  Rgb white{255, 255, 255}, black{0, 0, 0};
  EXPECT_NEAR(contrast(white, black), 21.0, 1e-9);
  EXPECT_NEAR(contrast(white, white), 1.0, 1e-9);
  // Values from WebAIM's contrast checker.
  EXPECT_NEAR(contrast(*parse_hex("#0b4f8a"), white), 8.40, 0.01);
  EXPECT_NEAR(contrast(*parse_hex("#777777"), white), 4.48, 0.01);
  EXPECT_NEAR(contrast(white, *parse_hex("#767676")), 4.54, 0.01);
  EXPECT_LT(contrast(*parse_hex("#ffcc00"), white), kAaNormalText);
}

TEST(Colour, DarkerKeepsTheHue) {
  EXPECT_EQ(hex(darker(*parse_hex("#0b4f8a"), 0.25)), "#083b68");
  EXPECT_EQ(hex(darker(*parse_hex("#ffffff"), 1.0)), "#000000");
}

}  // namespace
}  // namespace prongsai::colour
