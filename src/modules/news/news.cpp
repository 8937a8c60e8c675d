// News: drafts, scheduled and published posts with images and attachments. See news.hpp.
#include <algorithm>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "files/personal_data.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/news/news.hpp"
#include "modules/news/queries.hpp"

namespace prongsai::news {
namespace {

using http::Role;
using nlohmann::json;

constexpr std::size_t kMaxTitle = 300, kMaxBody = 20000;

Post post_from(const store::Row& r) {
  Post p;
  p.id = r.integer("id");
  p.category = r.text("category");
  p.title = r.text("title");
  p.body = r.text("body");
  p.status = r.text("status") == "published" ? PostStatus::published : PostStatus::draft;
  p.publish_at = r.integer("publish_at");
  p.created_at = r.integer("created_at");
  p.updated_at = r.integer("updated_at");
  return p;
}

// A published post is found by search from its publishing time on; a draft is not found.
void keep_indexed(store::WriteTx& tx, std::int64_t agency_id, const Post& p) {
  if (p.status == PostStatus::published)
    tx.index({agency_id, "news", std::to_string(p.id), p.title, p.body, "/news/" + std::to_string(p.id), p.publish_at});
  else
    tx.unindex(agency_id, "news", std::to_string(p.id));
}

PostFile file_from(const store::Row& r) {
  return {r.integer("id"),
          r.integer("image") != 0,
          {r.text("sha256"), r.text("name"), r.text("content_type"), r.integer("size")}};
}

std::vector<PostFile> files_of(store::ReadTx& tx, std::int64_t agency_id, std::int64_t post_id) {
  std::vector<PostFile> out;
  for (const auto& r : tx.query(q::kPostFiles, {agency_id, post_id})) out.push_back(file_from(r));
  return out;
}

json audit_view(const Post& p) {
  return {{"category", p.category},
          {"title", p.title},
          {"status", std::string(to_string(p.status))},
          {"publish_at", p.publish_at}};
}

// "08:30" → seconds after midnight.
std::optional<std::int64_t> parse_time(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 3600 + m * 60;
}

Result<void> may_edit(const http::Principal& by) {
  if (!may_edit_news(by)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a news editor"));
  return ok();
}

}  // namespace

std::string_view to_string(PostStatus s) { return s == PostStatus::published ? "published" : "draft"; }

bool may_edit_news(const http::Principal& by) { return by.roles.has(Role::admin) || by.roles.has(Role::staff); }

namespace {

// The moments a fiscal year's posts (or, without one, every post) fall between, up to now.
std::pair<std::int64_t, std::int64_t> bounds(std::int64_t now, const std::optional<calendar::Period>& within) {
  if (!within) return {0, now};
  return {calendar::start_of_day(within->first), std::min(now, calendar::end_of_day(within->last))};
}

}  // namespace

PostPage News::published(std::int64_t agency_id, const std::string& category, std::int64_t limit, std::int64_t offset,
                         std::optional<calendar::Period> within) {
  auto [from, to] = bounds(clock_.now(), within);
  return store_.read([&](store::ReadTx& tx) {
    PostPage page;
    for (const auto& r : tx.query(q::kPublishedPosts, {agency_id, from, to, category, category, limit, offset}))
      page.posts.push_back(post_from(r));
    page.total = tx.count(q::kCountPublished, {agency_id, from, to, category, category});
    return page;
  });
}

std::optional<std::int64_t> News::newest(std::int64_t agency_id, const std::string& category,
                                         std::optional<calendar::Period> within) {
  auto [from, to] = bounds(clock_.now(), within);
  return store_.read([&](store::ReadTx& tx) -> std::optional<std::int64_t> {
    auto r = tx.query_one(q::kNewestPublished, {agency_id, from, to, category, category});
    if (!r || r->is_null("newest")) return std::nullopt;
    return r->integer("newest");
  });
}

Result<Post> News::published_post(std::int64_t agency_id, std::int64_t id) {
  std::int64_t now = clock_.now();
  return store_.read([&](store::ReadTx& tx) -> Result<Post> {
    auto row = tx.query_one(q::kPost, {agency_id, id});
    if (!row) return fail(Error::not_found("post"));
    Post p = post_from(*row);
    if (!p.is_public(now)) return fail(Error::not_found("post"));  // a draft does not exist for the public
    p.files = files_of(tx, agency_id, id);
    return p;
  });
}

std::optional<std::int64_t> News::next_scheduled(std::int64_t agency_id) {
  std::int64_t now = clock_.now();
  return store_.read([&](store::ReadTx& tx) -> std::optional<std::int64_t> {
    auto row = tx.query_one(q::kNextScheduled, {agency_id, now});
    return row ? row->opt_integer("next_at") : std::nullopt;
  });
}

Result<std::pair<files::Ref, std::string>> News::file(const http::Principal* by, std::int64_t agency_id,
                                                      std::int64_t post_id, std::int64_t file_id) {
  std::int64_t now = clock_.now();
  bool editor = by && may_edit_news(*by);
  return store_.read([&](store::ReadTx& tx) -> Result<std::pair<files::Ref, std::string>> {
    auto post = tx.query_one(q::kPost, {agency_id, post_id});
    if (!post || (!editor && !post_from(*post).is_public(now))) return fail(Error::not_found("post"));
    auto row = tx.query_one(q::kPostFile, {agency_id, post_id, file_id});
    if (!row) return fail(Error::not_found("file"));
    PostFile f = file_from(*row);
    auto data = files::get(tx, agency_id, f.ref.sha256);
    if (!data) return fail(Error::not_found("file"));
    return std::make_pair(f.ref, std::move(*data));
  });
}

Result<std::vector<Post>> News::all(const http::Principal& by) {
  if (auto r = may_edit(by); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) {
    std::vector<Post> out;
    for (const auto& r : tx.query(q::kAllPosts, {by.agency_id})) out.push_back(post_from(r));
    return out;
  });
}

Result<Post> News::get(const http::Principal& by, std::int64_t id) {
  if (auto r = may_edit(by); !r) return fail(r.error());
  return store_.read([&](store::ReadTx& tx) -> Result<Post> {
    auto row = tx.query_one(q::kPost, {by.agency_id, id});
    if (!row) return fail(Error::not_found("post"));
    Post p = post_from(*row);
    p.files = files_of(tx, by.agency_id, id);
    return p;
  });
}

Result<std::int64_t> News::save(const http::Principal& by, std::optional<std::int64_t> id, const PostInput& in) {
  if (auto r = may_edit(by); !r) return fail(r.error());
  Post p;
  if (std::find(std::begin(kCategories), std::end(kCategories), in.category) == std::end(kCategories))
    return fail(Error::invalid_field("category", "error.choice"));
  p.category = in.category;
  auto title = text::form_field("title", in.title, kMaxTitle, true);
  if (!title) return fail(title.error());
  p.title = *title;
  auto body = text::form_field("body", in.body, kMaxBody, false, text::Lines::multiple);
  if (!body) return fail(body.error());
  p.body = *body;
  p.status = in.publish ? PostStatus::published : PostStatus::draft;
  std::int64_t now = clock_.now();
  std::string date(text::trim(in.publish_date)), time(text::trim(in.publish_time));
  if (date.empty()) {
    if (!time.empty()) return fail(Error::invalid_field("publish_date", "error.required"));
    p.publish_at = now;
  } else {
    auto d = calendar::parse_iso(date);
    if (!d) return fail(Error::invalid_field("publish_date", "error.date"));
    auto t = time.empty() ? std::optional<std::int64_t>(0) : parse_time(time);
    if (!t) return fail(Error::invalid_field("publish_time", "error.time"));
    p.publish_at = calendar::start_of_day(*d) + *t;
  }

  struct Incoming {
    const files::Upload* upload;
    bool image;
    files::Kind kind;
  };
  std::vector<Incoming> incoming;
  std::vector<files::Checked> scanned;  // what a post to publish shows, for the personal-data scan
  for (bool image : {true, false}) {
    files::Policy policy{.field = image ? "images" : "attachments", .max_bytes = max_file_bytes_};
    if (image) {
      policy.accepts = [](const files::Kind& k) { return k.content_type.starts_with("image/"); };
      policy.not_accepted = "error.not_an_image";
    }
    auto checked = files::check(image ? in.images : in.attachments, policy);
    if (!checked) return fail(checked.error());
    for (const files::Checked& c : *checked) incoming.push_back({c.upload, image, c.kind});
    scanned.insert(scanned.end(), checked->begin(), checked->end());
  }
  files::PublishCheck personal;
  if (p.status == PostStatus::published) {
    const Strings& strings = Strings::instance();
    personal = files::check_publishing({{std::string(strings.get(in.lang, "news.post_title")), p.title},
                                        {std::string(strings.get(in.lang, "news.body")), p.body}},
                                       scanned, accounts_.own_contacts(by.agency_id));
    if (!personal.clear() && !in.confirm_personal_data) return fail(files::personal_data_error(personal, in.lang));
  }
  nlohmann::json after = audit_view(p);
  if (!personal.clear()) after["personal_data_confirmed"] = personal.audit();

  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    std::int64_t post_id = 0;
    std::size_t kept = 0;
    if (id) {
      auto row = tx.query_one(q::kPost, {by.agency_id, *id});
      if (!row) return fail(Error::not_found("post"));
      Post before = post_from(*row);
      tx.apply(
          store::Change::update(by.agency_id, "news_post", *id, audit_view(before), after), q::kUpdatePost,
          {p.category, p.title, p.body, std::string(to_string(p.status)), p.publish_at, tx.now(), by.agency_id, *id});
      post_id = *id;
      for (std::int64_t f : in.remove_files) tx.also(q::kDeletePostFile, {by.agency_id, post_id, f});
      kept = files_of(tx, by.agency_id, post_id).size();
    } else {
      post_id = tx.apply(store::Change::create(by.agency_id, "news_post", after), q::kInsertPost,
                         {by.agency_id, p.category, p.title, p.body, std::string(to_string(p.status)), p.publish_at,
                          by.user_id, tx.now(), tx.now()})
                    .at(0)
                    .integer("id");
    }
    if (kept + incoming.size() > kMaxFiles) return fail(Error::invalid_field("attachments", "error.too_many"));
    p.id = post_id;
    keep_indexed(tx, by.agency_id, p);
    for (const Incoming& f : incoming) {
      files::Ref ref = files::put(tx, by.agency_id, f.upload->name, f.upload->data, f.kind);
      tx.also(q::kInsertPostFile,
              {by.agency_id, post_id, std::int64_t{f.image ? 1 : 0}, ref.sha256, ref.name, ref.content_type, ref.size});
    }
    return post_id;
  });
}

Result<void> News::remove(const http::Principal& by, std::int64_t id) {
  if (auto r = may_edit(by); !r) return fail(r.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kPost, {by.agency_id, id});
    if (!row) return fail(Error::not_found("post"));
    tx.apply(store::Change::remove(by.agency_id, "news_post", id, audit_view(post_from(*row))), q::kDeletePostFiles,
             {by.agency_id, id});
    tx.also(q::kDeletePost, {by.agency_id, id});
    tx.unindex(by.agency_id, "news", std::to_string(id));
    return ok();
  });
}

void News::reindex(store::WriteTx& tx) {
  tx.unindex_kind("news");
  for (const auto& r : tx.query(q::kAllPublishedPosts)) keep_indexed(tx, r.integer("agency_id"), post_from(r));
}

}  // namespace prongsai::news
