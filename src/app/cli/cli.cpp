// See cli.hpp.
#include "app/cli/cli.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "mail/mail.hpp"
#include "modules/accounts/accounts.hpp"

namespace prongsai::cli {

Lang locale_lang() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string_view(v).starts_with("en") ? Lang::en : Lang::th;
  }
  return Lang::th;
}

Cli::Cli(Lang lang) : lang_(lang), root_(text("cli.help.prongsai"), "prongsai") {
  root_.require_subcommand(1);
  root_.fallthrough();  // --db and the other global options may follow the command
}

std::string Cli::text(std::string_view key, const Vars& vars) const {
  std::string out(Strings::instance().get(lang_, key));
  for (const auto& [name, value] : vars) out = text::fill(std::move(out), name, value);
  return out;
}

CLI::App* Cli::command(CLI::App& parent, const std::string& name, std::string_view help_key) {
  return parent.add_subcommand(name, text(help_key));
}

int Cli::run_chosen() const {
  for (const auto& [command, run] : runs_)
    if (command->parsed()) return run();
  return 0;
}

void Cli::say(std::string_view key, const Vars& vars) const { std::cout << text(key, vars) << "\n"; }

void Cli::note(std::string_view key, const Vars& vars) const { std::cerr << text(key, vars) << "\n"; }

int Cli::complain(std::string_view key, const Vars& vars, int code) const {
  std::cerr << "prongsai: " << text(key, vars) << "\n";
  return code;
}

int Cli::report(const Error& e) const {
  std::cerr << "prongsai: " << text(e.message_key);
  if (!e.detail.empty()) std::cerr << " (" << e.detail << ")";
  if (!e.field.empty()) std::cerr << " [" << e.field << "]";
  std::cerr << "\n";
  return 1;
}

std::unique_ptr<app::App> Cli::open_or_exit(const Clock& clock) {
  auto app = app::App::open(options_, clock);
  if (!app) std::exit(report(app.error()));
  return std::move(*app);
}

std::int64_t Cli::agency_or_exit(app::App& app, const std::string& slug) const {
  if (slug.empty()) {
    std::int64_t id = app.get<accounts::Service>().agency_for_host("");
    if (id == 0) std::exit(complain("cli.no_agency"));
    return id;
  }
  auto agency = app.get<accounts::Service>().agency_by_slug(slug);
  if (!agency) std::exit(complain("cli.unknown_agency", {{"slug", slug}}));
  return agency->id;
}

namespace {

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

}  // namespace

int Cli::write_or_say(const std::string& path, const std::string& bytes) const {
  if (write_file(path, bytes)) return 0;
  return complain("cli.cannot_write", {{"path", path}});
}

std::optional<std::string> Cli::read_input(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    complain("cli.cannot_read", {{"path", path}});
    return std::nullopt;
  }
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

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

std::optional<std::string> Cli::read_passphrase(std::string_view prompt_key, bool confirm) const {
  bool tty = ::isatty(STDIN_FILENO) != 0;
  auto one = [&](std::string_view key) -> std::optional<std::string> {
    termios before{};
    if (tty) {
      std::cerr << text(key) << std::flush;
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
  auto first = one(prompt_key);
  if (!first) {
    complain("cli.no_passphrase");
    return std::nullopt;
  }
  if (confirm && tty) {
    auto again = one("cli.passphrase_again");
    if (!again || *again != *first) {
      complain("cli.passphrases_differ");
      return std::nullopt;
    }
  }
  return first;
}

int Cli::hand_over_password(const std::string& password_file, const std::string& password) const {
  if (password_file.empty()) {
    say("cli.password_once", {{"password", password}});
    return 0;
  }
  if (!write_private_file(password_file, password + "\n", false))
    return complain("cli.cannot_write_password", {{"path", password_file}});
  say("cli.password_in_file", {{"path", password_file}});
  return 0;
}

bool Cli::mail_options() {
  options_.mail.starttls = !smtp_no_starttls;
  if (!options_.mail.enabled()) return true;
  if (!smtp_password_file.empty()) {
    std::ifstream in(smtp_password_file);
    std::getline(in, options_.mail.password);
  }
  if (!mail::plausible_address(mail::address_of(options_.mail.from)) || !options_.public_url.starts_with("http")) {
    complain("error.mail_options");
    return false;
  }
  while (options_.public_url.ends_with('/')) options_.public_url.pop_back();
  return true;
}

std::string time_of(std::optional<std::int64_t> t, Lang lang) {
  return t && *t > 0 ? calendar::format_time(*t, lang) : std::string("-");
}

}  // namespace prongsai::cli
