// The example module's manifest: one public route, one background job, one deadline on the
// calendar, one dataset on the open-data page and its page as evidence of an OIT item, and no
// line in app/ but the list.
#include "example_module/module.hpp"

namespace prongsai::example {

const web::Module& manifest() {
  static const web::Module m{
      .name = "example",
      .after = {"accounts"},
      .build = [](web::Host& host) { host.make<Runs>(); },
      .mount =
          [](web::Host& host) {
            host.router().add(http::Route(http::Method::get, "/example/runs", http::Access::anyone(),
                                          [&runs = host.get<Runs>()](http::Request&) {
                                            http::Response res;
                                            res.body = "runs " + std::to_string(runs.count.load());
                                            res.header("Content-Type", "text/plain; charset=utf-8");
                                            return res;
                                          }));
          },
      .jobs = {{.name = "example-count", .run = [](web::Host& host) { ++host.get<Runs>().count; }}},
      .deadlines = {{.name = "example",
                     .holders = http::Role::admin,
                     .collect =
                         [](web::Host&, const web::DeadlineQuery& q, std::vector<web::Deadline>& out) {
                           calendar::Date last = q.fy.period().last;
                           out.push_back(q.make("example-" + std::to_string(q.fy.be()), "example", last, false,
                                                "the example's yearly note", "/example/runs"));
                         }}},
      .datasets = {{.name = "example-runs",
                    .title_key = "opendata.title",
                    .description_key = "opendata.lead",
                    .table = [](web::Host& host, const web::DatasetQuery& q) -> std::optional<web::DataTable> {
                      auto as_of = q.as_of();
                      if (!as_of) return std::nullopt;
                      return web::DataTable{{"runs"}, {{std::to_string(host.get<Runs>().count.load())}}, *as_of};
                    }}},
      .evidence = {{.role = std::string(framework::role::participation),
                    .produce =
                        [](web::Host&, const web::EvidenceQuery& q) {
                          return std::vector<web::ProducedEvidence>{
                              {"", "the example's runs", "/example/runs", q.about.period().first}};
                        }}},
  };
  return m;
}

}  // namespace prongsai::example
