// The store's own tests (on both backends): a Store on a new database with the store's
// migrations, and a manual clock.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store.hpp"
#include "testing/testing.hpp"

namespace prongsai::testing {

struct StoreTestBase : ::testing::Test {
  void SetUp() override {
    url = fresh_db_url(dir);
    auto s = store::Store::open(url, clock);
    ASSERT_TRUE(s);
    store = std::move(*s);
    ASSERT_TRUE(store->migrate(store::embedded_migrations({"store"})));
  }

  TempDir dir;
  std::string url;
  ManualClock clock{1'700'000'000};
  std::unique_ptr<store::Store> store;
};

}  // namespace prongsai::testing
