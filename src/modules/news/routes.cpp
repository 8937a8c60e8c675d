// News. Public, page-cached (until the next write or the next scheduled post): /news
// (?category=, ?page=), /news/{id} with share links, /news.atom; files at
// /news/{id}/files/{file}. Editors (admin, staff): /news/manage, its forms and delete.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "documents/xml.hpp"
#include "http/errors.hpp"
#include "modules/news/module.hpp"

namespace prongsai::news {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

constexpr std::int64_t kPageSize = 10;

// RFC 3339 in Thailand's offset, as Atom wants it.
std::string rfc3339(std::int64_t t) {
  std::time_t local = static_cast<std::time_t>(t + 7 * 3600);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

// A permanent, unique Atom id that needs no domain: a name-based UUID from the agency and post.
std::string urn_of(std::int64_t agency_id, std::string_view what) {
  std::string h = crypto::sha256_hex("prongsai atom v1:" + std::to_string(agency_id) + ":" + std::string(what));
  h[12] = '5';
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  return "urn:uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
         h.substr(20, 12);
}

class NewsHandlers {
 public:
  NewsHandlers(News& news, web::Pages& pages) : news_(news), pages_(pages) {}

  // ---- Public ----

  // /news[?category=][&year=][&page=]: a fiscal year's posts (BE), as the OIT's evidence links them.
  Response list(Request& req) {
    std::string category = req.query_param("category").value_or("");
    if (!category.empty() && !known_category(category)) return pages_.error(req, Error::not_found("category"));
    std::int64_t page = text::parse_id(req.query_param("page").value_or("1")).value_or(0);
    if (page < 1 || page > 100000) return pages_.error(req, Error::not_found("page"));
    std::optional<calendar::FiscalYear> year;
    if (auto raw = req.query_param("year")) {
      auto y = text::parse_id(*raw);
      if (!y || *y < 2500 || *y > 2800) return pages_.error(req, Error::not_found("year"));
      year = calendar::FiscalYear(static_cast<int>(*y));
    }
    PostPage found = news_.published(req.agency_id, category, kPageSize, (page - 1) * kPageSize,
                                     year ? std::optional(year->period()) : std::nullopt);
    std::int64_t pages = (found.total + kPageSize - 1) / kPageSize;
    if (page > 1 && page > pages) return pages_.error(req, Error::not_found("page"));
    json posts = json::array();
    for (const Post& p : found.posts) posts.push_back(summary(req, p));
    const std::string in_year = year ? "year=" + std::to_string(year->be()) : "";
    json categories = json::array();
    categories.push_back({{"href", "/news" + (year ? "?" + in_year : "")},
                          {"label", std::string(pages_.t(req, "news.all"))},
                          {"current", category.empty()}});
    for (std::string_view c : kCategories) {
      categories.push_back({{"href", "/news?category=" + std::string(c) + (year ? "&" + in_year : "")},
                            {"label", category_label(req, c)},
                            {"current", category == c}});
    }
    auto link = [&](std::int64_t n) {
      std::string q = category.empty() ? "" : "category=" + category + "&";
      if (year) q += in_year + "&";
      return "/news?" + q + "page=" + std::to_string(n);
    };
    std::string title(pages_.t(req, "news.title"));
    if (year) title += " " + std::string(pages_.t(req, "news.fiscal_year")) + " " + std::to_string(year->be());
    json data = {{"title", title},
                 {"year", year ? std::to_string(year->be()) : ""},
                 {"all_years", "/news" + (category.empty() ? std::string() : "?category=" + category)},
                 {"posts", posts},
                 {"empty", posts.empty()},
                 {"categories", categories},
                 {"page", std::to_string(page)},
                 {"pages", std::to_string(std::max<std::int64_t>(pages, 1))},
                 {"prev", page > 1 ? link(page - 1) : ""},
                 {"next", page < pages ? link(page + 1) : ""}};
    return fresh(req, pages_.page(req, "news/news_list", std::move(data)));
  }

  Response post(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto p = news_.published_post(req.agency_id, *id);
    if (!p) return pages_.error(req, p.error());
    json data = post_json(req, *p);
    data["title"] = p->title;
    std::string picture = data["images"].empty() ? "" : data["images"][0]["href"].get<std::string>();
    data["preview"] = {{"description", text::truncate(p->body, 200)}, {"image", picture}, {"type", "article"}};
    return fresh(req, pages_.page(req, "news/news_post", std::move(data)));
  }

  Response file(Request& req) {
    auto id = req.id_param("id");
    auto fid = req.id_param("file");
    if (!id || !fid) return pages_.error(req, Error::not_found());
    auto found = news_.file(req.principal, req.agency_id, *id, *fid);
    if (!found) return pages_.error(req, found.error());
    return files::download(found->first, std::move(found->second));
  }

  Response atom(Request& req) {
    PostPage found = news_.published(req.agency_id, "", 30, 0);
    std::string agency = pages_.shell(req).agency_name;
    std::string base = req.origin;
    std::string out =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"th\">\n";
    out += "  <title>" + documents::xml_escape(std::string(pages_.t(req, "news.title")) + " " + agency) + "</title>\n";
    out += "  <id>" + urn_of(req.agency_id, "news") + "</id>\n";
    out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + documents::xml_escape(base + "/news") + "\"/>\n";
    out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + documents::xml_escape(base + "/news.atom") +
           "\"/>\n";
    std::int64_t updated = 0;
    for (const Post& p : found.posts) updated = std::max({updated, p.publish_at, p.updated_at});
    out += "  <updated>" + rfc3339(updated) + "</updated>\n";
    out += "  <author><name>" + documents::xml_escape(agency) + "</name></author>\n";
    for (const Post& p : found.posts) {
      std::string href = base + "/news/" + std::to_string(p.id);
      out += "  <entry>\n";
      out += "    <title>" + documents::xml_escape(p.title) + "</title>\n";
      out += "    <id>" + urn_of(req.agency_id, "news/" + std::to_string(p.id)) + "</id>\n";
      out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + documents::xml_escape(href) + "\"/>\n";
      out += "    <published>" + rfc3339(p.publish_at) + "</published>\n";
      out += "    <updated>" + rfc3339(std::max(p.publish_at, p.updated_at)) + "</updated>\n";
      out += "    <category term=\"" + p.category + "\" label=\"" +
             documents::xml_escape(category_label(req, p.category)) + "\"/>\n";
      out += "    <content type=\"text\">" + documents::xml_escape(p.body) + "</content>\n";
      out += "  </entry>\n";
    }
    out += "</feed>\n";
    Response res;
    res.body = std::move(out);
    res.header("Content-Type", "application/atom+xml; charset=utf-8");
    return fresh(req, std::move(res));
  }

  // ---- Editors ----

  Response manage(Request& req) {
    auto all = news_.all(*req.principal);
    if (!all) return pages_.error(req, all.error());
    std::int64_t now = news_.now();
    json rows = json::array();
    for (const Post& p : *all) {
      std::string state = p.status == PostStatus::draft ? "draft" : p.publish_at > now ? "scheduled" : "published";
      rows.push_back({{"href", "/news/manage/" + std::to_string(p.id)},
                      {"title", p.title},
                      {"category", category_label(req, p.category)},
                      {"state", state},
                      {"state_label", std::string(pages_.t(req, "news.state." + state))},
                      {"when", calendar::format_time(p.publish_at, req.lang)}});
    }
    return pages_.page(req, "news/news_manage",
                       {{"title", std::string(pages_.t(req, "news.manage_title"))},
                        {"rows", rows},
                        {"empty", rows.empty()},
                        {"deleted", req.query_param("deleted").has_value()}});
  }

  Response new_form(Request& req) { return form(req, std::nullopt, Post{}, std::nullopt, 200); }

  Response edit_form(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    auto p = news_.get(*req.principal, *id);
    if (!p) return pages_.error(req, p.error());
    return form(req, id, *p, std::nullopt, 200);
  }

  Response create(Request& req) { return save(req, std::nullopt); }

  Response update(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    return save(req, id);
  }

  // Deleting takes the box ticked ("yes, delete this post"): the browser asks for it, and a
  // request without it goes back to the post with the reason.
  Response remove(Request& req) {
    auto id = req.id_param("id");
    if (!id) return pages_.error(req, Error::not_found());
    if (req.form().value("confirm") != "1")
      return Response::redirect("/news/manage/" + std::to_string(*id) + "?confirm_delete=1#delete");
    auto r = news_.remove(*req.principal, *id);
    if (!r) return pages_.error(req, r.error());
    return Response::redirect("/news/manage?deleted=1");
  }

 private:
  static bool known_category(std::string_view c) {
    return std::find(std::begin(kCategories), std::end(kCategories), c) != std::end(kCategories);
  }
  std::string category_label(const Request& req, std::string_view c) const {
    return std::string(pages_.t(req, "news.category." + std::string(c)));
  }

  // Public pages are cached until the next write; a scheduled post also ends their freshness.
  Response fresh(const Request& req, Response res) {
    if (auto next = news_.next_scheduled(req.agency_id)) res.fresh_until = *next;
    return res;
  }

  json summary(const Request& req, const Post& p) const {
    std::string excerpt = text::truncate(p.body, 200);
    return {{"href", "/news/" + std::to_string(p.id)},
            {"title", p.title},
            {"category", category_label(req, p.category)},
            {"date", calendar::format(calendar::local_date(p.publish_at), req.lang, calendar::Style::long_form)},
            {"iso", calendar::iso(calendar::local_date(p.publish_at))},
            {"excerpt", excerpt},
            {"more", excerpt.size() < p.body.size()}};
  }

  json post_json(const Request& req, const Post& p) const {
    json data = summary(req, p);
    data["body"] = p.body;
    json images = json::array(), attachments = json::array();
    int n = 0;
    for (const PostFile& f : p.files) {
      json j = {{"href", "/news/" + std::to_string(p.id) + "/files/" + std::to_string(f.id)},
                {"name", f.ref.name},
                {"size", files::size_label(f.ref.size)}};
      if (f.image) {
        j["alt"] = std::string(pages_.t(req, "news.image_alt")) + " " + std::to_string(++n) + ": " + p.title;
        images.push_back(j);
      } else {
        attachments.push_back(j);
      }
    }
    data["images"] = images;
    data["attachments"] = attachments;
    data["has_attachments"] = !attachments.empty();
    return data;
  }

  Response save(Request& req, std::optional<std::int64_t> id) {
    const http::Form& f = req.form();
    PostInput in;
    in.category = f.value("category");
    in.title = f.value("title");
    in.body = f.value("body");
    in.publish = f.value("status") == "published";
    in.publish_date = f.value("publish_date");
    in.publish_time = f.value("publish_time");
    for (const http::UploadedFile& u : f.files()) {
      if (u.field == "images") in.images.push_back({u.filename, u.data});
      if (u.field == "attachments") in.attachments.push_back({u.filename, u.data});
    }
    for (const std::string& r : f.all("remove_file")) {
      if (auto n = text::parse_id(r)) in.remove_files.push_back(*n);
    }
    in.confirm_personal_data = f.value("confirm_personal_data") == "1";
    in.lang = req.lang;
    auto saved = news_.save(*req.principal, id, in);
    if (!saved) {
      if (saved.error().kind != ErrorKind::invalid) return pages_.error(req, saved.error());
      Post typed;
      typed.category = in.category;
      typed.title = in.title;
      typed.body = in.body;
      typed.status = in.publish ? PostStatus::published : PostStatus::draft;
      if (id) {
        if (auto existing = news_.get(*req.principal, *id)) typed.files = existing->files;
      }
      return form(req, id, typed, saved.error(), http::status_of(saved.error().kind));
    }
    return Response::redirect("/news/manage/" + std::to_string(*saved) + "?saved=1");
  }

  Response form(Request& req, std::optional<std::int64_t> id, const Post& p, const std::optional<Error>& error,
                int status) {
    const http::Form* posted = req.method == Method::post ? &req.form() : nullptr;
    json categories = json::array();
    for (std::string_view c : kCategories) {
      categories.push_back({{"value", std::string(c)},
                            {"label", category_label(req, c)},
                            {"selected", p.category.empty() ? c == "news" : p.category == c}});
    }
    std::string date, time;
    if (posted) {
      date = posted->value("publish_date");
      time = posted->value("publish_time");
    } else if (id) {
      date = calendar::iso(calendar::local_date(p.publish_at));
      std::int64_t seconds = p.publish_at - calendar::start_of_day(calendar::local_date(p.publish_at));
      char buf[8];
      std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(seconds / 3600),
                    static_cast<int>(seconds / 60 % 60));
      time = buf;
    }
    json files = json::array();
    for (const PostFile& f : p.files) {
      files.push_back({{"id", std::to_string(f.id)},
                       {"name", f.ref.name},
                       {"image", f.image},
                       {"href", "/news/" + std::to_string(id.value_or(0)) + "/files/" + std::to_string(f.id)}});
    }
    std::string action = id ? "/news/manage/" + std::to_string(*id) : "/news/manage/new";
    json data = {{"title", std::string(pages_.t(req, id ? "news.edit_title" : "news.new_title"))},
                 {"action", action},
                 {"editing", id.has_value()},
                 {"delete_action", action + "/delete"},
                 {"confirm_delete", req.query_param("confirm_delete").has_value()},
                 {"public_href", id ? "/news/" + std::to_string(*id) : ""},
                 {"is_public", id && p.is_public(news_.now())},
                 {"categories", categories},
                 {"post_title", p.title},
                 {"body", p.body},
                 {"draft", p.status == PostStatus::draft},
                 {"publish_date", date},
                 {"publish_time", time},
                 {"files", files},
                 {"has_files", !files.empty()},
                 {"max_mb", std::to_string(news_.max_file_bytes() >> 20)},
                 {"saved", req.query_param("saved").has_value()}};
    return pages_.form(req, "news/news_form", std::move(data), error, status);
  }

  News& news_;
  web::Pages& pages_;
};

}  // namespace

void mount(http::Router& router, web::Pages& pages, News& news) {
  auto h = std::make_shared<NewsHandlers>(news, pages);
  router.add(Route(Method::get, "/news", Access::anyone(), http::member(h, &NewsHandlers::list))).cached();
  router.add(Route(Method::get, "/news.atom", Access::anyone(), http::member(h, &NewsHandlers::atom))).cached();
  router.add(Route(Method::get, "/news/{id}", Access::anyone(), http::member(h, &NewsHandlers::post))).cached();
  router.add(Route(Method::get, "/news/{id}/files/{file}", Access::anyone(), http::member(h, &NewsHandlers::file))
                 .on(http::Work::worker_pool));  // a file to read: never on an I/O thread
  const Access editors = Access::roles({Role::admin, Role::staff});
  const std::size_t body = news.max_file_bytes() * 4 + (1 << 20);  // a few files at once
  router.add(Route(Method::get, "/news/manage", editors, http::member(h, &NewsHandlers::manage)));
  router.add(Route(Method::get, "/news/manage/new", editors, http::member(h, &NewsHandlers::new_form)));
  router.add(Route(Method::post, "/news/manage/new", editors, http::member(h, &NewsHandlers::create))
                 .takes(http::BodyRule::upload(body)));
  router.add(Route(Method::get, "/news/manage/{id}", editors, http::member(h, &NewsHandlers::edit_form)));
  router.add(Route(Method::post, "/news/manage/{id}", editors, http::member(h, &NewsHandlers::update))
                 .takes(http::BodyRule::upload(body)));
  router.add(Route(Method::post, "/news/manage/{id}/delete", editors, http::member(h, &NewsHandlers::remove))
                 .takes(http::BodyRule::small_form()));
  pages.add_menu({"menu.news", "/news/manage", editors, "public"});
}

}  // namespace prongsai::news
