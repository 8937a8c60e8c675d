// The outside custodian's own commands, `custodian keygen|answer`: on the custodian's computer,
// offline, with no database.
#include <fstream>

#include "app/cli/cli.hpp"
#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "modules/cases/custodian.hpp"

namespace prongsai::cli {
namespace {

// A new key pair in a new key file; prints the public key to register and its fingerprint.
int keygen(const Cli& cli, const std::string& name, const std::string& out) {
  // A key file written over is lost for good.
  if (std::ifstream(out).good()) return cli.complain("cli.custodian.key_file_exists", {{"path", out}});
  auto passphrase = cli.read_passphrase("cli.custodian.new_passphrase", true);
  if (!passphrase) return 1;
  auto keys = cases::sealing::key_pair();
  auto file = cases::custodian::make_key_file(name, *passphrase, keys);
  if (!file) return cli.report(file.error());
  if (!write_private_file(out, *file, true)) return cli.complain("cli.cannot_write", {{"path", out}});
  cli.say("cli.custodian.key_made", {{"path", out},
                                     {"public_key", cases::custodian::public_key_text(keys.public_key)},
                                     {"fingerprint", cases::custodian::fingerprint(keys.public_key)}});
  return 0;
}

// The request's case keys opened with the key file and sealed to the officer's key; only once
// the fingerprint heard from the officer is given and matches.
int answer(const Cli& cli, const std::string& key_path, const std::string& request_path, const std::string& heard,
           const std::string& out) {
  auto request_text = cli.read_input(request_path);
  if (!request_text) return 1;
  auto request = cases::custodian::parse_request(*request_text);
  if (!request) return cli.report(request.error());
  std::string officer = cases::custodian::fingerprint(request->officer_public_key);
  auto made = calendar::parse_iso(request->made);
  cli.note("cli.custodian.request", {{"agency", request->agency},
                                     {"agency_id", std::to_string(request->agency_id)},
                                     {"officer", request->officer_name},
                                     {"email", request->officer_email},
                                     {"made", made ? calendar::format(*made, cli.lang()) : request->made},
                                     {"cases", std::to_string(request->cases.size())},
                                     {"fingerprint", officer}});
  if (heard.empty()) return cli.complain("cli.custodian.call_first", {}, 2);
  std::string typed = text::ascii_upper(heard), expected;
  std::erase_if(typed, [](char c) { return c == '-' || c == ' '; });
  for (char c : officer)
    if (c != '-') expected.push_back(c);
  if (typed != expected) return cli.complain("cli.custodian.fingerprint_differs");
  auto key_text = cli.read_input(key_path);
  if (!key_text) return 1;
  auto passphrase = cli.read_passphrase("cli.custodian.passphrase", false);
  if (!passphrase) return 1;
  auto key = cases::custodian::open_key_file(*key_text, *passphrase);
  if (!key) return cli.report(key.error());
  auto answered = cases::custodian::answer(*request, key->keys);
  if (!answered) return cli.report(answered.error());
  if (int rc = cli.write_or_say(out, cases::custodian::answer_json(*answered)); rc != 0) return rc;
  cli.note("cli.custodian.answer_written", {{"path", out}, {"n", std::to_string(answered->cases.size())}});
  return 0;
}

}  // namespace

void add_custodian(Cli& cli) {
  struct Custodian {
    std::string name, key, request, out, heard;
  };
  auto s = std::make_shared<Custodian>();
  CLI::App* custodian = cli.command(cli.root(), "custodian", "cli.help.custodian");
  custodian->require_subcommand(1);
  CLI::App* make = cli.command(*custodian, "keygen", "cli.help.custodian.keygen");
  cli.option(make, "--name", s->name, "cli.help.custodian.name")->required();
  cli.option(make, "--out", s->out, "cli.help.custodian.key_out")->required();
  CLI::App* reply = cli.command(*custodian, "answer", "cli.help.custodian.answer");
  cli.option(reply, "--key", s->key, "cli.help.custodian.key")->required();
  cli.option(reply, "--request", s->request, "cli.help.custodian.request")->required();
  cli.option(reply, "--officer-fingerprint", s->heard, "cli.help.custodian.officer_fingerprint");
  cli.option(reply, "--out", s->out, "cli.help.custodian.answer_out")->required();
  cli.on(make, [&cli, s] { return keygen(cli, s->name, s->out); });
  cli.on(reply, [&cli, s] { return answer(cli, s->key, s->request, s->heard, s->out); });
}

}  // namespace prongsai::cli
