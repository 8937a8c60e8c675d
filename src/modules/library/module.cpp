// The library module's manifest: documents, their files and search entries, and the OIT roles
// they answer (a development plan, the manuals, the complaint guideline) for the years they are
// in force, dated the day they were issued or, if later, put on the site.
#include "modules/library/module.hpp"

namespace prongsai::library {
namespace {

web::EvidenceSource documents_answering(std::string_view role) {
  return {std::string(role), [role = std::string(role)](web::Host& host, const web::EvidenceQuery& q) {
            std::vector<web::ProducedEvidence> out;
            for (const Document& d : host.get<Library>().answering(q.agency_id, role, q.about.be())) {
              std::string title = d.number.empty() ? d.title : d.title + " (" + d.number + ")";
              out.push_back({"", std::move(title), d.url(), std::max(d.issued_on, calendar::local_date(d.created_at))});
            }
            return out;
          }};
}

std::vector<web::EvidenceSource> sources() {
  std::vector<web::EvidenceSource> out;
  for (std::string_view role : kRoles) out.push_back(documents_answering(role));
  return out;
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "library",
      .after = {"accounts", "disclosure"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<Library>(host.store(), host.get<accounts::Service>(), host.get<disclosure::Service>(),
                               host.catalogue(), host.clock())
                .set_max_file_bytes(host.get<web::Settings>().max_upload_bytes);
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Library>(), host.get<accounts::Service>(), host.catalogue());
          },
      .reindex = [](store::WriteTx& tx, web::Host&) { Library::reindex(tx); },
      .evidence = sources(),
      .public_links = {{"about", "pub.library", "/library", 50}},
      .sitemap = {{[](web::Host& host, std::int64_t agency_id) {
        std::vector<web::PublicPage> out;
        for (const Document& d : host.get<Library>().find(agency_id, {}, 10000, 0).documents)
          out.push_back({"/library/" + std::to_string(d.id), calendar::local_date(d.updated_at)});
        return out;
      }}},
  };
  return m;
}

}  // namespace prongsai::library
