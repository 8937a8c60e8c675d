// A national host on one PostgreSQL database, made for measuring (bench/national_host.sh).
//
//   national_host template --db URL [--agency SLUG]
//     Grows the demo agency (`init --demo`, `import report`, `demo`) to a whole agency's size
//     through the same services a person uses: every OIT item of the year filled, a few hundred
//     survey answers, complaints worked by the complaint officer, questions answered, a news
//     post a week.
//
//   national_host clone --pg CONNINFO --schema S --agencies N
//     Copies that agency until the database holds N agencies: every table that holds agency
//     data is copied row for row in SQL, ids moved by a stride (a power of ten above the
//     largest id), receipt codes and survey tokens made unique, and each copy's audit chain
//     written again with its own agency's hashes (the same audit_hash the write path uses), so
//     that `prongsai audit verify` holds for every agency. Sessions, mail, LINE links, throttling
//     counters and the search index are not copied: they are a day's traffic, not an agency.
//
// What a copy is not: its passwords, keys and TOTP secrets are the template's (one password
// signs in to every copy's users); its news pictures and files are the template's bytes, kept
// again under each copy.
#include <libpq-fe.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <limits>
#include <map>
#include <random>
#include <set>

#include "app/app.hpp"
#include "core/thai_calendar.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/cases/cases.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/news/news.hpp"
#include "modules/qa/qa.hpp"
#include "modules/surveys/surveys.hpp"
#include "store/audit_chain.hpp"

using namespace prongsai;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "national_host: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T must(Result<T> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().detail);
  return std::move(*r);
}
void must(Result<void> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().detail);
}

// ---- template: one agency grown to size through the services -------------------------------

struct Sizes {
  int answers = 300, complaints = 40, questions = 20, posts = 12;
};

int grow_template(const std::string& db, const std::string& slug, const Sizes& sizes) {
  app::Options options;
  options.db_url = db;
  options.must_exist = true;
  auto app = must(app::App::open(options), "open");
  auto& accounts = app->get<accounts::Service>();
  std::int64_t agency_id = 0;
  if (slug.empty()) {
    agency_id = accounts.agency_for_host("");
  } else if (auto a = accounts.agency_by_slug(slug)) {
    agency_id = a->id;
  }
  if (agency_id == 0) die("no such agency");
  auto admin = must(accounts.principal_of(agency_id, "admin@example.org"), "admin@example.org (init --demo)");
  auto complaints_officer = must(accounts.principal_of(agency_id, "complaints@example.org"), "complaints@example.org");
  std::mt19937 rng(8317);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };

  const std::int64_t now = Clock::system().now();
  const calendar::Date today = calendar::local_date(now);
  const calendar::FiscalYear fy = calendar::FiscalYear::of(today);
  const framework::Framework* current = app->catalogue().year(fy.be());
  if (!current) die("no framework for the current year");

  // Every slot of an OIT item that is due (or the year's own) and empty gets its evidence.
  auto& disclosure = app->get<disclosure::Service>();
  auto registry = must(disclosure.registry(agency_id, fy.be(), today, Lang::th), "registry");
  int evidence = 0;
  for (const disclosure::ItemState& state : registry.items) {
    const framework::Item& item = *state.item;
    for (const disclosure::Slot& slot : state.slots) {
      if (!slot.entries.empty() || (!slot.due && !slot.period.empty())) continue;
      disclosure::EvidenceInput in;
      in.kind = "text";
      in.title = item.name_th;
      in.body = "ข้อมูลสำหรับวัดความเร็ว: " + item.name_th + " ของหน่วยงาน";
      in.published_on = calendar::iso(today);
      in.period = slot.period;
      if (disclosure.add_evidence(admin, fy.be(), item.code, in)) ++evidence;
    }
  }

  // Survey answers: `answers` more to the year's EIT survey (the demo's, open since November).
  auto& surveys = app->get<surveys::Service>();
  int answered = 0;
  for (const surveys::Survey& s : must(surveys.list(admin), "surveys")) {
    if (s.kind != surveys::Kind::eit || s.year != fy.be()) continue;
    auto lines = must(surveys.lines(s), "survey lines");
    for (int n = 0; n < sizes.answers; ++n) {
      std::map<std::string, std::string, std::less<>> answers;
      for (const surveys::Line& l : lines) {
        const auto& options = l.scale->options;
        std::size_t i = chance(0.7) ? 0 : std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng);
        answers[l.key] = std::to_string(options[i].value);
      }
      must(surveys.answer(agency_id, s.token, answers), "survey answer");
      ++answered;
    }
    break;
  }

  // Complaints from the public form, most of them worked and answered.
  auto& cases = app->get<cases::Service>();
  int complaints = 0;
  static const char* kTopics[] = {"complaint", "suggestion", "praise"};
  for (int n = 0; n < sizes.complaints; ++n) {
    cases::Submission s;
    s.topic = kTopics[n % 3];
    s.content.subject = "ไฟฟ้าส่องสว่างสาธารณะดับ หมู่ " + std::to_string(n % 12 + 1);
    s.content.details = "ไฟฟ้าส่องสว่างริมถนนในหมู่บ้านดับหลายดวงมาหลายสัปดาห์ ขอให้ตรวจสอบและซ่อมแซม (ข้อมูลสำหรับวัดความเร็ว)";
    if (n % 2 == 0) s.content.name = "ผู้ร้องเรียน " + std::to_string(n);
    auto receipt = must(cases.submit(agency_id, s, store::Actor::citizen()), "complaint");
    ++complaints;
    if (n % 4 == 3) continue;  // waiting
    must(cases.move(complaints_officer, receipt.case_id, cases::Status::reviewing, "", ""), "complaint review");
    must(cases.officer_reply(complaints_officer, receipt.case_id, "ได้รับเรื่องแล้ว กองช่างจะออกตรวจสอบภายในสัปดาห์นี้", ""),
         "complaint reply");
    if (n % 4 != 0)
      must(cases.move(complaints_officer, receipt.case_id, cases::Status::resolved, "ซ่อมแซมเรียบร้อยแล้ว", ""),
           "complaint close");
  }

  // Questions asked on the website, three in four answered.
  auto& qa = app->get<qa::Questions>();
  for (int n = 0; n < sizes.questions; ++n)
    must(qa.ask(agency_id, "", "ขอทราบกำหนดการชำระภาษีที่ดินและสิ่งปลูกสร้าง ครั้งที่ " + std::to_string(n + 1)), "question");
  int answered_questions = 0;
  for (const qa::Question& q : must(qa.inbox(admin), "questions")) {
    if (q.status != qa::QuestionStatus::waiting || answered_questions * 4 >= sizes.questions * 3) continue;
    must(qa.answer(admin, q.id, "ชำระได้ที่กองคลังภายในเดือนเมษายน หรือทาง E-Service ของหน่วยงาน"), "answer");
    ++answered_questions;
  }

  // News: a post a week, text only.
  auto& news = app->get<news::News>();
  for (int n = 0; n < sizes.posts; ++n) {
    news::PostInput in;
    in.category = n % 3 == 0 ? "activity" : "news";
    in.title = "ข่าวประชาสัมพันธ์ของหน่วยงาน ฉบับที่ " + std::to_string(n + 1);
    in.body = "ประชาสัมพันธ์กิจกรรมของหน่วยงานให้ประชาชนทราบ (ข้อมูลสำหรับวัดความเร็ว)\nรายละเอียดเพิ่มเติมติดต่อสำนักปลัด";
    in.publish = true;
    in.publish_date = calendar::iso(calendar::add_days(today, -7 * (sizes.posts - n)));
    must(news.save(admin, std::nullopt, in), "news");
  }
  std::printf("template: %d OIT evidence, %d survey answers, %d complaints, %d questions (%d answered), %d posts\n",
              evidence, answered, complaints, sizes.questions, answered_questions, sizes.posts);
  return 0;
}

// ---- clone: the template copied in SQL, audit chains written again -------------------------

class Pg {
 public:
  explicit Pg(const std::string& conninfo) : c_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(c_) != CONNECTION_OK) die(std::string("connect: ") + PQerrorMessage(c_));
  }
  ~Pg() { PQfinish(c_); }
  Pg(const Pg&) = delete;
  Pg& operator=(const Pg&) = delete;

  // Rows of a query, every value as text ("" for NULL).
  std::vector<std::vector<std::string>> rows(const std::string& sql) {
    PGresult* r = PQexec(c_, sql.c_str());
    if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
      std::string e = PQresultErrorMessage(r);
      PQclear(r);
      die(e + "\n" + sql.substr(0, 400));
    }
    std::vector<std::vector<std::string>> out(static_cast<std::size_t>(PQntuples(r)));
    for (int i = 0; i < PQntuples(r); ++i)
      for (int j = 0; j < PQnfields(r); ++j)
        out[static_cast<std::size_t>(i)].push_back(PQgetisnull(r, i, j) ? "" : PQgetvalue(r, i, j));
    PQclear(r);
    return out;
  }
  void exec(const std::string& sql) { rows(sql); }
  std::string one(const std::string& sql) {
    auto r = rows(sql);
    return r.empty() || r[0].empty() ? "" : r[0][0];
  }

  void copy_in(const std::string& sql, const std::string& data) {
    if (data.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) die("copy: a smaller --batch, please");
    PGresult* r = PQexec(c_, sql.c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) die(std::string("copy: ") + PQresultErrorMessage(r));
    PQclear(r);
    if (PQputCopyData(c_, data.data(), static_cast<int>(data.size())) != 1 || PQputCopyEnd(c_, nullptr) != 1)
      die(std::string("copy: ") + PQerrorMessage(c_));
    r = PQgetResult(c_);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) die(std::string("copy: ") + PQresultErrorMessage(r));
    PQclear(r);
    while ((r = PQgetResult(c_))) PQclear(r);
  }

 private:
  PGconn* c_;
};

// Text COPY format: backslash, tab, newline and carriage return escaped.
void copy_field(std::string& out, std::string_view v) {
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
}

// A day's traffic or a derived index, not the agency: never copied.
const std::set<std::string> kNotCopied = {"agencies",
                                          "audit_log",
                                          "audit_heads",
                                          "sessions",
                                          "enrolments",
                                          "second_factor_codes",
                                          "officer_session_keys",
                                          "mail_outbox",
                                          "reminder_sent",
                                          "alert_sent",
                                          "line_link_codes",
                                          "line_starts",
                                          "line_events",
                                          "search_docs",
                                          "search_terms",
                                          "calendar_feeds",
                                          "procurement_uploads",
                                          "attachment_intake"};

std::string q(const std::string& name) { return "\"" + name + "\""; }

int clone(const std::string& conninfo, const std::string& schema, std::int64_t agencies, std::int64_t batch) {
  Pg pg(conninfo);
  pg.exec("SET search_path TO " + q(schema));
  const auto t0 = std::chrono::steady_clock::now();
  auto existing = pg.rows("SELECT id FROM agencies ORDER BY id");
  if (existing.size() != 1)
    die("the database must hold the template agency alone (found " + std::to_string(existing.size()) + ")");
  const std::int64_t tpl = std::stoll(existing[0][0]);
  const std::int64_t copies = agencies - 1;

  // The tables of agency data and their columns.
  auto cols = pg.rows(
      "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
      "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
      "WHERE c.table_schema = '" +
      schema +
      "' AND t.table_type = 'BASE TABLE' "
      "AND c.table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = '" +
      schema + "' AND column_name = 'agency_id') ORDER BY c.table_name, c.ordinal_position");
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> tables;
  for (auto& r : cols) tables[r[0]].emplace_back(r[1], r[2]);
  auto is_id = [](const std::string& name, const std::string& type) {
    if (type != "bigint" && type != "integer") return false;
    if (name == "agency_id") return false;
    return name == "id" || name.ends_with("_id") || name.ends_with("_by");
  };

  // The stride: a power of ten above every id the template holds, but for the tables whose ids
  // are drawn at random (survey answers: an order that says nothing), whose copies draw theirs.
  std::int64_t max_id = 0;
  std::set<std::string> random_ids;
  for (auto& [table, columns] : tables)
    for (auto& [name, type] : columns)
      if (name == "id" && type == "bigint")
        if (auto m = pg.one("SELECT max(id) FROM " + q(table)); !m.empty()) {
          if (std::stoll(m) > 1'000'000'000'000)
            random_ids.insert(table);
          else
            max_id = std::max<std::int64_t>(max_id, std::stoll(m));
        }
  std::int64_t stride = 1000;
  while (stride <= max_id) stride *= 10;
  std::printf("template agency %lld; largest id %lld; stride %lld; %lld copies\n", static_cast<long long>(tpl),
              static_cast<long long>(max_id), static_cast<long long>(stride), static_cast<long long>(copies));
  if (stride * (copies + 1) > (std::int64_t{1} << 62)) die("too many copies for the stride");

  // The template's audit chain, read once.
  std::vector<store::AuditEntry> chain;
  for (auto& r : pg.rows("SELECT id, seq, at, actor_user_id, actor, action, entity, entity_id, before_json, after_json "
                         "FROM audit_log WHERE agency_id = " +
                         std::to_string(tpl) + " ORDER BY seq")) {
    store::AuditEntry e;
    e.id = std::stoll(r[0]);
    e.seq = std::stoll(r[1]);
    e.at = std::stoll(r[2]);
    if (!r[3].empty()) e.actor_user_id = std::stoll(r[3]);
    e.actor = r[4];
    e.action = r[5];
    e.entity = r[6];
    e.entity_id = r[7];
    e.before_json = r[8];
    e.after_json = r[9];
    chain.push_back(std::move(e));
  }

  // In the order their foreign keys ask (a table after those it references), which then check
  // every moved id that has a declared reference.
  std::map<std::string, std::set<std::string>> refers;
  for (auto& r : pg.rows("SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c "
                         "JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = '" +
                         schema + "'"))
    if (r[0] != r[1]) refers[r[0]].insert(r[1]);
  std::vector<std::string> order;
  std::set<std::string> placed;
  while (order.size() < tables.size()) {
    const std::size_t before = order.size();
    for (auto& [table, columns] : tables) {
      if (placed.contains(table)) continue;
      bool ready = true;
      for (const std::string& other : refers[table])
        ready = ready && (placed.contains(other) || !tables.contains(other));
      if (ready) order.push_back(table), placed.insert(table);
    }
    if (order.size() == before) die("the foreign keys go round in a circle");
  }

  for (std::int64_t from = 1; from <= copies; from += batch) {
    const std::int64_t to = std::min(copies, from + batch - 1);
    const auto tb = std::chrono::steady_clock::now();
    pg.exec("BEGIN");
    const std::string series = "generate_series(" + std::to_string(from) + ", " + std::to_string(to) + ") k";
    // The agencies: copy-k, a host name of its own.
    pg.exec(
        "INSERT INTO agencies (id, slug, name_th, name_en, host, is_default, created_at, second_factor_optional) "
        "SELECT " +
        std::to_string(tpl) +
        " + k, 'copy-' || k, name_th || ' ' || k, name_en || ' ' || k, "
        "'a' || k || '.national.test', 0, created_at, second_factor_optional FROM agencies, " +
        series + " WHERE id = " + std::to_string(tpl));
    for (const std::string& table : order) {
      if (kNotCopied.contains(table)) continue;
      const auto& columns = tables[table];
      std::string names, values;
      for (auto& [name, type] : columns) {
        if (!names.empty()) names += ", ", values += ", ";
        names += q(name);
        std::string v = "t." + q(name);
        if (name == "agency_id")
          v = std::to_string(tpl) + " + k";
        else if (name == "id" && random_ids.contains(table))
          v = "1 + (random() * 4e15)::bigint";
        else if (is_id(name, type))
          v += " + k * " + std::to_string(stride);
        else if ((table == "surveys" && name == "token") || name == "receipt_id")
          v = "left(" + v + ", length(" + v + ") - 6) || lpad(k::text, 6, '0')";
        values += v;
      }
      pg.exec("INSERT INTO " + q(table) + " (" + names + ") SELECT " + values + " FROM " + q(table) + " t, " + series +
              " WHERE t.agency_id = " + std::to_string(tpl));
    }
    // Each copy's audit chain, hashed again for its agency.
    std::string data, heads;
    for (std::int64_t k = from; k <= to; ++k) {
      std::string prev(store::kGenesisHash);
      std::int64_t last_seq = 0;
      for (const store::AuditEntry& t : chain) {
        store::AuditEntry e = t;
        e.agency_id = tpl + k;
        if (e.actor_user_id) *e.actor_user_id += k * stride;
        e.prev_hash = prev;
        e.hash = store::audit_hash(e);
        prev = e.hash;
        last_seq = e.seq;
        data += std::to_string(e.id + k * stride) + '\t' + std::to_string(e.agency_id) + '\t' + std::to_string(e.seq) +
                '\t' + std::to_string(e.at) + '\t' + (e.actor_user_id ? std::to_string(*e.actor_user_id) : "\\N") +
                '\t';
        for (const std::string* f : {&e.actor, &e.action, &e.entity, &e.entity_id, &e.before_json, &e.after_json}) {
          copy_field(data, *f);
          data += '\t';
        }
        data += e.prev_hash + '\t' + e.hash + '\n';
      }
      if (last_seq > 0) heads += std::to_string(tpl + k) + '\t' + std::to_string(last_seq) + '\t' + prev + '\n';
    }
    pg.copy_in(
        "COPY audit_log (id, agency_id, seq, at, actor_user_id, actor, action, entity, entity_id, before_json, "
        "after_json, prev_hash, hash) FROM STDIN",
        data);
    pg.copy_in("COPY audit_heads (agency_id, seq, hash) FROM STDIN", heads);
    pg.exec("COMMIT");
    std::printf("agencies %lld–%lld: %.1f s (%.0f s in all)\n", static_cast<long long>(tpl + from),
                static_cast<long long>(tpl + to), seconds_since(tb), seconds_since(t0));
    std::fflush(stdout);
  }

  // Identity sequences past the copies' ids; fresh statistics for the planner.
  for (auto& [table, columns] : tables)
    for (auto& [name, type] : columns)
      if (name == "id" && !pg.one("SELECT pg_get_serial_sequence('" + q(schema) + "." + q(table) + "', 'id')").empty())
        pg.exec("SELECT setval(pg_get_serial_sequence('" + q(schema) + "." + q(table) +
                "', 'id'), "
                "GREATEST((SELECT max(id) FROM " +
                q(table) + "), 1))");
  pg.exec("SELECT setval(pg_get_serial_sequence('" + q(schema) + ".agencies', 'id'), (SELECT max(id) FROM agencies))");
  pg.exec("ANALYZE");
  std::printf("cloned: %lld agencies in %.0f s\n", static_cast<long long>(agencies), seconds_since(t0));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"a national host for measuring"};
  cli.require_subcommand(1);
  std::string db, slug, conninfo, schema = "public";
  Sizes sizes;
  std::int64_t agencies = 8317, batch = 200;
  CLI::App* tpl = cli.add_subcommand("template", "grow the demo agency to a whole agency's size");
  tpl->add_option("--db", db)->required();
  tpl->add_option("--agency", slug);
  tpl->add_option("--answers", sizes.answers);
  tpl->add_option("--complaints", sizes.complaints);
  tpl->add_option("--questions", sizes.questions);
  tpl->add_option("--posts", sizes.posts);
  CLI::App* cl = cli.add_subcommand("clone", "copy the template agency until there are --agencies");
  cl->add_option("--pg", conninfo)->required();
  cl->add_option("--schema", schema);
  cl->add_option("--agencies", agencies);
  cl->add_option("--batch", batch);
  CLI11_PARSE(cli, argc, argv);
  if (tpl->parsed()) return grow_template(db, slug, sizes);
  if (agencies < 1 || batch < 1) die("--agencies and --batch must be positive");
  return clone(conninfo, schema, agencies, batch);
}
