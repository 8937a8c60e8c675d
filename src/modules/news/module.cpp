// The news module's manifest: posts, their files and their search entries.
#include "modules/news/module.hpp"

#include "core/strings.hpp"

namespace prongsai::news {
namespace {

// The news list answers the items that ask for news (all categories) and for participation (its
// own category): the year's posts when the year has any, dated by the newest; otherwise the
// list, dated by its newest post, which the readiness check finds outside the year.
web::EvidenceSource posts_of(std::string_view role, std::string category, const char* title_key) {
  return {std::string(role), [category, title_key](web::Host& host, const web::EvidenceQuery& q) {
            News& news = host.get<News>();
            std::vector<web::ProducedEvidence> out;
            std::string title(Strings::instance().get(q.lang, title_key));
            std::string url = "/news" + (category.empty() ? std::string() : "?category=" + category);
            if (auto in_year = news.newest(q.agency_id, category, q.about.period())) {
              std::string year = std::to_string(q.about.be());
              out.push_back(
                  {"", title + " " + std::string(Strings::instance().get(q.lang, "news.fiscal_year")) + " " + year,
                   url + (category.empty() ? "?" : "&") + "year=" + year, calendar::local_date(*in_year)});
            } else if (auto any = news.newest(q.agency_id, category)) {
              out.push_back({"", title, url, calendar::local_date(*any)});
            }
            return out;
          }};
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "news",
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<News>(host.store(), host.clock()).set_max_file_bytes(host.get<web::Settings>().max_upload_bytes);
          },
      .mount = [](web::Host& host) { mount(host.router(), host.pages(), host.get<News>()); },
      .reindex = [](store::WriteTx& tx, web::Host&) { News::reindex(tx); },
      .evidence = {posts_of(framework::role::news, "", "evidence.news"),
                   posts_of(framework::role::participation, "participation", "evidence.participation")},
  };
  return m;
}

}  // namespace prongsai::news
