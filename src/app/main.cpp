// The prongsai command line. Every command takes --db (sqlite:PATH or postgresql://…); the
// commands themselves are in src/app/cli, one file per family.
#include <sys/stat.h>

#include <iostream>

#include "app/cli/cli.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"

namespace {

using namespace prongsai;

int run(int argc, char** argv) {
  ::umask(027);  // the database, its WAL and any secret file are not for other users of the machine
  cli::Cli cli(cli::locale_lang());
  CLI::App& root = cli.root();
  app::Options& options = cli.options();
  std::string log_level = "info";
  cli.option(&root, "--db", options.db_url, "cli.help.db")->capture_default_str();
  cli.option(&root, "--framework-dir", options.framework_dir, "cli.help.framework_dir");
  cli.option(&root, "--log-level", log_level, "cli.help.log_level")->capture_default_str();
  // E-mail reminders: off unless an SMTP server is given. The password comes from a file, not
  // the command line (which every user of the machine can read in the process list).
  cli.option(&root, "--smtp-url", options.mail.url, "cli.help.smtp_url");
  cli.option(&root, "--smtp-user", options.mail.user, "cli.help.smtp_user");
  cli.option(&root, "--smtp-password-file", cli.smtp_password_file, "cli.help.smtp_password_file")
      ->check(CLI::ExistingFile);
  cli.flag(&root, "--smtp-no-starttls", cli.smtp_no_starttls, "cli.help.smtp_no_starttls");
  cli.option(&root, "--mail-from", options.mail.from, "cli.help.mail_from");
  cli.option(&root, "--public-url", options.public_url, "cli.help.public_url");
  cli.option(&root, "--line-api-url", options.line_api_url, "cli.help.line_api_url")->capture_default_str();

  cli::add_serve(cli);
  cli::add_accounts(cli);
  cli::add_operations(cli);
  cli::add_documents(cli);
  cli::add_framework(cli);
  cli::add_custodian(cli);
  cli::add_procurement(cli);

  CLI11_PARSE(root, argc, argv);
  log::init(log_level);
  crypto::init();
  // Every command reads a database that exists and holds an agency, but init, which makes one.
  options.must_exist = true;
  return cli.run_chosen();
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
