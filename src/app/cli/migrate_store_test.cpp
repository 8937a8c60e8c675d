// Moving an installation from SQLite to PostgreSQL keeps every record and the audit chain (and
// the search entries, without SQLite's own index), new ids continue after the copied ones, and a target that is not
// empty is refused whole.
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "app/cli/cli.hpp"
#include "core/search_text.hpp"
#include "modules/audit/audit.hpp"
#include "modules/news/news.hpp"
#include "testing/testing.hpp"

namespace prongsai::cli {
namespace {

TEST(MigrateStore, MovesAnSqliteInstallationToPostgresql) {
  if (!testing::on_postgresql()) GTEST_SKIP() << "needs the PostgreSQL server of the pg: run";
  // The source is always SQLite: the fixture's database with the PostgreSQL variable hidden.
  std::string pg = std::getenv("PRONGSAI_TEST_PG");
  unsetenv("PRONGSAI_TEST_PG");
  auto source = testing::Fixture::make();
  setenv("PRONGSAI_TEST_PG", pg.c_str(), 1);
  auto admin = source->principal("admin@example.org");
  ASSERT_TRUE(source->app->get<accounts::Service>().create_unit(admin, "กองสาธารณสุข", ""));
  auto session = source->app->get<accounts::Service>().login(source->agency_id, "staff@example.org", source->password,
                                                             "10.0.0.1", "");
  ASSERT_TRUE(session);
  news::PostInput post;
  post.category = "news";
  post.title = "ประกาศผลการสอบ";
  post.publish = true;
  ASSERT_TRUE(source->app->get<news::News>().save(source->principal("staff@example.org"), std::nullopt, post));
  std::string from = source->app->options().db_url;
  source->app->store().close();

  testing::TempDir dir;
  std::string to = testing::fresh_db_url(dir);
  ASSERT_EQ(migrate_store(from, to), 0);

  app::Options options;
  options.db_url = to;
  auto moved = app::App::open(options, *source->clock);
  ASSERT_TRUE(moved) << moved.error().detail;
  EXPECT_TRUE(audit::verify((*moved)->store()).ok);
  auto& accounts = (*moved)->get<accounts::Service>();
  EXPECT_EQ(accounts.units(source->agency_id).size(), 5u);
  EXPECT_TRUE(accounts.resolve(session->token, source->agency_id));  // sessions come along
  auto found = (*moved)->store().read([&](store::ReadTx& tx) {
    return tx.search(source->agency_id, search::fold("ผล"), source->clock->now(), 10, 0).hits;
  });
  ASSERT_EQ(found.size(), 1u) << "search entries come along and PostgreSQL finds them";
  EXPECT_EQ(found[0].title, "ประกาศผลการสอบ");
  EXPECT_TRUE(accounts.login(source->agency_id, "admin@example.org", source->password, "10.0.0.1", ""));
  auto moved_admin = source->principal("admin@example.org");
  auto next = accounts.create_unit(moved_admin, "กองใหม่หลังย้าย", "");
  ASSERT_TRUE(next) << next.error().detail;  // the identity continues after the copied ids
  EXPECT_TRUE(audit::verify((*moved)->store()).ok);

  // A second move into the same, now full, database is refused and changes nothing.
  EXPECT_EQ(migrate_store(from, to), 1);
  EXPECT_EQ(accounts.units(source->agency_id).size(), 6u);
}

}  // namespace
}  // namespace prongsai::cli
