// The prongsai command line: serve, init, agency, user, jobs, audit, framework, ... Every command takes
// --db (sqlite:PATH; postgresql://... comes with the PostgreSQL backend).
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <fstream>
#include <iostream>
#include <iterator>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "app/serve.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/pipeline.hpp"
#include "mail/mail.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/audit/audit.hpp"
#include "modules/cases/cases.hpp"
#include "modules/cases/custodian.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/frameworks/frameworks.hpp"
#include "modules/measures/measures.hpp"
#include "modules/reminders/deadlines.hpp"
#include "modules/reminders/feeds.hpp"
#include "modules/reminders/mailer.hpp"
#include "modules/reminders/outbox.hpp"
#include "modules/services/catalogue.hpp"
#include "modules/services/holidays.hpp"
#include "modules/services/requests.hpp"
#include "modules/surveys/surveys.hpp"
#include "store/jobs.hpp"

namespace {

using namespace prongsai;

int report(const Error& e);

std::unique_ptr<app::App> open_or_exit(const app::Options& options, const Clock& clock = Clock::system()) {
  auto app = app::App::open(options, clock);
  if (!app) std::exit(report(app.error()));
  return std::move(*app);
}

constexpr const char* kAgencyOption = "the agency's slug (prongsai agency list); default: the default agency";

// The agency the CLI's commands act on unless told: the default (first) agency.
std::int64_t default_agency_or_exit(app::App& app) {
  std::int64_t id = app.get<accounts::Service>().agency_for_host("");
  if (id == 0) {
    std::cerr << "prongsai: ยังไม่มีหน่วยงานในฐานข้อมูลนี้ เรียก prongsai init ก่อน\n";
    std::exit(1);
  }
  return id;
}

// Writes bytes to `path` through a temporary file renamed into place, so a reader never sees a
// half-written document; "-" is standard output.
bool write_file(const std::string& path, const std::string& bytes) {
  if (path == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(std::cout.flush());
  }
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

// write_file, saying in Thai what could not be written: the command's exit code.
int write_or_say(const std::string& path, const std::string& bytes) {
  if (write_file(path, bytes)) return 0;
  std::cerr << "prongsai: เขียนไฟล์ไม่ได้: " << path << "\n";
  return 1;
}

// A file the command was given, whole; nullopt (said in Thai) when it cannot be read.
std::optional<std::string> read_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "prongsai: อ่านไฟล์ไม่ได้: " << path << "\n";
    return std::nullopt;
  }
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The agency a command names by its slug.
std::int64_t agency_or_exit(app::App& app, const std::string& slug) {
  auto agency = app.get<accounts::Service>().agency_by_slug(slug);
  if (!agency) {
    std::cerr << "prongsai: ไม่พบหน่วยงาน " << slug << " (ดูรายชื่อด้วย prongsai agency list)\n";
    std::exit(1);
  }
  return agency->id;
}

// The agency named by --agency, or the default one when none is.
std::int64_t chosen_agency_or_exit(app::App& app, const std::string& slug) {
  return slug.empty() ? default_agency_or_exit(app) : agency_or_exit(app, slug);
}

// Writes bytes to a file only its owner can read, from its creation on (never readable by others
// for a moment). `keep_existing`: a file that exists already is refused rather than written over.
bool write_private_file(const std::string& path, const std::string& bytes, bool keep_existing) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (keep_existing ? O_EXCL : O_TRUNC), 0600);
  if (fd < 0) return false;
  bool written = ::fchmod(fd, 0600) == 0;  // a file that was there keeps no wider mode
  for (std::size_t done = 0; written && done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0)
      written = false;
    else
      done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) written = false;
  if (!written && keep_existing) ::unlink(path.c_str());
  return written;
}

// Writes a secret to a file only its owner can read.
bool write_secret(const std::string& path, const std::string& secret) {
  return write_private_file(path, secret + "\n", false);
}

// A passphrase from standard input: typed without echo at a terminal (twice when `confirm`),
// or the first line of a pipe. nullopt when none came or the two differ (said in Thai).
std::optional<std::string> read_passphrase(const char* prompt, bool confirm) {
  bool tty = ::isatty(STDIN_FILENO) != 0;
  auto one = [&](const char* p) -> std::optional<std::string> {
    termios before{};
    if (tty) {
      std::cerr << p << std::flush;
      ::tcgetattr(STDIN_FILENO, &before);
      termios quiet = before;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    bool got = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
      ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
      std::cerr << "\n";
    }
    if (!got || line.empty()) return std::nullopt;
    return line;
  };
  auto first = one(prompt);
  if (!first) {
    std::cerr << "prongsai: ไม่ได้รับวลีรหัสผ่าน (พิมพ์ที่หน้าจอ หรือส่งเข้าทาง standard input)\n";
    return std::nullopt;
  }
  if (confirm && tty) {
    auto again = one("พิมพ์วลีรหัสผ่านอีกครั้ง: ");
    if (!again || *again != *first) {
      std::cerr << "prongsai: วลีรหัสผ่านสองครั้งไม่ตรงกัน\n";
      return std::nullopt;
    }
  }
  return first;
}

// `prongsai custodian keygen`: a new key pair in a new key file; prints the public key to
// register and its fingerprint.
int custodian_keygen(const std::string& name, const std::string& out) {
  if (std::ifstream(out).good()) {
    std::cerr << "prongsai: มีไฟล์ " << out << " อยู่แล้ว จะไม่เขียนทับ (ไฟล์กุญแจเดิมที่ถูกเขียนทับกู้คืนไม่ได้)\n";
    return 1;
  }
  auto passphrase = read_passphrase("วลีรหัสผ่านสำหรับไฟล์กุญแจ (อย่างน้อย 12 ตัวอักษร): ", true);
  if (!passphrase) return 1;
  auto keys = cases::sealing::key_pair();
  auto file = cases::custodian::make_key_file(name, *passphrase, keys);
  if (!file) return report(file.error());
  if (!write_private_file(out, *file, true)) {  // a key file written over is lost for good
    std::cerr << "prongsai: เขียนไฟล์ไม่ได้: " << out << "\n";
    return 1;
  }
  std::cout << "ไฟล์กุญแจ: " << out << " (อ่านได้เฉพาะเจ้าของไฟล์; เก็บไว้นอกระบบ สำรองไว้อีกชุดหนึ่ง และจำวลีรหัสผ่านไว้)\n"
            << "ส่งกุญแจสาธารณะบรรทัดนี้ให้ผู้ดูแลระบบของหน่วยงานลงทะเบียน:\n"
            << cases::custodian::public_key_text(keys.public_key) << "\n"
            << "ลายนิ้วมือกุญแจ (อ่านให้เจ้าหน้าที่ฟังเมื่อโทรมาตรวจ): " << cases::custodian::fingerprint(keys.public_key) << "\n";
  return 0;
}

// `prongsai custodian answer`: the request's case keys opened with the key file and sealed to
// the officer's key; only once the fingerprint heard from the officer is given and matches.
int custodian_answer(const std::string& key_path, const std::string& request_path, const std::string& heard,
                     const std::string& out) {
  auto request_text = read_input(request_path);
  if (!request_text) return 1;
  auto request = cases::custodian::parse_request(*request_text);
  if (!request) return report(request.error());
  std::string officer = cases::custodian::fingerprint(request->officer_public_key);
  auto made = calendar::parse_iso(request->made);
  std::cerr << "คำขอจาก: " << request->agency << " (agency " << request->agency_id << ")\n"
            << "เจ้าหน้าที่: " << request->officer_name << " <" << request->officer_email << ">, ทำเมื่อ "
            << (made ? calendar::format(*made, Lang::th) : request->made) << "\n"
            << "จำนวนเรื่อง: " << request->cases.size() << "\n"
            << "ลายนิ้วมือกุญแจของเจ้าหน้าที่ในคำขอ: " << officer << "\n";
  if (heard.empty()) {
    std::cerr << "prongsai: โทรหาเจ้าหน้าที่ที่หมายเลขของหน่วยงานที่ท่านรู้จักอยู่แล้ว ขอให้อ่านลายนิ้วมือกุญแจจากหน้า "
                 "“ผู้ถือกุญแจ” แล้วเรียกคำสั่งนี้อีกครั้งพร้อม --officer-fingerprint ตามที่ได้ยิน\n";
    return 2;
  }
  std::string typed = text::ascii_upper(heard), expected;
  std::erase_if(typed, [](char c) { return c == '-' || c == ' '; });
  for (char c : officer)
    if (c != '-') expected.push_back(c);
  if (typed != expected) {
    std::cerr << "prongsai: ลายนิ้วมือที่ได้ยินไม่ตรงกับคำขอ อย่าส่งคำตอบ คำขอนี้อาจไม่ได้มาจากเจ้าหน้าที่คนนั้น\n";
    return 1;
  }
  auto key_text = read_input(key_path);
  if (!key_text) return 1;
  auto passphrase = read_passphrase("วลีรหัสผ่านของไฟล์กุญแจ: ", false);
  if (!passphrase) return 1;
  auto key = cases::custodian::open_key_file(*key_text, *passphrase);
  if (!key) return report(key.error());
  auto answer = cases::custodian::answer(*request, key->keys);
  if (!answer) return report(answer.error());
  if (int rc = write_or_say(out, cases::custodian::answer_json(*answer)); rc != 0) return rc;
  std::cerr << "เขียนคำตอบแล้ว: " << out << " (" << answer->cases.size()
            << " เรื่อง) ส่งให้เจ้าหน้าที่นำเข้าในหน้า “ผู้ถือกุญแจ” ไฟล์นี้เปิดได้ด้วยกุญแจของเจ้าหน้าที่คนนั้นเท่านั้น\n";
  return 0;
}

// The e-mail options, checked: with an SMTP server, a sender and the site's address for links.
bool mail_options(app::Options& options, const std::string& password_file, bool no_starttls) {
  options.mail.starttls = !no_starttls;
  if (!options.mail.enabled()) return true;
  if (!password_file.empty()) {
    std::ifstream in(password_file);
    std::getline(in, options.mail.password);
  }
  if (!mail::plausible_address(mail::address_of(options.mail.from)) || !options.public_url.starts_with("http")) {
    std::cerr << "prongsai: " << Strings::instance().get(Lang::th, "error.mail_options") << "\n";
    return false;
  }
  while (options.public_url.ends_with('/')) options.public_url.pop_back();
  return true;
}

// A new password, shown once: into a file only its owner reads, or on standard output.
int hand_over_password(const std::string& password_file, const std::string& password) {
  if (password_file.empty()) {
    std::cout << "รหัสผ่าน (แสดงครั้งเดียว): " << password << "\n";
    return 0;
  }
  if (!write_secret(password_file, password)) {
    std::cerr << "prongsai: เขียนไฟล์รหัสผ่านไม่ได้: " << password_file << "\n";
    return 1;
  }
  std::cout << "รหัสผ่านอยู่ในไฟล์ " << password_file << " (อ่านได้เฉพาะเจ้าของไฟล์)\n";
  return 0;
}

// A time for people: the Thai date and time, or "-".
std::string thai_time(std::optional<std::int64_t> t) {
  return t && *t > 0 ? calendar::format_time(*t, Lang::th) : std::string("-");
}

int report(const Error& e) {
  std::cerr << "prongsai: " << Strings::instance().get(Lang::th, e.message_key);
  if (!e.detail.empty()) std::cerr << " (" << e.detail << ")";
  if (!e.field.empty()) std::cerr << " [" << e.field << "]";
  std::cerr << "\n";
  return 1;
}

int run(int argc, char** argv) {
  ::umask(027);  // the database, its WAL and any secret file are not for other users of the machine
  CLI::App cli{"Prongsai (โปร่งใส): ITA measures, disclosure, citizen channels and surveys for a Thai public agency"};
  cli.require_subcommand(1);
  cli.fallthrough();  // --db and the other global options may follow the command
  app::Options options;
  std::string log_level = "info";
  cli.add_option("--db", options.db_url, "database: sqlite:PATH")->capture_default_str();
  cli.add_option("--framework-dir", options.framework_dir, "extra or corrected ITA framework files (<year>.json)");
  cli.add_option("--log-level", log_level, "debug, info, warn, error")->capture_default_str();

  // E-mail reminders: off unless an SMTP server is given. The password comes from a file, not
  // the command line (which every user of the machine can read in the process list).
  std::string smtp_password_file;
  bool smtp_no_starttls = false;
  cli.add_option("--smtp-url", options.mail.url, "SMTP server for reminders, e.g. smtp://mail.example.go.th:587");
  cli.add_option("--smtp-user", options.mail.user, "SMTP login (AUTH), if the server wants one");
  cli.add_option("--smtp-password-file", smtp_password_file, "a file holding the SMTP password")
      ->check(CLI::ExistingFile);
  cli.add_flag("--smtp-no-starttls", smtp_no_starttls,
               "send without STARTTLS (only to a relay on this machine, e.g. smtp://127.0.0.1:25)");
  cli.add_option("--mail-from", options.mail.from, "sender, e.g. \"Prongsai <noreply@example.go.th>\"");
  cli.add_option("--public-url", options.public_url,
                 "the site's address for links in e-mail, e.g. https://www.example.go.th");
  app::ServeOptions serve_options;
  auto* serve = cli.add_subcommand("serve", "serve the web application");
  serve->add_option("--listen", serve_options.listen, "HOST:PORT")->capture_default_str();
  serve->add_option("--io-threads", serve_options.io_threads, "threads serving sockets")->capture_default_str();
  serve->add_option("--workers", serve_options.workers, "threads running writes, hashing and documents")
      ->capture_default_str();
  serve->add_option("--port-file", serve_options.port_file, "write the bound port here (with --listen HOST:0)");
  serve->add_flag("--secure-cookies", options.secure_cookies,
                  "served over HTTPS: Secure \"__Host-\" cookies, HSTS (implied by an https --public-url)");
  std::size_t max_upload_mb = 20;
  serve
      ->add_option("--max-upload-mb", max_upload_mb,
                   "megabytes of one uploaded file: evidence, news images and attachments (default 20)")
      ->check(CLI::Range(1, 500));
  serve->add_option("--node-name", serve_options.node_name,
                    "this node's name in the jobs table and the log (default: host name and process id)");
  long db_timeout = -1;
  serve->add_option("--db-timeout", db_timeout,
                    "seconds a database statement may take before the request gets 503 (default 30)");
  serve->add_option("--trusted-proxy", serve_options.trusted_proxies,
                    "address of a reverse proxy whose X-Real-IP header names the client (repeatable)");
  // Overrides of http::Limits; the values in force are logged at start.
  long header_timeout = -1, body_timeout = -1, idle_timeout = -1, shutdown_grace = -1;
  std::size_t max_body = 0, max_header = 0;
  unsigned max_connections = 0;
  serve->add_option("--header-timeout", header_timeout, "seconds to receive a request's headers (default 10)");
  serve->add_option("--body-timeout", body_timeout, "seconds a request's body may stall between reads (default 30)");
  long body_deadline = -1;
  serve->add_option("--body-deadline", body_deadline, "seconds to receive a whole request body (default 600)");
  std::size_t spool_over_kb = 0;
  serve->add_option("--spool-over-kb", spool_over_kb, "request bodies over this many KiB go to disk (default 256)");
  std::string spool_dir;
  serve
      ->add_option("--spool-dir", spool_dir, "where large request bodies are written as they arrive (default /var/tmp)")
      ->check(CLI::ExistingDirectory);
  serve->add_option("--idle-timeout", idle_timeout, "seconds a keep-alive connection may wait (default 60)");
  serve->add_option("--shutdown-grace", shutdown_grace, "seconds in-flight requests get on SIGTERM (default 10)");
  serve->add_option("--max-body", max_body, "bytes of a request body, where a route sets no other (default 1 MiB)");
  serve->add_option("--max-header", max_header, "bytes of request line and headers (default 8 KiB)");
  serve->add_option("--max-connections", max_connections, "open connections at once (default 1024)");
  unsigned max_per_address = 0, max_unfinished = 0;
  serve->add_option("--max-connections-per-address", max_per_address,
                    "open connections of one client address or IPv6 /64 (default 256; --trusted-proxy spared)");
  serve->add_option("--max-unfinished-per-address", max_unfinished,
                    "connections of one client address still sending their headers (default 32)");

  accounts::Setup setup;
  std::string password_file;
  auto* init = cli.add_subcommand("init", "create the database, the agency and its first admin");
  init->add_option("--agency", setup.agency_name, "the agency's name, e.g. องค์การบริหารส่วนตำบลนาหม่อม")->required();
  init->add_option("--admin-email", setup.admin_email, "the first admin's e-mail (login name)")->capture_default_str();
  init->add_flag("--demo", setup.demo, "also create units and one user per role (for trying it out)");
  init->add_option("--password-file", password_file,
                   "write the password to this file (mode 0600) instead of printing it");

  std::string agency_slug;
  auto* user = cli.add_subcommand("user", "manage users");
  user->require_subcommand(1);
  accounts::UserInput new_user{"", "", "", {}, {}, true};
  std::vector<std::string> roles;
  auto* user_add = user->add_subcommand("add", "add a user; prints a new password once");
  user_add->add_option("--email", new_user.email)->required();
  user_add->add_option("--name", new_user.display_name)->required();
  user_add->add_option("--position", new_user.position);
  user_add->add_option("--role", roles, "admin, executive, staff, complaint_officer, corruption_officer (repeatable)")
      ->required();
  std::string passwd_email;
  auto* user_passwd = user->add_subcommand("passwd", "set a new password for a user; prints it once");
  user_passwd->add_option("--email", passwd_email)->required();
  auto* user_list = user->add_subcommand("list", "list the users of an agency");

  for (auto* sub : {user_add, user_passwd, user_list}) sub->add_option("--agency", agency_slug, kAgencyOption);

  // A multi-agency host: each agency answers at its own host name; the first one (init) answers
  // every other host.
  auto* agency_cmd = cli.add_subcommand("agency", "the agencies of a multi-agency host");
  agency_cmd->require_subcommand(1);
  std::string agency_host;
  auto* agency_add = agency_cmd->add_subcommand("add", "add an agency served at its own host name, with its admin");
  agency_add->add_option("--name", setup.agency_name, "the agency's name, e.g. เทศบาลตำบลบ้านใหม่")->required();
  agency_add->add_option("--host", agency_host, "the host name it is served at, e.g. www.banmai.go.th")->required();
  agency_add->add_option("--admin-email", setup.admin_email, "its first admin's e-mail")->required();
  agency_add->add_option("--password-file", password_file,
                         "write the admin's password to this file (mode 0600) instead of printing it");
  auto* agency_list = agency_cmd->add_subcommand("list", "every agency: id, slug, host, name");
  auto* agency_set_host = agency_cmd->add_subcommand("set-host", "serve an agency at another host name");
  agency_set_host->add_option("--agency", agency_slug, "the agency's slug")->required();
  agency_set_host->add_option("--host", agency_host, "the new host name")->required();

  auto* jobs_cmd = cli.add_subcommand("jobs", "the background jobs: when each ran, on which node, when it is due");
  auto* routes_cmd = cli.add_subcommand(
      "routes", "every address the server answers: method, path, who may call it, the body it takes (JSON lines)");

  auto* audit_cmd = cli.add_subcommand("audit", "the audit log");
  audit_cmd->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand("verify", "check every hash chain; names the first broken entry");
  auto* audit_head = audit_cmd->add_subcommand("head", "print each chain's last hash, to note down outside the system");

  std::string copy_from, copy_to;
  auto* migrate_store = cli.add_subcommand("migrate-store", "move every record of an installation to another database");
  migrate_store->add_option("--from", copy_from, "the database now in use, e.g. sqlite:var/prongsai.db")->required();
  migrate_store->add_option("--to", copy_to, "an empty database, e.g. postgresql://prongsai@db/prongsai")->required();

  std::string backup_out;
  auto* backup = cli.add_subcommand("backup", "a consistent copy of an SQLite database, safe while serving");
  backup->add_option("--out", backup_out, "the new file, e.g. /var/backups/prongsai-$(date +%F).db")->required();

  auto* mail_cmd = cli.add_subcommand(
      "mail", "queue today's reminders and digests and send what is due now (serve does it every 30 seconds)");
  auto* purge = cli.add_subcommand(
      "purge", "delete closed complaints past their retention period now (serve does it every six hours)");

  std::string import_file;
  int import_year = 0;
  auto* import_cmd =
      cli.add_subcommand("import", "import a document into an agency (--agency; default: the default agency)");
  import_cmd->require_subcommand(1);
  auto* import_o43 = import_cmd->add_subcommand(
      "report", "a year's report on its measures (text from its PDF; O43 up to ITA 2567) as that year's plan");
  import_o43->alias("o43");
  import_o43->add_option("FILE", import_file, "the report as text")->required();
  import_o43->add_option("--year", import_year, "the fiscal year it reports on (BE), e.g. 2566")->required();
  import_o43->add_option("--agency", agency_slug, kAgencyOption);

  auto* demo_cmd = cli.add_subcommand(
      "demo",
      "fill the demo agency (init --demo) with the current fiscal year: surveys, a plan made from last "
      "year's results, progress reports, OIT entries; once");
  demo_cmd->add_option("--agency", agency_slug, kAgencyOption);
  std::string demo_as_of;
  demo_cmd->add_option("--as-of", demo_as_of,
                       "the day the demo is filled up to (YYYY-MM-DD, not after today; default: today): its fiscal "
                       "year is the one filled");

  int report_year = 0;
  std::string report_format = "pdf", report_out;
  auto* report_cmd = cli.add_subcommand("report", "the measures plan or the report on it of a year as a document");
  report_cmd->require_subcommand(1);
  std::vector<CLI::App*> report_kinds;
  for (const char* kind : {"plan", "report"}) {
    bool plan = std::string_view(kind) == "plan";
    auto* k = report_cmd->add_subcommand(kind, plan ? "the measures plan (O42 up to ITA 2567, then O27, O25…)"
                                                    : "the report on it (O43 up to ITA 2567, then O28, O26…)");
    k->alias(plan ? "o42" : "o43");
    k->add_option("--year", report_year, "the plan's fiscal year (BE), e.g. 2566")->required();
    k->add_option("--format", report_format, "pdf, docx, xlsx or html")
        ->check(CLI::IsMember({"pdf", "docx", "xlsx", "html"}));
    k->add_option("--out", report_out, "the file to write; - for standard output")->required();
    k->add_option("--agency", agency_slug, kAgencyOption);
    report_kinds.push_back(k);
  }

  int export_year = 0;
  std::string export_base, export_out = "-";
  auto* export_cmd = cli.add_subcommand("export", "export lists of an agency (--agency; default: the default agency)");
  export_cmd->require_subcommand(1);
  auto* export_urls =
      export_cmd->add_subcommand("ita-urls", "the public URL of every OIT item, as CSV for the assessors");
  export_urls->add_option("--year", export_year, "the fiscal year (BE), e.g. 2566")->required();
  export_urls->add_option("--base-url", export_base, "the agency's site, e.g. https://www.example.go.th")->required();
  export_urls->add_option("--out", export_out, "the file to write; - (the default) for standard output");
  export_urls->add_option("--agency", agency_slug, kAgencyOption);

  auto* framework_cmd = cli.add_subcommand("framework", "the ITA framework catalogue");
  framework_cmd->require_subcommand(1);
  auto* framework_check = framework_cmd->add_subcommand("check", "load and validate every year's framework file");
  int framework_year = 0, framework_version = -1;
  std::string framework_file, framework_out = "-", framework_note;
  auto* framework_export = framework_cmd->add_subcommand(
      "export", "a year's framework in force (or --version) as a framework file, the format of data/ita/");
  framework_export->add_option("--year", framework_year, "the assessment year (BE), e.g. 2570")->required();
  framework_export->add_option("--version", framework_version, "a published version (0: the binary's file)");
  framework_export->add_option("--out", framework_out, "the file to write; - (the default) for standard output");
  auto* framework_import = framework_cmd->add_subcommand(
      "import", "publish a framework file as its year's next version, for every agency of this installation");
  framework_import->add_option("FILE", framework_file, "the framework file (prongsai-ita-framework/1)")->required();
  framework_import->add_option("--note", framework_note, "what changed, said on the framework pages");

  // The outside custodian's own commands: on its computer, offline, with no database.
  auto* custodian_cmd = cli.add_subcommand(
      "custodian", "the outside custodian of the corruption channel's keys (run on the custodian's computer)");
  custodian_cmd->require_subcommand(1);
  std::string custodian_name, custodian_key, custodian_request, custodian_out, custodian_heard;
  auto* custodian_keygen_cmd =
      custodian_cmd->add_subcommand("keygen", "make the custodian's key pair: a key file under a passphrase (stdin)");
  custodian_keygen_cmd->add_option("--name", custodian_name, "the custodian, e.g. สำนักงาน ป.ป.ช. ประจำจังหวัดขอนแก่น")
      ->required();
  custodian_keygen_cmd->add_option("--out", custodian_out, "the new key file (never written over)")->required();
  auto* custodian_answer_cmd = custodian_cmd->add_subcommand(
      "answer", "open an officer's request with the key file and seal its keys to that officer");
  custodian_answer_cmd->add_option("--key", custodian_key, "the key file made by keygen")->required();
  custodian_answer_cmd->add_option("--request", custodian_request, "the officer's request file")->required();
  custodian_answer_cmd->add_option("--officer-fingerprint", custodian_heard,
                                   "the fingerprint the officer read to you on the telephone");
  custodian_answer_cmd->add_option("--out", custodian_out, "the answer file to send the officer")->required();

  CLI11_PARSE(cli, argc, argv);
  log::init(log_level);
  crypto::init();
  if (*custodian_keygen_cmd) return custodian_keygen(custodian_name, custodian_out);
  if (*custodian_answer_cmd) return custodian_answer(custodian_key, custodian_request, custodian_heard, custodian_out);
  // Every command reads a database that exists and holds an agency, but init, which makes one.
  options.must_exist = !*init;

  options.max_upload_bytes = max_upload_mb << 20;
  if (*serve) {
    if (!mail_options(options, smtp_password_file, smtp_no_starttls)) return 2;
    // A site whose address is https is served over HTTPS: Secure "__Host-" cookies and HSTS,
    // without a flag to remember.
    if (options.public_url.starts_with("https://")) options.secure_cookies = true;
    auto app = open_or_exit(options);
    http::Limits& l = app->limits();
    if (header_timeout > 0) l.header_read = std::chrono::seconds(header_timeout);
    if (body_timeout > 0) l.body_read = std::chrono::seconds(body_timeout);
    if (body_deadline > 0) l.body_total = std::chrono::seconds(body_deadline);
    if (!spool_dir.empty()) l.spool_dir = spool_dir;
    if (spool_over_kb > 0) l.spool_bytes = spool_over_kb << 10;
    if (idle_timeout > 0) l.idle = std::chrono::seconds(idle_timeout);
    if (shutdown_grace >= 0) l.shutdown_grace = std::chrono::seconds(shutdown_grace);
    if (max_body > 0) l.body_bytes = max_body;
    if (max_header > 0) l.header_bytes = max_header;
    if (max_connections > 0) l.max_connections = max_connections;
    if (db_timeout > 0) serve_options.db_timeout = std::chrono::seconds(db_timeout);
    if (max_per_address > 0) l.max_connections_per_address = max_per_address;
    if (max_unfinished > 0) l.max_unfinished_per_address = max_unfinished;
    return app::serve(*app, serve_options);
  }
  if (*init) {
    auto app = open_or_exit(options);
    auto result = app->get<accounts::Service>().initialise(setup);
    if (!result) return report(result.error());
    std::cout << "สร้างหน่วยงาน \"" << setup.agency_name << "\" แล้ว (agency " << result->agency_id << ")\n";
    std::cout << "ผู้ดูแลระบบ: " << setup.admin_email << "\n";
    for (const auto& e : result->demo_users) std::cout << "ผู้ใช้ตัวอย่าง: " << e << "\n";
    for (const auto& e : result->demo_users) {
      // The demo corruption officer's key, so that the demo's corruption channel is open.
      auto u = app->get<accounts::Service>().user_by_email(result->agency_id, e);
      if (u && u->roles.has(http::Role::corruption_officer)) {
        if (auto r =
                app->get<cases::Service>().ensure_key(result->agency_id, u->id, result->password, store::Actor::cli());
            !r)
          return report(r.error());
      }
    }
    if (setup.demo) {  // the shipped services, published, so the E-Service can be tried at once
      auto n = app->get<services::Catalogue>().install_templates(result->agency_id, store::Actor::cli());
      if (!n) return report(n.error());
      std::cout << "งานบริการตัวอย่าง: " << *n << " รายการ\n";
    }
    return hand_over_password(password_file, result->password);
  }
  if (*agency_add) {
    auto app = open_or_exit(options);
    auto result = app->get<accounts::Service>().add_hosted_agency(setup, agency_host);
    if (!result) return report(result.error());
    auto agency = app->get<accounts::Service>().agency(result->agency_id);
    std::cout << "สร้างหน่วยงาน \"" << setup.agency_name << "\" แล้ว (" << (agency ? agency->slug : "") << ") ที่ "
              << text::ascii_lower(agency_host) << "\n";
    std::cout << "ผู้ดูแลระบบ: " << text::ascii_lower(setup.admin_email) << "\n";
    return hand_over_password(password_file, result->password);
  }
  if (*agency_list) {
    auto app = open_or_exit(options);
    for (const auto& a : app->get<accounts::Service>().agencies())
      std::cout << a.id << "\t" << a.slug << "\t" << (a.is_default ? "(หน่วยงานหลัก: ทุกโฮสต์)" : a.host.value_or("-"))
                << "\t" << a.name_th << "\n";
    return 0;
  }
  if (*agency_set_host) {
    auto app = open_or_exit(options);
    std::int64_t agency = agency_or_exit(*app, agency_slug);
    if (auto r = app->get<accounts::Service>().set_agency_host(store::Actor::cli(), agency, agency_host); !r)
      return report(r.error());
    std::cout << agency_slug << " อยู่ที่ " << text::ascii_lower(agency_host) << " แล้ว\n";
    return 0;
  }
  if (*routes_cmd) {
    auto app = open_or_exit(options);
    app->mount_routes();
    for (const http::Route& r : app->router().routes()) {
      nlohmann::json line = {{"method", http::to_string(r.method)},
                             {"path", r.pattern},
                             {"access", r.access.describe()},
                             {"body", r.body.describe()},
                             {"max_body_bytes", http::body_limit(r.body, app->limits())},
                             {"anonymous", r.privacy == http::Privacy::anonymous},
                             {"cached", r.cache_public}};
      std::cout << line.dump() << "\n";
    }
    return 0;
  }
  if (*jobs_cmd) {
    auto app = open_or_exit(options);
    store::Jobs jobs(app->store(), "");
    auto list = jobs.list();
    if (list.empty()) std::cout << "ยังไม่มีงานเบื้องหลังที่ทำแล้ว\n";
    for (const auto& j : list) {
      std::cout << j.name << "\tทำไปแล้ว " << j.runs << " ครั้ง ล่าสุดที่ " << (j.node.empty() ? "-" : j.node) << " เริ่ม "
                << thai_time(j.started_at) << " เสร็จ " << thai_time(j.finished_at);
      if (j.lease_until) std::cout << " (กำลังทำ ถึง " << thai_time(j.lease_until) << ")";
      std::cout << "\tครั้งต่อไป " << thai_time(j.next_run_at);
      if (!j.last_error.empty()) std::cout << "\tผิดพลาด: " << j.last_error;
      std::cout << "\n";
    }
    return 0;
  }
  if (*user_add || *user_passwd || *user_list) {
    auto app = open_or_exit(options);
    std::int64_t agency = chosen_agency_or_exit(*app, agency_slug);
    if (*user_list) {
      for (const auto& u : app->get<accounts::Service>().users(agency)) {
        std::cout << u.id << "\t" << u.email << "\t" << u.display_name << "\t";
        for (auto r : u.roles.list()) std::cout << http::to_string(r) << " ";
        std::cout << (u.active ? "" : "\t(ปิดใช้งาน)") << "\n";
      }
      return 0;
    }
    std::string password = crypto::random_password(16);
    if (*user_add) {
      for (const std::string& r : roles) {
        http::Role role;
        if (!http::parse_role(r, role)) {
          std::cerr << "prongsai: ไม่รู้จักบทบาท " << r
                    << " (admin, executive, staff, complaint_officer, corruption_officer)\n";
          return 2;
        }
        new_user.roles.add(role);
      }
      new_user.email = text::ascii_lower(new_user.email);
      auto id = app->get<accounts::Service>().create_user(store::Actor::cli(), agency, new_user, password);
      if (!id) return report(id.error());
    } else {
      auto u = app->get<accounts::Service>().user_by_email(agency, passwd_email);
      if (!u) return report(u.error());
      if (auto r = app->get<accounts::Service>().reset_password(store::Actor::cli(), agency, u->id, password); !r)
        return report(r.error());
    }
    std::cout << "รหัสผ่าน (แสดงครั้งเดียว): " << password << "\n";
    return 0;
  }
  if (*audit_verify || *audit_head) {
    auto app = open_or_exit(options);
    if (*audit_head) {
      for (const audit::Head& h : audit::heads(app->store())) {
        std::cout << "agency " << h.agency_id << " seq " << h.seq << " " << h.hash << "\n";
      }
      return 0;
    }
    audit::Verification v = audit::verify(app->store());
    if (v.ok) {
      std::cout << "audit log OK: " << v.entries << " entries in " << v.chains << " chains\n";
      return 0;
    }
    std::cout << "audit log BROKEN at agency " << v.broken_agency.value_or(0) << " seq " << v.broken_seq.value_or(0);
    if (v.broken_id && *v.broken_id) std::cout << " (row id " << *v.broken_id << ")";
    std::cout << ": " << v.reason << "\n";
    return 1;
  }
  if (*migrate_store) return app::migrate_store(copy_from, copy_to);
  if (*import_o43) {
    auto content = read_input(import_file);
    if (!content) return 1;
    auto app = open_or_exit(options);
    auto r = app->get<measures::Service>().import_o43(store::Actor::cli(), chosen_agency_or_exit(*app, agency_slug),
                                                      import_year, *content);
    if (!r) return report(r.error());
    std::cout << "นำเข้าแผนมาตรการปี " << import_year << " แล้ว: " << r->issues << " ประเด็น\n";
    for (const auto& l : r->lint) std::cout << "ข้อสังเกต: บรรทัด " << l.line << ": " << l.message << "\n";
    return 0;
  }
  if (*demo_cmd) {
    std::int64_t now = Clock::system().now();
    if (!demo_as_of.empty()) {
      auto day = calendar::parse_iso(demo_as_of);
      if (!day || calendar::start_of_day(*day) > now) {
        std::cerr << "prongsai: --as-of ต้องเป็นวันที่ในรูป YYYY-MM-DD และไม่เลยวันนี้: " << demo_as_of << "\n";
        return 2;
      }
      now = std::min(now, calendar::start_of_day(*day) + 12 * 3600);
    }
    ManualClock clock(now);
    auto app = open_or_exit(options, clock);
    auto r = app::fill_demo_year(*app, clock, chosen_agency_or_exit(*app, agency_slug), now);
    if (!r) return report(r.error());
    std::cout << "ข้อมูลตัวอย่างปีงบประมาณ " << r->year << ": ตอบแบบวัด " << r->survey_responses << " ชุด, แผนมาตรการ "
              << r->plan_issues << " ประเด็น, รายงานความก้าวหน้า " << r->progress_reports << " ฉบับ, ข้อมูล OIT "
              << r->oit_entries << " รายการ\n";
    return 0;
  }
  for (CLI::App* k : report_kinds) {
    if (!*k) continue;
    measures::ReportKind kind = measures::ReportKind::report;
    documents::Format format = documents::Format::pdf;
    measures::parse_report_kind(k->get_name(), kind);
    documents::parse_format(report_format, format);
    auto app = open_or_exit(options);
    auto model = app->get<measures::Service>().report(chosen_agency_or_exit(*app, agency_slug), report_year, kind);
    if (!model) return report(model.error());
    if (int r = write_or_say(report_out, documents::render(*model, format)); r != 0) return r;
    if (report_out != "-") std::cerr << "เขียน " << report_out << " แล้ว\n";
    return 0;
  }
  if (*export_urls) {
    auto app = open_or_exit(options);
    auto csv = app->get<disclosure::Service>().ita_urls_csv(chosen_agency_or_exit(*app, agency_slug), export_year,
                                                            export_base);
    if (!csv) return report(csv.error());
    if (int r = write_or_say(export_out, *csv); r != 0) return r;
    return 0;
  }
  if (*mail_cmd) {
    if (!mail_options(options, smtp_password_file, smtp_no_starttls)) return 2;
    if (!options.mail.enabled()) {
      std::cerr << "prongsai: " << Strings::instance().get(Lang::th, "error.mail_options") << "\n";
      return 2;
    }
    auto app = open_or_exit(options);
    int reminders = 0, digests = 0;
    for (std::int64_t agency : app->get<accounts::Service>().agency_ids()) {
      reminders += app->get<reminders::Mailer>().queue_reminders(agency);
      digests += app->get<reminders::Mailer>().queue_digests(agency);
    }
    mail::SmtpTransport smtp(options.mail);
    auto sent = app->get<reminders::Outbox>().deliver(smtp);
    std::cout << "queued " << reminders << " reminder and " << digests << " digest e-mails; sent " << sent.sent
              << ", failed " << sent.failed << " (retried later), given up " << sent.given_up << "\n";
    return sent.failed || sent.given_up ? 1 : 0;
  }
  if (*purge) {
    auto app = open_or_exit(options);
    std::cout << "ลบเรื่องร้องเรียนที่ปิดแล้วและพ้นระยะเวลาเก็บรักษา " << app->get<cases::Service>().purge_expired() << " เรื่อง\n";
    return 0;
  }
  if (*backup) {
    auto store = store::Store::open(options.db_url, Clock::system(), store::Store::Mode::existing);
    if (!store) return report(store.error());
    if (auto held = app::holds_an_agency(**store); !held) return report(held.error());
    if (auto r = (*store)->backup_to(backup_out); !r) return report(r.error());
    std::cout << "สำรองข้อมูลไว้ที่ " << backup_out << "\n";
    return 0;
  }
  if (*framework_export) {
    auto app = open_or_exit(options);
    auto text = app->get<frameworks::Service>().export_year(
        framework_year, framework_version >= 0 ? std::optional<int>(framework_version) : std::nullopt);
    if (!text) return report(text.error());
    if (int r = write_or_say(framework_out, *text); r != 0) return r;
    return 0;
  }
  if (*framework_import) {
    auto content = read_input(framework_file);
    if (!content) return 1;
    auto app = open_or_exit(options);
    auto v = app->get<frameworks::Service>().publish(store::Actor::cli(), *content, framework_file, framework_note);
    if (!v) return report(v.error());
    std::cout << "เผยแพร่เกณฑ์การประเมิน ITA ปี " << v->year << " ฉบับที่ " << v->version << " แล้ว\n";
    return 0;
  }
  if (*framework_check) {
    auto catalogue = framework::Catalogue::load(options.framework_dir);
    if (!catalogue) {
      std::cerr << "prongsai: " << catalogue.error().detail << "\n";
      return 1;
    }
    for (int y : catalogue->years()) {
      const auto* f = catalogue->year(y);
      std::cout << y << ": " << f->items.size() << " items, pass mark " << f->pass_mark
                << (f->levels.empty() ? ", grades" : ", levels") << (f->provisional ? ", provisional" : "") << "\n";
    }
    return 0;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  prongsai::log::on_fatal_signals();
  // Whatever escapes a command is a message and a non-zero exit, never an abort.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "prongsai: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "prongsai: an unknown failure\n";
  }
  return 1;
}
