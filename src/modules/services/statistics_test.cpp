// The service statistics against figures worked out by hand: months of the fiscal year,
// completed within the target or late, refused, still open, the median in working days
// across a holiday, the channels; and the CSV, the table report and the chart made from them.
#include "modules/services/statistics.hpp"

#include <gtest/gtest.h>

namespace prongsai::services {
namespace {

using cases::Status;
using cases::Via;

std::int64_t at(int y, unsigned m, unsigned d, int hour) {
  return calendar::start_of_day(calendar::make_date(y, m, d)) + hour * 3600;
}

struct StatisticsTest : ::testing::Test {
  void SetUp() override {
    Service light, info;
    light.id = 1;
    light.name_th = "แจ้งซ่อมไฟฟ้าสาธารณะ";
    info.id = 2;
    info.name_th = "ขอข้อมูลข่าวสารของราชการ";
    services = {light, info};
    rows = {
        // Mon 2 Oct 2023, done Wed 4 Oct: 2 working days, due Mon 9 Oct: on time.
        {1, Via::web, Status::resolved, at(2023, 10, 2, 9), at(2023, 10, 4, 15), "2023-10-09"},
        // Tue 3 Oct, done Tue 17 Oct: 9 working days (Fri 13 Oct a holiday), due 10 Oct: late.
        {1, Via::walk_in, Status::resolved, at(2023, 10, 3, 10), at(2023, 10, 17, 11), "2023-10-10"},
        {1, Via::phone, Status::rejected, at(2023, 10, 20, 8), at(2023, 10, 20, 9), "2023-10-27"},
        {2, Via::web, Status::reviewing, at(2023, 11, 1, 13), std::nullopt, "2023-11-16"},
        // 30 Sep 2023 belongs to the fiscal year before.
        {1, Via::letter, Status::resolved, at(2023, 9, 30, 9), at(2023, 10, 2, 9), "2023-10-06"},
    };
  }
  ServiceStatistics figures() {
    return compute(calendar::FiscalYear(2567), rows, services,
                   calendar::WorkingDays({calendar::make_date(2023, 10, 13)}));
  }
  std::vector<Service> services;
  std::vector<cases::RequestRow> rows;
};

TEST_F(StatisticsTest, MonthsAndServicesAddUpAsWorkedOutByHand) {
  ServiceStatistics st = figures();
  ASSERT_EQ(st.months.size(), 12u);
  EXPECT_EQ(st.months[0].month, 10u);
  EXPECT_EQ(st.months[0].ce_year, 2023);
  EXPECT_EQ(st.months[11].month, 9u);

  ASSERT_EQ(st.services.size(), 2u);
  const ServiceLine& info = st.services[0];  // ข… sorts before แ…
  const ServiceLine& light = st.services[1];
  EXPECT_EQ(info.name_th, "ขอข้อมูลข่าวสารของราชการ");
  const Figures& october = light.months[0].figures;
  EXPECT_EQ(october.received, 3);
  EXPECT_EQ(october.completed, 2);
  EXPECT_EQ(october.on_time, 1);
  EXPECT_EQ(october.refused, 1);
  EXPECT_EQ(october.open, 0);
  EXPECT_EQ(october.median_days, 2) << "nearest rank of {2, 9}";
  EXPECT_EQ(october.by_via, (std::array<std::int64_t, 4>{1, 1, 1, 0}));  // web, counter, phone, letter
  EXPECT_EQ(light.total.received, 3) << "the September request is last year's";
  EXPECT_EQ(info.months[1].figures.open, 1);
  EXPECT_FALSE(info.months[1].figures.median_days) << "nothing completed, no time";

  EXPECT_EQ(st.months[0].figures.received, 3);
  EXPECT_EQ(st.months[1].figures.received, 1);
  EXPECT_EQ(st.total.received, 4);
  EXPECT_EQ(st.total.completed, 2);
  EXPECT_EQ(st.total.on_time, 1);
  EXPECT_EQ(st.total.refused, 1);
  EXPECT_EQ(st.total.open, 1);
  EXPECT_EQ(st.total.median_days, 2);
}

TEST_F(StatisticsTest, TheCsvTheReportAndTheChartSayTheSame) {
  ServiceStatistics st = figures();
  documents::TableReport r = report(st, "อบต.นาหม่อม", Lang::th, calendar::make_date(2023, 11, 30));
  std::string text = documents::render_csv(r);
  EXPECT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << "a byte-order mark for Excel";
  std::size_t lines = 0;
  for (std::size_t p = 0; (p = text.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
  EXPECT_EQ(lines, 6u) << "a header; each service's months with requests and its year; the total";
  EXPECT_NE(text.find(R"("แจ้งซ่อมไฟฟ้าสาธารณะ","ต.ค. 2566","3","2","1","50.0%","1","0","2","1","1","1","0")"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"("รวมทุกงานบริการ","รวมทั้งปี","4","2","1","50.0%","1","1","2","2","1","1","0")"), std::string::npos)
      << text;

  EXPECT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(r.columns.size(), r.rows[0].size());
  EXPECT_EQ(r.heading[0], "ข้อมูลเชิงสถิติการให้บริการ ปีงบประมาณ พ.ศ. 2567");

  std::string svg = chart_svg(st, Lang::th);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"chart-desc\">ต.ค. 2566: รับคำขอ 3, แล้วเสร็จภายในกำหนด 1;"), std::string::npos) << svg;
  std::size_t bars = 0;
  for (std::size_t p = 0; (p = svg.find("class=\"bar-", p)) != std::string::npos; ++p) ++bars;
  EXPECT_EQ(bars, 12u * 2 + 2) << "two bars a month and the legend's two";
}

}  // namespace
}  // namespace prongsai::services
