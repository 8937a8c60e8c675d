// The schema as a national host shards it (deploy/README.md, "How the schema is keyed by
// agency"), on both backends: every table the migrations make holds `agency_id` but the
// installation's own, and the README's table names every table, so neither drifts from the
// migrations as modules add tables.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "testing/testing.hpp"

namespace prongsai {
namespace {

// The installation's own tables: no agency's data, never distributed by agency.
const std::set<std::string> kInstallationTables = {
    "agencies",  "instance_settings", "schema_migrations",  "jobs",
    "node_runs", "rate_counters",     "framework_versions", "framework_drafts"};

struct Schema {
  std::set<std::string> tables;
  std::set<std::string> without_agency;
};

Schema schema_of(store::Store& store) {
  bool pg = testing::on_postgresql();
  return store.read([&](store::ReadTx& tx) {
    Schema out;
    auto names = tx.query(pg ? "SELECT table_name AS name FROM information_schema.tables "
                               "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                             : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    for (const auto& r : names) {
      std::string t = r.text("name");
      // SQLite's FTS5 index and its shadow tables (search_fts_data, ...): one table to the reader.
      if (t.starts_with("search_fts_")) continue;
      out.tables.insert(t);
      bool has = tx.count(pg ? "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                               "AND table_name = ? AND column_name = 'agency_id'"
                             : "SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = 'agency_id'",
                          {t}) > 0;
      if (!has) out.without_agency.insert(t);
    }
    return out;
  });
}

TEST(Schema, EveryTableButTheInstallationsOwnIsKeyedByAgency) {
  auto f = testing::Fixture::make();
  Schema s = schema_of(f->app->store());
  ASSERT_GT(s.tables.size(), 40u) << "every module's migrations ran";
  std::set<std::string> expected = kInstallationTables;
  if (!testing::on_postgresql()) expected.insert("search_fts");  // FTS5 names its column `agency`
  EXPECT_EQ(s.without_agency, expected);
}

TEST(Schema, TheDeployGuideNamesEveryTable) {
  auto f = testing::Fixture::make();
  std::string guide = testing::read_source_file("deploy/README.md");
  std::string keyed = guide.substr(guide.find("### How the schema is keyed by agency"));
  for (const std::string& t : schema_of(f->app->store()).tables)
    EXPECT_NE(keyed.find("`" + t + "`"), std::string::npos) << t << " is missing from deploy/README.md";
}

// Nodes started together on a new (or newly upgraded) database: each migration is applied once,
// and every node starts; none fails on another's half-made table.
TEST(Schema, NodesStartingTogetherApplyEachMigrationOnce) {
  testing::TempDir dir;
  app::Options options;
  options.db_url = testing::fresh_db_url(dir);
  ManualClock clock{1'700'000'000};
  constexpr int kNodes = 4;
  std::vector<std::string> errors(kNodes);
  std::vector<std::unique_ptr<app::App>> apps(kNodes);
  {
    std::vector<std::jthread> nodes;
    for (int i = 0; i < kNodes; ++i)
      nodes.emplace_back([&, i] {
        auto opened = app::App::open(options, clock);
        if (opened)
          apps[i] = std::move(*opened);
        else
          errors[i] = opened.error().detail;
      });
  }
  for (int i = 0; i < kNodes; ++i) EXPECT_EQ(errors[i], "") << "node " << i;
  ASSERT_TRUE(apps[0]);
  auto applied = apps[0]->store().read([](store::ReadTx& tx) {
    return std::make_pair(
        tx.count("SELECT COUNT(*) FROM schema_migrations"),
        tx.count("SELECT COUNT(*) FROM (SELECT DISTINCT module, version FROM schema_migrations) AS m"));
  });
  EXPECT_GT(applied.first, 20);
  EXPECT_EQ(applied.first, applied.second) << "each once";
}

// A migration that moved to another module (its file says what it replaces) is not applied again
// to a database that holds it under its old name: the record is renamed, and only once.
TEST(Schema, AMigrationThatMovedIsRenamedNotAppliedAgain) {
  testing::TempDir dir;
  app::Options options;
  options.db_url = testing::fresh_db_url(dir);
  ManualClock clock{1'700'000'000};
  std::vector<store::Migration> moved;
  for (const store::Migration& m : store::embedded_migrations(app::migration_order(app::modules())))
    if (!m.replaces_module.empty()) moved.push_back(m);
  ASSERT_FALSE(moved.empty()) << "the channels module's migrations moved to contact, news and qa";
  auto count = [](app::App& a, const std::string& module, int version) {
    return a.store().read([&](store::ReadTx& tx) {
      return tx.count("SELECT COUNT(*) FROM schema_migrations WHERE module = ? AND version = ?",
                      {module, std::int64_t{version}});
    });
  };
  {
    auto first = app::App::open(options, clock);
    ASSERT_TRUE(first) << first.error().detail;
    // The database as the version before the move left it.
    (*first)->store().bookkeeping([&](store::BookkeepingTx& tx) {
      for (const store::Migration& m : moved)
        tx.exec("UPDATE schema_migrations SET module = ?, version = ? WHERE module = ? AND version = ?",
                {m.replaces_module, std::int64_t{m.replaces_version}, m.module, std::int64_t{m.version}});
      return 0;
    });
  }
  for (int run = 0; run < 2; ++run) {
    auto again = app::App::open(options, clock);  // CREATE TABLE again would fail: "already exists"
    ASSERT_TRUE(again) << again.error().detail;
    for (const store::Migration& m : moved) {
      EXPECT_EQ(count(**again, m.module, m.version), 1) << m.module << "/" << m.name;
      EXPECT_EQ(count(**again, m.replaces_module, m.replaces_version), 0) << m.replaces_module;
    }
  }
}

}  // namespace
}  // namespace prongsai
