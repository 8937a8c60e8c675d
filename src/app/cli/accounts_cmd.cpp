// `prongsai init`, `agency …` and `user …`: the agencies of an installation and their people.
#include <iostream>

#include "app/cli/cli.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/cases/cases.hpp"
#include "modules/services/catalogue.hpp"

namespace prongsai::cli {
namespace {

void add_init(Cli& cli) {
  struct Init {
    accounts::Setup setup;
    std::string password_file;
  };
  auto s = std::make_shared<Init>();
  CLI::App* init = cli.command(cli.root(), "init", "cli.help.init");
  cli.option(init, "--agency", s->setup.agency_name, "cli.help.init.agency")->required();
  cli.option(init, "--admin-email", s->setup.admin_email, "cli.help.init.admin_email")->capture_default_str();
  cli.flag(init, "--demo", s->setup.demo, "cli.help.init.demo");
  cli.option(init, "--password-file", s->password_file, "cli.help.password_file");
  cli.on(init, [&cli, s] {
    cli.options().must_exist = false;  // the one command that makes a database
    auto app = cli.open_or_exit();
    auto& accounts = app->get<accounts::Service>();
    auto result = accounts.initialise(s->setup);
    if (!result) return cli.report(result.error());
    cli.say("cli.agency_made", {{"name", s->setup.agency_name}, {"id", std::to_string(result->agency_id)}});
    cli.say("cli.admin_is", {{"email", s->setup.admin_email}});
    for (const auto& e : result->demo_users) cli.say("cli.demo_user", {{"email", e}});
    for (const auto& e : result->demo_users) {
      // The demo corruption officer's key, so that the demo's corruption channel is open.
      auto u = accounts.user_by_email(result->agency_id, e);
      if (u && u->roles.has(http::Role::corruption_officer)) {
        auto r = app->get<cases::Service>().ensure_key(result->agency_id, u->id, result->password, store::Actor::cli());
        if (!r) return cli.report(r.error());
      }
    }
    if (s->setup.demo) {  // the shipped services, published, so the E-Service can be tried at once
      auto n = app->get<services::Catalogue>().install_templates(result->agency_id, store::Actor::cli());
      if (!n) return cli.report(n.error());
      cli.say("cli.demo_services", {{"n", std::to_string(*n)}});
    }
    return cli.hand_over_password(s->password_file, result->password);
  });
}

// A multi-agency host: each agency answers at its own host name; the first one (init) answers
// every other host.
void add_agency(Cli& cli) {
  struct Agency {
    accounts::Setup setup;
    std::string host, slug, password_file;
  };
  auto s = std::make_shared<Agency>();
  CLI::App* agency = cli.command(cli.root(), "agency", "cli.help.agency");
  agency->require_subcommand(1);
  CLI::App* add = cli.command(*agency, "add", "cli.help.agency.add");
  cli.option(add, "--name", s->setup.agency_name, "cli.help.agency.add.name")->required();
  cli.option(add, "--host", s->host, "cli.help.agency.add.host")->required();
  cli.option(add, "--admin-email", s->setup.admin_email, "cli.help.agency.add.admin_email")->required();
  cli.option(add, "--password-file", s->password_file, "cli.help.password_file");
  CLI::App* list = cli.command(*agency, "list", "cli.help.agency.list");
  CLI::App* set_host = cli.command(*agency, "set-host", "cli.help.agency.set_host");
  cli.option(set_host, "--agency", s->slug, "cli.help.agency.slug")->required();
  cli.option(set_host, "--host", s->host, "cli.help.agency.set_host.host")->required();

  cli.on(add, [&cli, s] {
    auto app = cli.open_or_exit();
    auto& accounts = app->get<accounts::Service>();
    auto result = accounts.add_hosted_agency(s->setup, s->host);
    if (!result) return cli.report(result.error());
    auto made = accounts.agency(result->agency_id);
    cli.say("cli.hosted_agency_made",
            {{"name", s->setup.agency_name}, {"slug", made ? made->slug : ""}, {"host", text::ascii_lower(s->host)}});
    cli.say("cli.admin_is", {{"email", text::ascii_lower(s->setup.admin_email)}});
    return cli.hand_over_password(s->password_file, result->password);
  });
  cli.on(list, [&cli] {
    auto app = cli.open_or_exit();
    // One agency a line, tab-separated: id, slug, host, name.
    for (const auto& a : app->get<accounts::Service>().agencies())
      std::cout << a.id << "\t" << a.slug << "\t"
                << (a.is_default ? cli.text("cli.default_agency") : a.host.value_or("-")) << "\t" << a.name_th << "\n";
    return 0;
  });
  cli.on(set_host, [&cli, s] {
    auto app = cli.open_or_exit();
    std::int64_t id = cli.agency_or_exit(*app, s->slug);
    if (auto r = app->get<accounts::Service>().set_agency_host(store::Actor::cli(), id, s->host); !r)
      return cli.report(r.error());
    cli.say("cli.agency_host_set", {{"slug", s->slug}, {"host", text::ascii_lower(s->host)}});
    return 0;
  });
}

void add_user(Cli& cli) {
  struct User {
    accounts::UserInput input{"", "", "", {}, {}, true};
    std::vector<std::string> roles;
    std::string email, slug;
  };
  auto s = std::make_shared<User>();
  CLI::App* user = cli.command(cli.root(), "user", "cli.help.user");
  user->require_subcommand(1);
  CLI::App* add = cli.command(*user, "add", "cli.help.user.add");
  cli.option(add, "--email", s->input.email, "cli.help.user.email")->required();
  cli.option(add, "--name", s->input.display_name, "cli.help.user.name")->required();
  cli.option(add, "--position", s->input.position, "cli.help.user.position");
  cli.option(add, "--role", s->roles, "cli.help.user.role")->required();
  CLI::App* passwd = cli.command(*user, "passwd", "cli.help.user.passwd");
  cli.option(passwd, "--email", s->email, "cli.help.user.email")->required();
  CLI::App* list = cli.command(*user, "list", "cli.help.user.list");
  for (CLI::App* sub : {add, passwd, list}) cli.option(sub, "--agency", s->slug, "cli.help.agency_option");

  cli.on(add, [&cli, s] {
    for (const std::string& r : s->roles) {
      http::Role role;
      if (!http::parse_role(r, role)) return cli.complain("cli.unknown_role", {{"role", r}}, 2);
      s->input.roles.add(role);
    }
    auto app = cli.open_or_exit();
    std::int64_t agency = cli.agency_or_exit(*app, s->slug);
    std::string password = crypto::random_password(16);
    s->input.email = text::ascii_lower(s->input.email);
    auto id = app->get<accounts::Service>().create_user(store::Actor::cli(), agency, s->input, password);
    if (!id) return cli.report(id.error());
    cli.say("cli.password_once", {{"password", password}});
    return 0;
  });
  cli.on(passwd, [&cli, s] {
    auto app = cli.open_or_exit();
    std::int64_t agency = cli.agency_or_exit(*app, s->slug);
    auto& accounts = app->get<accounts::Service>();
    auto u = accounts.user_by_email(agency, s->email);
    if (!u) return cli.report(u.error());
    std::string password = crypto::random_password(16);
    if (auto r = accounts.reset_password(store::Actor::cli(), agency, u->id, password); !r)
      return cli.report(r.error());
    cli.say("cli.password_once", {{"password", password}});
    return 0;
  });
  cli.on(list, [&cli, s] {
    auto app = cli.open_or_exit();
    std::int64_t agency = cli.agency_or_exit(*app, s->slug);
    // One user a line, tab-separated: id, e-mail, name, roles, and whether the account is off.
    for (const auto& u : app->get<accounts::Service>().users(agency)) {
      std::cout << u.id << "\t" << u.email << "\t" << u.display_name << "\t";
      for (auto r : u.roles.list()) std::cout << http::to_string(r) << " ";
      if (!u.active) std::cout << "\t" << cli.text("cli.user_off");
      std::cout << "\n";
    }
    return 0;
  });
}

}  // namespace

void add_accounts(Cli& cli) {
  add_init(cli);
  add_agency(cli);
  add_user(cli);
}

}  // namespace prongsai::cli
