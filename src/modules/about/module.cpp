// The about module's manifest: the agency's people, the executives page and the structure, the
// duties and the laws, which answer the OIT items holding the roles executives, structure,
// duties and laws.
#include "modules/about/module.hpp"

#include <algorithm>

#include "core/strings.hpp"

namespace prongsai::about {
namespace {

// A page answers once it shows someone (`shows`), dated by the last change to the people.
web::EvidenceSource page_of(std::string_view role, std::string url, const char* title_key,
                            bool (*shows)(const Person&)) {
  return {std::string(role), [url, title_key, shows](web::Host& host, const web::EvidenceQuery& q) {
            People& people = host.get<People>();
            std::vector<Person> all = people.all(q.agency_id);
            std::int64_t changed = people.changed_at(q.agency_id);
            if (changed == 0 || std::none_of(all.begin(), all.end(), shows))
              return std::vector<web::ProducedEvidence>{};
            return std::vector<web::ProducedEvidence>{
                {"", std::string(Strings::instance().get(q.lang, title_key)), url, calendar::local_date(changed)}};
          }};
}

// A page of text answers once it says something, dated by its last save.
web::EvidenceSource text_of(std::string_view role, std::string url, const char* title_key, Texts::Page page) {
  return {std::string(role), [url, title_key, page](web::Host& host, const web::EvidenceQuery& q) {
            Texts& texts = host.get<Texts>();
            Texts::Text text = texts.text(q.agency_id, page);
            bool shows = page == Texts::Page::duties ? !text.body.empty() : !texts.laws(q.agency_id).empty();
            std::int64_t changed = text.changed_at;
            if (!shows || changed == 0) return std::vector<web::ProducedEvidence>{};
            return std::vector<web::ProducedEvidence>{
                {"", std::string(Strings::instance().get(q.lang, title_key)), url, calendar::local_date(changed)}};
          }};
}

// The executives in office, first four, with their photos.
std::optional<nlohmann::json> home_block(web::Host& host, const http::Request& req) {
  calendar::Date today = calendar::local_date(host.clock().now());
  nlohmann::json people = nlohmann::json::array();
  for (const Person& p : host.get<People>().all(req.agency_id)) {
    if (p.side != Side::executive || !p.current(today) || people.size() == 4) continue;
    people.push_back({{"name", p.name},
                      {"position", p.position},
                      {"photo", p.photo.sha256.empty() ? "" : "/about/people/" + std::to_string(p.id) + "/photo"}});
  }
  if (people.empty()) return std::nullopt;
  return nlohmann::json{{"people", people}};
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "about",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<People>(host.store(), host.get<accounts::Service>());
            host.make<Texts>(host.store());
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<People>(), host.get<Texts>(), host.get<accounts::Service>(),
                  host.clock());
          },
      .evidence = {page_of(framework::role::executives, "/about/executives", "evidence.executives",
                           [](const Person& p) { return p.side == Side::executive; }),
                   page_of(framework::role::structure, "/about/structure", "evidence.structure",
                           [](const Person&) { return true; }),
                   text_of(framework::role::duties, "/about/duties", "evidence.duties", Texts::Page::duties),
                   text_of(framework::role::laws, "/about/laws", "evidence.laws", Texts::Page::laws)},
      .public_links = {{"about", "pub.executives", "/about/executives", 10},
                       {"about", "pub.structure", "/about/structure", 20},
                       {"about", "pub.duties", "/about/duties", 30},
                       {"about", "pub.laws", "/about/laws", 40}},
      .home = {{.name = "executives", .order = 70, .view = "about/home", .data = home_block}},
      .personal_data = {{.name = "people",
                         .what_key = "privacy.use.people",
                         .fields_key = "privacy.fields.people",
                         .purpose_key = "privacy.purpose.people",
                         .basis = "legal_obligation",
                         .readers_key = "privacy.readers.public",
                         .kept = web::said("privacy.kept.people"),
                         .order = 60}},
  };
  return m;
}

}  // namespace prongsai::about
