// The agency's news (ข่าวประชาสัมพันธ์): posts, drafts or scheduled, with pictures and
// attachments; public lists, a feed and the search index kept in step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/strings.hpp"
#include "core/thai_calendar.hpp"
#include "files/files.hpp"
#include "http/access.hpp"
#include "store/store.hpp"

namespace prongsai::accounts {
class Service;
}

namespace prongsai::news {

enum class PostStatus { draft, published };
std::string_view to_string(PostStatus s);
// The categories a post is filed under (strings news.category.<key>).
inline constexpr std::string_view kCategories[] = {"news",          "announcement", "activity",
                                                   "participation", "procurement",  "jobs"};

struct PostFile {
  std::int64_t id = 0;
  bool image = false;
  files::Ref ref;
};

struct Post {
  std::int64_t id = 0;
  std::string category, title, body;
  PostStatus status = PostStatus::draft;
  std::int64_t publish_at = 0;
  std::int64_t created_at = 0, updated_at = 0;
  std::vector<PostFile> files;
  bool is_public(std::int64_t now) const { return status == PostStatus::published && publish_at <= now; }
};

struct PostInput {
  std::string category, title, body;
  bool publish = false;
  std::string publish_date;  // "2026-11-24" (CE, as an <input type=date> sends it); empty: now
  std::string publish_time;  // "08:30", Thailand time; empty: 00:00 (or now, with no date)
  std::vector<files::Upload> images, attachments;
  std::vector<std::int64_t> remove_files;
  // A post to publish is scanned for personal data (files/personal_data.hpp: its title, its text,
  // its new pictures by OCR and its files); what is found holds it until the officer confirms,
  // which the audit keeps. A draft is not public: it is not held.
  bool confirm_personal_data = false;
  Lang lang = Lang::th;  // of the refusal's lines
};

struct PostPage {
  std::vector<Post> posts;  // without files
  std::int64_t total = 0;
};

class News {
 public:
  News(store::Store& store, const Clock& clock, accounts::Service& accounts)
      : store_(store), clock_(clock), accounts_(accounts) {}
  static constexpr std::size_t kMaxFiles = 20;

  // What the public sees: published posts whose time has come, newest first; of a fiscal year's
  // days, when one is given.
  PostPage published(std::int64_t agency_id, const std::string& category, std::int64_t limit, std::int64_t offset,
                     std::optional<calendar::Period> within = std::nullopt);
  // When the newest of those went public (unix seconds), or nullopt when there is none.
  std::optional<std::int64_t> newest(std::int64_t agency_id, const std::string& category,
                                     std::optional<calendar::Period> within = std::nullopt);
  Result<Post> published_post(std::int64_t agency_id, std::int64_t id);
  // The next moment a scheduled post goes public: public pages are fresh until then.
  std::optional<std::int64_t> next_scheduled(std::int64_t agency_id);
  // A post's file for download: public once the post is, always for its editors.
  Result<std::pair<files::Ref, std::string>> file(const http::Principal* by, std::int64_t agency_id,
                                                  std::int64_t post_id, std::int64_t file_id);

  // Editors (admin, staff).
  Result<std::vector<Post>> all(const http::Principal& by);
  Result<Post> get(const http::Principal& by, std::int64_t id);
  // Creates (no id) or updates a post with its new files, in one transaction.
  Result<std::int64_t> save(const http::Principal& by, std::optional<std::int64_t> id, const PostInput& in);
  Result<void> remove(const http::Principal& by, std::int64_t id);
  // Every agency's published posts into the search index again (their entries are kept in
  // step on every save; this is for an index built by an older version).
  static void reindex(store::WriteTx& tx);

  std::int64_t now() const { return clock_.now(); }
  void set_max_file_bytes(std::size_t n) { max_file_bytes_ = n; }
  std::size_t max_file_bytes() const { return max_file_bytes_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  accounts::Service& accounts_;
  std::size_t max_file_bytes_ = 20 << 20;
};

bool may_edit_news(const http::Principal& by);

}  // namespace prongsai::news
