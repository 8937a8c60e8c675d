// The contact module's manifest: the agency's contact channels.
#include "modules/contact/module.hpp"

#include "core/strings.hpp"
#include "modules/accounts/accounts.hpp"

namespace prongsai::contact {
namespace {

// The contact page answers the items that ask for the agency's contact details and, when it has
// a Facebook page or a LINE account, for its social networks; dated by its last save.
web::EvidenceSource page_of(std::string_view role, bool (*has)(const Contact&), const char* title_key) {
  return {std::string(role), [has, title_key](web::Host& host, const web::EvidenceQuery& q) {
            Contact c = host.get<Contacts>().get(q.agency_id);
            if (c.updated_at == 0 || !has(c)) return std::vector<web::ProducedEvidence>{};
            return std::vector<web::ProducedEvidence>{{"", std::string(Strings::instance().get(q.lang, title_key)),
                                                       "/contact", calendar::local_date(c.updated_at)}};
          }};
}

// Where the office is, when it is open, and how to reach it.
std::optional<nlohmann::json> home_block(web::Host& host, const http::Request& req) {
  Contact c = host.get<Contacts>().get(req.agency_id);
  if (c.empty()) return std::nullopt;
  nlohmann::json links = nlohmann::json::array();
  for (const ContactLink& l : links_of(c))
    if (l.kind != "map")
      links.push_back({{"label", std::string(Strings::instance().get(req.lang, "contact.kind." + l.kind))},
                       {"shown", l.shown},
                       {"href", l.href}});
  return nlohmann::json{{"address", c.address},
                        {"map_url", c.map_url},
                        {"hours", c.hours},
                        {"links", links},
                        {"has_links", !links.empty()}};
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "contact",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            Contacts& contacts = host.make<Contacts>(host.store());
            // What the agency publishes as its own is not a person's data to the personal-data scan.
            host.get<accounts::Service>().add_own_contacts([&contacts](std::int64_t agency_id, files::Allowed& out) {
              own_contacts(contacts.get(agency_id), out);
            });
          },
      .mount = [](web::Host& host) { mount(host.router(), host.pages(), host.get<Contacts>()); },
      .evidence = {page_of(
                       framework::role::contact, [](const Contact& c) { return !c.empty(); }, "evidence.contact"),
                   page_of(
                       framework::role::social_network,
                       [](const Contact& c) { return !c.facebook.empty() || !c.line.empty(); },
                       "evidence.social_network")},
      .public_links = {{"contact", "pub.contact", "/contact", 10}},
      .home = {{.name = "contact", .order = 60, .view = "contact/home", .data = home_block}},
  };
  return m;
}

}  // namespace prongsai::contact
