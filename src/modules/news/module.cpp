// The news module's manifest: posts, their files and their search entries.
#include "modules/news/module.hpp"

#include "modules/accounts/accounts.hpp"

#include <algorithm>

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

// The latest posts with their first picture: the home page's news.
std::optional<nlohmann::json> home_block(web::Host& host, const http::Request& req) {
  News& news = host.get<News>();
  PostPage page = news.published(req.agency_id, "", 4, 0);
  if (page.posts.empty()) return std::nullopt;
  nlohmann::json posts = nlohmann::json::array();
  for (const Post& summary : page.posts) {
    auto post = news.published_post(req.agency_id, summary.id);
    if (!post) continue;
    std::string picture;
    for (const PostFile& f : post->files)
      if (f.image) {
        picture = "/news/" + std::to_string(post->id) + "/files/" + std::to_string(f.id);
        break;
      }
    calendar::Date day = calendar::local_date(post->publish_at);
    posts.push_back({{"href", "/news/" + std::to_string(post->id)},
                     {"title", post->title},
                     {"picture", picture},
                     {"category", std::string(Strings::instance().get(req.lang, "news.category." + post->category))},
                     {"date", calendar::format(day, req.lang, calendar::Style::long_form)},
                     {"iso", calendar::iso(day)}});
  }
  return nlohmann::json{{"posts", posts}};
}

// Every public post, dated by its last change.
std::vector<web::PublicPage> public_pages(web::Host& host, std::int64_t agency_id) {
  std::vector<web::PublicPage> out;
  for (const Post& p : host.get<News>().published(agency_id, "", 10000, 0).posts)
    out.push_back({"/news/" + std::to_string(p.id), calendar::local_date(std::max(p.publish_at, p.updated_at))});
  return out;
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "news",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<News>(host.store(), host.clock(), host.get<accounts::Service>())
                .set_max_file_bytes(host.get<web::Settings>().max_upload_bytes);
          },
      .mount = [](web::Host& host) { mount(host.router(), host.pages(), host.get<News>()); },
      .reindex = [](store::WriteTx& tx, web::Host&) { News::reindex(tx); },
      .evidence = {posts_of(framework::role::news, "", "evidence.news"),
                   posts_of(framework::role::participation, "participation", "evidence.participation")},
      .public_links = {{"news", "pub.news", "/news", 10},
                       {"news", "pub.announcements", "/news?category=announcement", 20},
                       {"news", "pub.procurement_news", "/news?category=procurement", 30}},
      .sitemap = {{public_pages}},
      .home = {{.name = "news",
                .order = 10,
                .view = "news/home",
                .data = home_block,
                .changes_at = [](web::Host& host,
                                 std::int64_t agency_id) { return host.get<News>().next_scheduled(agency_id); }}},
  };
  return m;
}

}  // namespace prongsai::news
