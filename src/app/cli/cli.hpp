// The prongsai command line: the pieces every command family shares. Each family is a file
// here (serve, accounts, operations, documents, framework, custodian, procurement) with one `add_*`
// function that adds its commands to a `Cli`; main.cpp calls them and runs the one chosen.
//
// What a command tells a person is in the string catalogue (web/strings, keys "cli.*"), in
// the language of the locale (LC_ALL, LC_MESSAGES, LANG: "en…" is English, anything else
// Thai). A few lines are for scripts and monitoring rather than people and stay as they are in
// every language: each says so where it is printed.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/strings.hpp"

namespace prongsai::cli {

// A placeholder of a catalogue text and its value: {"n", "3"} fills "{n}".
using Vars = std::vector<std::pair<std::string_view, std::string>>;

class Cli {
 public:
  explicit Cli(Lang lang);

  CLI::App& root() { return root_; }
  app::Options& options() { return options_; }
  Lang lang() const { return lang_; }

  // The catalogue's text for `key`, its placeholders filled.
  std::string text(std::string_view key, const Vars& vars = {}) const;
  // Adds a command (or a subcommand of `parent`) described by the catalogue's "cli.help.<key>".
  CLI::App* command(CLI::App& parent, const std::string& name, std::string_view help_key);
  // Adds an option described by the catalogue.
  template <typename T>
  CLI::Option* option(CLI::App* to, const std::string& name, T& into, std::string_view help_key) {
    return to->add_option(name, into, text(help_key));
  }
  CLI::Option* flag(CLI::App* to, const std::string& name, bool& into, std::string_view help_key) {
    return to->add_flag(name, into, text(help_key));
  }
  // What runs when `command` was chosen: its exit code.
  void on(CLI::App* command, std::function<int()> run) { runs_.emplace_back(command, std::move(run)); }
  // The chosen command's exit code (after parsing).
  int run_chosen() const;

  // To standard output, and to standard error after "prongsai: " (the message of a failure).
  void say(std::string_view key, const Vars& vars = {}) const;
  void note(std::string_view key, const Vars& vars = {}) const;  // standard error, no prefix
  int complain(std::string_view key, const Vars& vars = {}, int code = 1) const;
  // An Error as the person reads it: its message, what they need beyond it, and the field.
  int report(const Error& e) const;

  // The application on options(), or the process ends with the error said.
  std::unique_ptr<app::App> open_or_exit(const Clock& clock = Clock::system());
  // The agency named by its slug; the default (first) agency when `slug` is empty.
  std::int64_t agency_or_exit(app::App& app, const std::string& slug) const;

  // Writes bytes through a temporary file renamed into place ("-": standard output); says what
  // could not be written. The exit code.
  int write_or_say(const std::string& path, const std::string& bytes) const;
  // A file the command was given, whole; nullopt (said) when it cannot be read.
  std::optional<std::string> read_input(const std::string& path) const;
  // A passphrase from standard input: typed without echo at a terminal (twice when `confirm`),
  // or the first line of a pipe; nullopt (said) when none came or the two differ.
  std::optional<std::string> read_passphrase(std::string_view prompt_key, bool confirm) const;
  // A new password shown once: into a file only its owner reads, or on standard output.
  int hand_over_password(const std::string& password_file, const std::string& password) const;
  // The e-mail options, checked: an SMTP server, a sender and the site's address for links.
  bool mail_options();
  std::string smtp_password_file;
  bool smtp_no_starttls = false;

 private:
  Lang lang_;
  CLI::App root_;
  app::Options options_;
  std::vector<std::pair<CLI::App*, std::function<int()>>> runs_;
};

// Writes bytes to a file only its owner can read, from its creation on. `keep_existing`: a
// file that exists already is refused rather than written over.
bool write_private_file(const std::string& path, const std::string& bytes, bool keep_existing);
// A time for people: the date and time in `lang`, or "-".
std::string time_of(std::optional<std::int64_t> t, Lang lang);
// The language of the process's locale: English for "en…", Thai for anything else.
Lang locale_lang();

// `prongsai migrate-store`: brings both databases to the current schema, copies every record
// (audit chain included) into the empty target, verifies the chain there. Returns the exit code.
int migrate_store(const std::string& from_url, const std::string& to_url);

// The families, each in its own file.
void add_serve(Cli& cli);
void add_accounts(Cli& cli);
void add_operations(Cli& cli);
void add_documents(Cli& cli);
void add_framework(Cli& cli);
void add_custodian(Cli& cli);
void add_procurement(Cli& cli);

}  // namespace prongsai::cli
