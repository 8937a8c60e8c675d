// The spool: what goes in comes back whole, the file has no name, and an unusable directory
// is reported rather than crashed on.
#include "http/spool.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

namespace prongsai::http {
namespace {

namespace fs = std::filesystem;

struct SpoolTest : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("prongsai-spool-test-" + std::to_string(std::random_device{}()));
  SpoolTest() { fs::create_directories(dir); }
  ~SpoolTest() override { fs::remove_all(dir); }
};

TEST_F(SpoolTest, WhatIsWrittenInChunksReadsBackAsOneView) {
  std::string why;
  auto spool = Spool::open(dir.string(), why);
  ASSERT_TRUE(spool) << why;
  std::string expected;
  std::mt19937 rng(7);
  for (int chunk = 0; chunk < 40; ++chunk) {
    std::string part(65536 + chunk, '\0');
    for (char& c : part) c = static_cast<char>(rng());
    ASSERT_TRUE(spool->write(part.data(), part.size(), why)) << why;
    expected += part;
  }
  EXPECT_TRUE(fs::is_empty(dir)) << "the spool file has no name";
  ASSERT_TRUE(spool->finish(why)) << why;
  EXPECT_EQ(spool->size(), expected.size());
  EXPECT_TRUE(spool->view() == expected);
}

TEST_F(SpoolTest, AnEmptyBodyIsAnEmptyView) {
  std::string why;
  auto spool = Spool::open(dir.string(), why);
  ASSERT_TRUE(spool) << why;
  ASSERT_TRUE(spool->finish(why));
  EXPECT_TRUE(spool->view().empty());
}

TEST_F(SpoolTest, AMissingDirectoryIsReported) {
  std::string why;
  EXPECT_FALSE(Spool::open((dir / "not-there").string(), why));
  EXPECT_NE(why.find("not-there"), std::string::npos) << why;
}

}  // namespace
}  // namespace prongsai::http
