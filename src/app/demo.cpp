// See demo.hpp.
#include "app/demo.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <set>

#include "core/thai_calendar.hpp"
#include "documents/picture.hpp"
#include "documents/table_report.hpp"
#include "modules/procurement/publish.hpp"

namespace prongsai::app {
namespace {

using calendar::Date;

// The same demo on every run: a fixed-seed linear congruential generator (Knuth's MMIX).
class Draw {
 public:
  double next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state_ >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t state_ = 2570;
};

// An item one of the installation's modules answers from its own pages (a source of one of its
// roles): the demo leaves it to them.
bool answered_by_modules(App& app, const framework::Item& item) {
  for (const web::Module* m : app.host().modules())
    for (const web::EvidenceSource& source : m->evidence)
      if (item.has_role(source.role)) return true;
  return false;
}

Result<http::Principal> principal_of(App& app, std::int64_t agency_id, const std::string& email) {
  auto p = app.get<accounts::Service>().principal_of(agency_id, email);
  if (!p) return fail(Error::make(ErrorKind::not_found, "error.not_found", "no demo user " + email + " (init --demo)"));
  return p;
}

// One answer to a line: the option scoring best on it (after the line's polarity) with
// probability `good`, else mostly the next one, else the one after.
std::string pick(const framework::Framework& f, const surveys::Line& l, double good, Draw& draw) {
  std::vector<std::pair<double, int>> by_score;
  for (const framework::ScaleOption& o : l.scale->options)
    by_score.emplace_back(f.answer_score(*l.scale, l.polarity, o.value).value_or(0), o.value);
  std::sort(by_score.rbegin(), by_score.rend());
  double r = draw.next();
  std::size_t i = r < good ? 0 : r < good + (1 - good) * 0.7 ? 1 : 2;
  return std::to_string(by_score[std::min(i, by_score.size() - 1)].second);
}

// Weak points the demo's answers show: the items the year's proposals will flag.
const std::set<std::string> kWeakLastYear = {"E4", "E9", "E12", "I9", "I20"};
const std::set<std::string> kWeakThisYear = {"E9"};

std::string steps_for(const framework::Item& item) {
  if (item.tool == framework::Tool::eit)
    return "1. ทบทวนขั้นตอนและระยะเวลาการให้บริการที่เกี่ยวข้องกับประเด็นนี้ และปรับปรุงคู่มือการให้บริการ\n"
           "2. ประชุมชี้แจงเจ้าหน้าที่ผู้ให้บริการทุกคนให้ถือปฏิบัติ\n"
           "3. ประชาสัมพันธ์ช่องทางการติดต่อและการแจ้งเรื่องร้องเรียนทางเว็บไซต์ LINE และบอร์ดหน้าสำนักงาน\n"
           "4. สรุปผลการดำเนินการและรายงานผู้บริหารทราบ";
  return "1. จัดประชุมชี้แจงบุคลากรเรื่องแนวทางปฏิบัติที่เกี่ยวข้องกับประเด็นนี้\n"
         "2. จัดทำและเผยแพร่แนวทางปฏิบัติเป็นลายลักษณ์อักษร\n"
         "3. เปิดช่องทางให้บุคลากรเสนอแนะหรือแจ้งข้อกังวลโดยไม่ต้องระบุตัวตน\n"
         "4. ติดตามผลและรายงานผู้บริหารทราบ";
}

// A short PDF of a demo document that says it is one.
std::string demo_pdf(const std::string& title, std::vector<std::string> lines) {
  documents::TableReport r;
  r.title = title;
  r.author = "หน่วยงานตัวอย่าง";
  r.heading = {title};
  r.cover = {"(ข้อมูลตัวอย่าง: เอกสารนี้สร้างขึ้นเพื่อสาธิตระบบ)"};
  r.portrait = true;
  r.columns = {{"สาระสำคัญ"}};
  for (std::string& l : lines) r.rows.push_back({{std::move(l)}});
  return documents::render_pdf(r);
}

}  // namespace

Result<DemoResult> fill_demo_year(App& app, ManualClock& clock, std::int64_t agency_id, std::int64_t now) {
  DemoResult out;
  const Date today = calendar::local_date(now);
  const calendar::FiscalYear fy = calendar::FiscalYear::of(today);
  const calendar::FiscalYear last(fy.be() - 1);
  out.year = fy.be();
  const framework::Framework* current = app.catalogue().year(fy.be());
  const framework::Framework* previous = app.catalogue().year(last.be());
  if (!current || !previous) return fail(Error::no_framework(current ? last.be() : fy.be()));
  if (app.get<measures::Service>().plan(agency_id, fy.be()))
    return fail(Error::make(ErrorKind::conflict, "error.conflict", "the demo year has a plan already"));

  auto admin = principal_of(app, agency_id, "admin@example.org");
  auto executive = admin ? principal_of(app, agency_id, "executive@example.org") : admin;
  auto finance = executive ? principal_of(app, agency_id, "staff@example.org") : executive;
  auto works = finance ? principal_of(app, agency_id, "works@example.org") : finance;
  if (!works) return fail(works.error());
  const std::vector<accounts::Unit> units = app.get<accounts::Service>().units(agency_id);

  // Each step happens on its day, in the order of the days; a step whose day is still to come
  // is left for real life.
  Draw draw;
  using Step = std::function<Result<void>()>;
  std::vector<std::pair<std::int64_t, Step>> steps;
  auto on = [&](Date day, int hour, Step step) {
    steps.emplace_back(calendar::start_of_day(day) + hour * 3600, std::move(step));
  };
  auto run = [&]() -> Result<void> {  // a step may add steps
    while (!steps.empty()) {
      auto first =
          std::min_element(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      auto [at, step] = std::move(*first);
      steps.erase(first);
      if (at > now) continue;
      clock.set(at);
      if (auto r = step(); !r) return r;
    }
    return ok();
  };

  auto answer = [&](const surveys::Survey& s, int responses, const std::set<std::string>& weak) -> Result<void> {
    const framework::Framework* f = app.get<surveys::Service>().framework_of(s);
    auto lines = app.get<surveys::Service>().lines(s);
    if (!lines) return fail(lines.error());
    for (int n = 0; n < responses; ++n) {
      std::map<std::string, std::string, std::less<>> answers;
      for (const surveys::Line& l : *lines) {
        double good = weak.contains(l.item_code) ? 0.3 : l.scale->options.size() == 2 ? 0.96 : 0.85;
        answers[l.key] = pick(*f, l, good, draw);
      }
      if (auto r = app.get<surveys::Service>().answer(agency_id, s.token, answers); !r) return r;
      ++out.survey_responses;
    }
    return ok();
  };
  // A survey made on the day it opens; its answers counted two weeks later.
  auto survey = [&](const calendar::FiscalYear& year, std::string kind, std::string title, Date opens, Date closes,
                    int responses, const std::set<std::string>* weak, std::string questions = "") {
    auto made = std::make_shared<std::optional<surveys::Survey>>();
    on(opens, 9, [=, &app, &admin]() -> Result<void> {
      surveys::SurveyInput in{kind,
                              std::to_string(year.be()),
                              title,
                              questions,
                              calendar::iso(opens),
                              calendar::iso(closes),
                              std::to_string(responses)};
      auto id = app.get<surveys::Service>().create(*admin, in);
      if (!id) return fail(id.error());
      auto s = app.get<surveys::Service>().get(*admin, *id);
      if (!s) return fail(s.error());
      *made = *s;
      return ok();
    });
    on(calendar::add_days(opens, 14), 17, [=, &answer]() { return answer(**made, responses, *weak); });
  };

  // Last year's surveys, in June: what ITA of that year would flag.
  const Date june = last.month(9).first, july_end = last.month(10).last;
  survey(last, "eit", "แบบวัดการรับรู้ของผู้รับบริการ (EIT) ปี " + std::to_string(last.be()), june, july_end, 40,
         &kWeakLastYear);
  survey(last, "iit", "แบบวัดการรับรู้ของบุคลากร (IIT) ปี " + std::to_string(last.be()), june, july_end, 20, &kWeakLastYear);

  // This year's plan, from last year's proposals, early in October.
  std::vector<std::int64_t> issue_ids;
  std::vector<const http::Principal*> filers;
  on(calendar::add_days(fy.period().first, 1), 10, [&]() -> Result<void> {
    auto proposals = app.get<surveys::Service>().proposals(*admin, last.be());
    if (!proposals) return fail(proposals.error());
    std::size_t n = 0;
    for (const surveys::Proposal& p : proposals->items) {
      const framework::Item* item = previous->item(p.code);
      if (!item) continue;
      measures::IssueDraft d = measures::draft_for_item(*previous, *item);
      // The office, finance and works take the issues in turn; finance and works file their own.
      std::size_t unit = n % 3;
      const http::Principal* filer = unit == 1 ? &*finance : unit == 2 ? &*works : &*admin;
      if (unit < units.size()) d.unit_ids = {std::to_string(units[unit].id)};
      d.steps = steps_for(*item);
      d.cadence = n % 2 == 0 ? "monthly" : "quarterly";
      auto id = app.get<measures::Service>().save_issue(*admin, fy.be(), std::nullopt, d);
      if (!id) return fail(id.error());
      issue_ids.push_back(*id);
      filers.push_back(filer);
      ++n;
    }
    out.plan_issues = n;
    return ok();
  });
  if (auto r = run(); !r) return fail(r.error());

  // The OIT registry, mid-October: about half the items, each said to be a demo entry.
  on(calendar::add_days(fy.period().first, 9), 10, [&]() -> Result<void> {
    std::size_t n = 0;
    for (const framework::Item* item : current->items_of(framework::Tool::oit)) {
      if (n++ % 2 == 1 || answered_by_modules(app, *item)) continue;  // Prongsai fills those from its own pages
      disclosure::EvidenceInput in;
      in.kind = "text";
      in.title = item->name_th;
      in.body = "ข้อมูลตัวอย่างสำหรับทดลองใช้ระบบ: " + item->name_th + " ของหน่วยงานตัวอย่าง";
      in.published_on = calendar::iso(calendar::local_date(clock.now()));
      if (item->cadence.kind == framework::CadenceKind::monthly) {  // each month's, five days after it ends
        for (int m = 1; m <= 12; ++m) {
          calendar::Period month = fy.month(m);
          on(calendar::add_days(month.last, 5), 10, [&, in, month, code = item->code]() mutable -> Result<void> {
            in.period = calendar::iso(month.first).substr(0, 7);
            in.title += " " + disclosure::period_label(in.period, Lang::th);
            in.published_on = calendar::iso(calendar::local_date(clock.now()));
            if (auto r = app.get<disclosure::Service>().add_evidence(*admin, fy.be(), code, in); !r)
              return fail(r.error());
            ++out.oit_entries;
            return ok();
          });
        }
        continue;
      }
      if (item->cadence.kind == framework::CadenceKind::half_yearly) continue;  // nothing due yet
      if (auto r = app.get<disclosure::Service>().add_evidence(*admin, fy.be(), item->code, in); !r)
        return fail(r.error());
      ++out.oit_entries;
    }
    return ok();
  });

  // The executive approves the plan for the public, and any plan of an earlier year that was
  // imported and never approved (make run's report of 2566): approved today, which the OIT
  // registry of that year sees as published outside it.
  on(calendar::add_days(fy.period().first, 14), 14, [&]() -> Result<void> {
    auto& measures = app.get<measures::Service>();
    for (const measures::PlanSummary& p : measures.plans(agency_id)) {
      if (p.fiscal_year == fy.be() || !measures.publications(agency_id, p.fiscal_year).empty()) continue;
      auto v = measures.approve_plan(*executive, p.fiscal_year, "อนุมัติให้เผยแพร่ (ข้อมูลตัวอย่าง)");
      if (!v) return fail(v.error());
    }
    if (issue_ids.empty()) return ok();  // last year's answers flagged nothing: no plan to approve
    auto v = measures.approve_plan(*executive, fy.be(), "อนุมัติให้เผยแพร่ (ข้อมูลตัวอย่าง)");
    return v ? ok() : Result<void>(fail(v.error()));
  });

  // The agency's pages that answer OIT items by themselves: its contact details on the first
  // day, a post early each month (one on a participation activity), a question answered.
  on(fy.period().first, 9, [&]() -> Result<void> {
    contact::Contact c;
    c.address = "ที่ทำการหน่วยงานตัวอย่าง หมู่ 1 ตำบลตัวอย่าง อำเภอตัวอย่าง จังหวัดตัวอย่าง 30000 (ข้อมูลตัวอย่าง)";
    c.hours = "จันทร์–ศุกร์ 08:30–16:30 น. เว้นวันหยุดราชการ";
    c.phone = "0 4400 0000";
    c.email = "saraban@example.org";
    c.facebook = "https://www.facebook.com/example";
    c.line = "@example";
    return app.get<contact::Contacts>().save(*admin, c);
  });
  // Its people: the executives, the council's chair, the ปลัด and a head for each unit.
  on(fy.period().first, 9, [&]() -> Result<void> {
    auto& people = app.get<about::People>();
    const std::string from = calendar::iso(calendar::add_days(fy.period().first, -400));
    std::vector<about::PersonInput> list = {
        {"executive", "นายกองค์การบริหารส่วนตำบล", "นายสมชาย ตัวอย่าง (ข้อมูลตัวอย่าง)", "", "0 4400 0001", "", from, "", "1"},
        {"executive", "รองนายกองค์การบริหารส่วนตำบล", "นางสมศรี ตัวอย่าง (ข้อมูลตัวอย่าง)", "", "", "", from, "", "2"},
        {"council", "ประธานสภาองค์การบริหารส่วนตำบล", "นายสมหมาย ตัวอย่าง (ข้อมูลตัวอย่าง)", "", "", "", from, "", "1"},
        {"official", "ปลัดองค์การบริหารส่วนตำบล", "นางสาวสมใจ ตัวอย่าง (ข้อมูลตัวอย่าง)", "", "0 4400 0000", "", "", "", "1"},
    };
    for (const accounts::Unit& u : units)
      if (u.active)
        list.push_back({"official", "หัวหน้า" + u.name_th, "หัวหน้า" + u.name_th + " (ข้อมูลตัวอย่าง)", std::to_string(u.id),
                        "", "", "", "", "1"});
    for (about::PersonInput& in : list) {
      in.heads_unit = !in.unit_id.empty();
      if (auto r = people.save(*admin, std::nullopt, in); !r) return fail(r.error());
    }
    return ok();
  });
  // Its authority and duties, and the laws it works under (titles only: no address is made up).
  on(fy.period().first, 9, [&]() -> Result<void> {
    auto& texts = app.get<about::Texts>();
    if (auto r = texts.save_duties(*admin,
                                   "(ข้อมูลตัวอย่าง) องค์การบริหารส่วนตำบลมีหน้าที่ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล "
                                   "พ.ศ. 2537 มาตรา 66 และมาตรา 67 เช่น\n"
                                   "(1) จัดให้มีและบำรุงรักษาทางน้ำและทางบก\n"
                                   "(2) รักษาความสะอาดของถนน ทางน้ำ ทางเดิน และที่สาธารณะ รวมทั้งกำจัดมูลฝอยและสิ่งปฏิกูล\n"
                                   "(3) ป้องกันโรคและระงับโรคติดต่อ\n"
                                   "(4) ป้องกันและบรรเทาสาธารณภัย\n"
                                   "(5) ส่งเสริมการศึกษา ศาสนา และวัฒนธรรม\n"
                                   "(6) ส่งเสริมการพัฒนาสตรี เด็ก เยาวชน ผู้สูงอายุ และผู้พิการ\n"
                                   "(7) คุ้มครอง ดูแล และบำรุงรักษาทรัพยากรธรรมชาติและสิ่งแวดล้อม");
        !r)
      return r;
    for (const char* title :
         {"พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537",
          "พระราชบัญญัติกำหนดแผนและขั้นตอนการกระจายอำนาจให้แก่องค์กรปกครองส่วนท้องถิ่น พ.ศ. 2542",
          "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540", "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560"})
      if (auto r = texts.save_law(*admin, std::nullopt, {title, "", ""}); !r) return fail(r.error());
    return ok();
  });
  // The privacy notice, reviewed: the agency's part names the controller and its officer.
  on(fy.period().first, 9, [&]() -> Result<void> {
    auto agency = app.get<accounts::Service>().agency(agency_id);
    if (!agency) return fail(agency.error());
    return app.get<website::Service>().save_texts(
        *admin, {{website::Page::privacy, "(ข้อมูลตัวอย่าง) ผู้ควบคุมข้อมูลส่วนบุคคล: " + agency->name_th +
                                              "\nเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล: ปลัด ติดต่อผ่านหน้าข้อมูลการติดต่อ"}});
  });
  // Its library: the development plan of five years, the staff's manual and the guideline for
  // corruption complaints (in force until withdrawn), an order of this year. Each file a short
  // PDF that says it is a demo.
  on(fy.period().first, 9, [&]() -> Result<void> {
    auto& library = app.get<library::Library>();
    struct Demo {
      const char* kind;
      std::string title, number;
      Date issued;
      int year;
      std::string until;
      std::vector<std::string> roles;
      std::vector<std::string> lines;
    };
    const int be = fy.be();
    const std::vector<Demo> docs = {
        {"plan",
         "แผนพัฒนาท้องถิ่น (พ.ศ. " + std::to_string(be - 4) + "–" + std::to_string(be) + ")",
         "",
         calendar::add_days(fy.period().first, -4 * 365 - 120),
         be - 4,
         std::to_string(be),
         {std::string(framework::role::development_plan)},
         {"ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน", "ยุทธศาสตร์ที่ 2 การพัฒนาคุณภาพชีวิต", "ยุทธศาสตร์ที่ 3 การบริหารจัดการที่ดี"}},
        {"manual",
         "คู่มือการปฏิบัติงานของเจ้าหน้าที่",
         "",
         calendar::add_days(fy.period().first, -300),
         be - 1,
         "ongoing",
         {std::string(framework::role::work_manual)},
         {"ขั้นตอนการรับเรื่องและการให้บริการ", "การจัดเก็บเอกสารและการรายงาน"}},
        {"manual",
         "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
         "",
         calendar::add_days(fy.period().first, -250),
         be - 1,
         "ongoing",
         {std::string(framework::role::complaint_guideline)},
         {"ช่องทางการรับเรื่อง", "การคุ้มครองผู้ร้องเรียน", "ระยะเวลาการดำเนินการและการแจ้งผล"}},
        {"order",
         "คำสั่งแต่งตั้งคณะทำงานการประเมินคุณธรรมและความโปร่งใส (ITA)",
         "1/" + std::to_string(be),
         calendar::add_days(fy.period().first, 7),
         be,
         "",
         {},
         {"แต่งตั้งคณะทำงานและหน้าที่ของคณะทำงาน"}},
    };
    for (const Demo& d : docs) {
      library::DocumentInput in;
      in.kind = d.kind;
      in.title = d.title + " (ข้อมูลตัวอย่าง)";
      in.number = d.number;
      in.issued_on = calendar::iso(d.issued);
      in.fiscal_year = std::to_string(d.year);
      in.until = d.until;
      in.roles = d.roles;
      const std::string bytes = demo_pdf(d.title, d.lines);  // the upload is a view of it
      in.files = {{d.title + ".pdf", bytes}};
      if (auto r = library.save(*admin, std::nullopt, in); !r) return fail(r.error());
    }
    return ok();
  });
  const char* kPosts[][2] = {
      {"news", "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง"},
      {"participation", "ประชุมประชาคมหมู่บ้านเพื่อทบทวนแผนพัฒนาท้องถิ่น"},
      {"activity", "โครงการอบรมคุณธรรมจริยธรรมสำหรับบุคลากร"},
      {"announcement", "ประกาศวันหยุดราชการและการให้บริการช่วงเทศกาล"},
  };
  for (int m = 1; m <= 12; ++m) {
    on(calendar::add_days(fy.month(m).first, 2), 10, [&, m]() -> Result<void> {
      const char* const* post = kPosts[(m - 1) % std::size(kPosts)];
      news::PostInput in;
      in.category = post[0];
      in.title = std::string(post[1]) + " (" +
                 calendar::month_name(static_cast<unsigned>(fy.month(m).first.month()), Lang::th,
                                      calendar::Style::short_form) +
                 ")";
      in.body = std::string("ข้อมูลตัวอย่างสำหรับทดลองใช้ระบบ: ") + post[1] + " ของหน่วยงานตัวอย่าง";
      in.publish = true;
      // A picture of words, said to be an example: a post shared in LINE shows it.
      static constexpr unsigned kColours[] = {0x0b4f8a, 0x1d5e3a, 0x5b2a86, 0x8a1c2b};
      const std::string picture = documents::title_picture_png(
          in.title, "ภาพตัวอย่างของระบบโปร่งใส", kColours[(m - 1) % std::size(kColours)]);  // the upload is a view of it
      in.images = {{"demo-" + std::to_string(m) + ".png", picture}};
      auto r = app.get<news::News>().save(*admin, std::nullopt, in);
      return r ? ok() : Result<void>(fail(r.error()));
    });
  }
  // The register of purchases: the พัสดุ officer (or, in a demo made before that user, the admin)
  // records each month's two purchases on the 12th.
  auto supplies = principal_of(app, agency_id, "supplies@example.org");
  const http::Principal& buyer = supplies ? *supplies : *admin;
  const char* kPurchases[][3] = {
      {"จัดซื้อวัสดุสำนักงาน (ข้อมูลตัวอย่าง)", "specific", "ร้านสมหมายพาณิชย์ (ตัวอย่าง)"},
      {"จัดซื้อน้ำมันเชื้อเพลิงสำหรับรถส่วนกลาง (ข้อมูลตัวอย่าง)", "specific", "หจก.ปั๊มน้ำมันนาหม่อม (ตัวอย่าง)"},
      {"จ้างซ่อมแซมถนนลูกรังภายในหมู่บ้าน (ข้อมูลตัวอย่าง)", "e_bidding", "หจก.นาหม่อมก่อสร้าง (ตัวอย่าง)"},
      {"จัดซื้อครุภัณฑ์คอมพิวเตอร์ (ข้อมูลตัวอย่าง)", "e_market", "บริษัท ไทยออฟฟิศ จำกัด (ตัวอย่าง)"},
  };
  for (int m = 1; m <= 12; ++m) {
    on(calendar::add_days(fy.month(m).first, 11), 11, [&, m]() -> Result<void> {
      for (int k = 0; k < 2; ++k) {
        const char* const* what = kPurchases[(m * 2 + k) % std::size(kPurchases)];
        procurement::ProjectInput in;
        in.name = what[0];
        in.method = what[1];
        in.status = "contracted";
        in.vendor = what[2];
        in.budget_source = "งบประมาณรายจ่ายประจำปี";
        in.reason = "เป็นผู้มีคุณสมบัติครบถ้วนและเสนอราคาที่เหมาะสม";
        const std::int64_t reference = 5'000'00 + static_cast<std::int64_t>(draw.next() * 95'000) * 100;
        const std::int64_t agreed = reference - static_cast<std::int64_t>(draw.next() * 2'000) * 100;
        in.budget = procurement::baht(reference);
        in.reference_price = procurement::baht(reference);
        in.agreed_price = procurement::baht(agreed);
        in.bids = {{what[2], procurement::baht(agreed)}};
        calendar::Date day = calendar::local_date(clock.now());
        in.contracts = {{std::to_string(m * 2 + k) + "/" + std::to_string(fy.be()), what[2], procurement::baht(agreed),
                         calendar::iso(day), calendar::iso(calendar::add_days(day, 30))}};
        // A purchase by e-bidding has its invitation (a fortnight before) and its winner
        // announcement (today) in the library, put with it.
        if (in.method == "e_bidding") {
          const std::string number = std::to_string(m * 2 + k) + "/" + std::to_string(fy.be());
          const std::pair<const char*, calendar::Date> notices[] = {{"invitation", calendar::add_days(day, -14)},
                                                                    {"winner", day}};
          for (const auto& [role, issued] : notices) {
            const std::string title =
                std::string(role == std::string_view("invitation") ? "ประกาศเชิญชวน " : "ประกาศผลผู้ชนะการเสนอราคา ") +
                what[0];
            library::DocumentInput doc;
            doc.kind = "announcement";
            doc.title = title;
            doc.number = number;
            doc.issued_on = calendar::iso(issued);
            doc.fiscal_year = std::to_string(fy.be());
            const std::string bytes = demo_pdf(title, {what[0], what[2]});
            doc.files = {{"announcement.pdf", bytes}};  // the upload is a view of it
            auto saved = app.get<library::Library>().save(*admin, std::nullopt, doc);
            if (!saved) return fail(saved.error());
            in.documents.push_back({std::to_string(*saved), role});
          }
        }
        if (auto r = app.get<procurement::Register>().save(buyer, std::nullopt, fy.be(), in); !r)
          return fail(r.error());
      }
      return ok();
    });
    // The month's summary, published on the 5th of the next month (before the 10th, when it is due).
    on(calendar::add_days(fy.month(m).last, 5), 9, [&, m]() -> Result<void> {
      auto r = app.get<procurement::Summaries>().publish(buyer, fy.be(), procurement::month_key(fy.be(), m), "");
      return r ? ok() : Result<void>(fail(r.error()));
    });
  }
  // The year's purchase plan, kept and published in its first week.
  on(calendar::add_days(fy.period().first, 4), 10, [&]() -> Result<void> {
    auto month = [&](int m) { return procurement::month_key(fy.be(), m); };
    std::vector<procurement::PlanLineInput> lines = {
        {"จัดซื้อวัสดุสำนักงาน (ข้อมูลตัวอย่าง)", "240,000", "งบประมาณรายจ่ายประจำปี", "specific", month(1), "", ""},
        {"จัดซื้อน้ำมันเชื้อเพลิงสำหรับรถส่วนกลาง (ข้อมูลตัวอย่าง)", "360,000", "งบประมาณรายจ่ายประจำปี", "specific", month(1), "",
         "จัดซื้อเป็นรายเดือน"},
        {"จ้างซ่อมแซมถนนลูกรังภายในหมู่บ้าน (ข้อมูลตัวอย่าง)", "1,200,000", "งบประมาณรายจ่ายประจำปี", "e_bidding", month(4), "", ""},
        {"จัดซื้อครุภัณฑ์คอมพิวเตอร์ (ข้อมูลตัวอย่าง)", "180,000", "งบประมาณรายจ่ายประจำปี", "e_market", month(6), "", ""}};
    if (auto r = app.get<procurement::Summaries>().save_plan(buyer, fy.be(), lines, Lang::th); !r) return r;
    auto r = app.get<procurement::Summaries>().publish_plan(buyer, fy.be(), "");
    return r ? ok() : Result<void>(fail(r.error()));
  });
  // Last year's register, a purchase a month, and its year's report, published on 20 October:
  // what this year's assessment asks of the year before.
  for (int m = 1; m <= 12; ++m) {
    on(calendar::add_days(last.month(m).first, 11), 11, [&, m]() -> Result<void> {
      const char* const* what = kPurchases[m % std::size(kPurchases)];
      const std::string price = procurement::baht(20'000'00 + static_cast<std::int64_t>(draw.next() * 80'000) * 100);
      calendar::Date day = calendar::local_date(clock.now());
      procurement::ProjectInput in;
      in.name = what[0];
      in.method = what[1];
      in.status = "delivered";
      in.vendor = what[2];
      in.budget = price;
      in.agreed_price = price;
      in.contracts = {{std::to_string(m) + "/" + std::to_string(last.be()), what[2], price, calendar::iso(day), ""}};
      auto r = app.get<procurement::Register>().save(buyer, std::nullopt, last.be(), in);
      return r ? ok() : Result<void>(fail(r.error()));
    });
  }
  on(calendar::add_days(fy.period().first, 19), 14, [&]() -> Result<void> {
    procurement::AnnualTexts texts{
        "ปีงบประมาณที่ผ่านมาจัดซื้อจัดจ้างด้วยวิธีเฉพาะเจาะจงเป็นส่วนใหญ่ ตามวงเงินของแต่ละรายการ (ข้อมูลตัวอย่าง)",
        "บางเดือนมีผู้เสนอราคาน้อยราย (ข้อมูลตัวอย่าง)", "ประชาสัมพันธ์ประกาศเชิญชวนให้ผู้ประกอบการในพื้นที่ทราบล่วงหน้า (ข้อมูลตัวอย่าง)"};
    auto r = app.get<procurement::Summaries>().publish_year(buyer, last.be(), texts, "");
    return r ? ok() : Result<void>(fail(r.error()));
  });
  on(calendar::add_days(fy.period().first, 12), 15, [&]() -> Result<void> {
    auto r = app.get<qa::Questions>().ask(agency_id, "", "ขอทราบขั้นตอนการขออนุญาตก่อสร้างอาคาร (ข้อมูลตัวอย่าง)");
    return r ? ok() : Result<void>(fail(r.error()));
  });
  on(calendar::add_days(fy.period().first, 13), 10, [&]() -> Result<void> {
    auto inbox = app.get<qa::Questions>().inbox(*admin);
    if (!inbox) return fail(inbox.error());
    for (const qa::Question& q : *inbox) {
      if (q.status != qa::QuestionStatus::waiting) continue;
      auto r = app.get<qa::Questions>().answer(
          *admin, q.id, "ยื่นคำขอพร้อมแบบแปลนที่กองช่าง หรือทาง E-Service ของหน่วยงาน ภายใน 45 วัน (ข้อมูลตัวอย่าง)");
      if (!r) return r;
    }
    return ok();
  });

  // This year's surveys open in November.
  const Date november = fy.month(2).first, january_end = fy.month(4).last;
  survey(fy, "eit", "แบบวัดการรับรู้ของผู้รับบริการ (EIT) ปี " + std::to_string(fy.be()), november, january_end, 30,
         &kWeakThisYear);
  survey(fy, "iit", "แบบวัดการรับรู้ของบุคลากร (IIT) ปี " + std::to_string(fy.be()), november, january_end, 15,
         &kWeakThisYear);
  // The counter's satisfaction survey, open all year from mid-October: its results are public.
  static const std::set<std::string> kNone;
  survey(fy, "satisfaction", "แบบสำรวจความพึงพอใจการให้บริการ ปี " + std::to_string(fy.be()),
         calendar::add_days(fy.period().first, 14), fy.period().last, 12, &kNone,
         "ความสะดวกในการติดต่อขอรับบริการ\nความรวดเร็วในการให้บริการ\nความสุภาพและความเต็มใจของเจ้าหน้าที่\n"
         "ความพึงพอใจต่อการให้บริการโดยรวม");

  // Progress reports whose day has passed: filed two days after, acknowledged three days after;
  // the last one of the first issue is left unfiled, as happens.
  struct Report {
    Date due;
    std::size_t issue;
  };
  std::vector<Report> reports;
  for (std::size_t i = 0; i < issue_ids.size(); ++i) {
    auto schedule = app.get<measures::Service>().schedule(agency_id, issue_ids[i]);
    if (!schedule) return fail(schedule.error());
    std::vector<Date> passed;
    for (Date d : schedule->due)
      if (calendar::start_of_day(calendar::add_days(d, 2)) + 10 * 3600 <= now) passed.push_back(d);
    if (i == 0 && !passed.empty()) passed.pop_back();
    for (Date d : passed) reports.push_back({d, i});
  }
  std::sort(reports.begin(), reports.end(), [](const Report& a, const Report& b) { return a.due < b.due; });
  for (const Report& r : reports) {
    on(calendar::add_days(r.due, 2), 10, [&, r]() -> Result<void> {
      auto filed = app.get<measures::Service>().file_progress(
          *filers[r.issue], issue_ids[r.issue], r.due, measures::WorkStatus::in_progress,
          "ดำเนินการตามขั้นตอนที่ 1 และ 2 แล้ว อยู่ระหว่างประชาสัมพันธ์และติดตามผล (ข้อมูลตัวอย่าง)", "");
      if (!filed) return filed;
      ++out.progress_reports;
      return ok();
    });
  }
  for (const Report& r : reports) {
    on(calendar::add_days(r.due, 3), 11, [&, r]() -> Result<void> {
      return app.get<measures::Service>().review_progress(*executive, issue_ids[r.issue], r.due,
                                                          measures::Review::acknowledged, "รับทราบ");
    });
  }
  auto done = run();
  clock.set(now);
  if (!done) return fail(done.error());
  return out;
}

}  // namespace prongsai::app
