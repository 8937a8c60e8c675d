// The citizen channels that are not cases: the agency's contact channels (ข้อมูลการติดต่อ) and
// its news (ข่าวประชาสัมพันธ์).
// Complaints live in modules/cases.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/stats.hpp"
#include "core/thai_calendar.hpp"
#include "files/files.hpp"
#include "http/access.hpp"
#include "store/store.hpp"

namespace prongsai::channels {

struct Executive {
  std::string name, position, phone;
};

// What the admin fills in; everything optional. Links are http(s); LINE is "@id" or a link.
struct Contact {
  std::string address, map_url, hours, phone, fax, email, facebook, line, website;
  std::vector<Executive> executives;  // at most kMaxExecutives
  bool empty() const;
};
constexpr std::size_t kMaxExecutives = 6;

nlohmann::json to_json(const Contact& c);
Contact contact_from_json(const nlohmann::json& j);

// A contact channel a citizen can open, in the order a poster shows them.
struct ContactLink {
  std::string kind;   // map | phone | email | facebook | line | website
  std::string shown;  // what the page prints: the number, the address, "@namom"
  std::string href;   // tel:, mailto:, https:
};
std::vector<ContactLink> links_of(const Contact& c);
// "tel:" target of a Thai phone as written ("044 610 000 ต่อ 12" → "tel:044610000,12").
std::string tel_href(std::string_view phone);

class Contacts {
 public:
  explicit Contacts(store::Store& store) : store_(store) {}
  Contact get(std::int64_t agency_id);
  // Admin only. Checks every field; saves all or nothing.
  Result<void> save(const http::Principal& by, const Contact& c);

 private:
  store::Store& store_;
};

// ---- News ----------------------------------------------------------------------------------

enum class PostStatus { draft, published };
std::string_view to_string(PostStatus s);
// The categories a post is filed under (strings news.category.<key>).
inline constexpr std::string_view kCategories[] = {"news", "announcement", "activity", "procurement", "jobs"};

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
};

struct PostPage {
  std::vector<Post> posts;  // without files
  std::int64_t total = 0;
};

class News {
 public:
  News(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  static constexpr std::size_t kMaxFiles = 20;

  // What the public sees: published posts whose time has come, newest first.
  PostPage published(std::int64_t agency_id, const std::string& category, std::int64_t limit, std::int64_t offset);
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
  std::size_t max_file_bytes_ = 20 << 20;
};

bool may_edit_news(const http::Principal& by);

// ---- Questions and answers ---------------------------------------------------------------

enum class QuestionStatus { waiting, answered, published, declined };
std::string_view to_string(QuestionStatus s);

struct Question {
  std::int64_t id = 0;
  std::string via = "web";  // web | phone | letter | walk_in
  std::string asker, question, answer, declined_reason;
  QuestionStatus status = QuestionStatus::waiting;
  std::int64_t asked_at = 0;
  std::optional<std::int64_t> answered_at, published_at;
};

// Response times (asked → answered), in seconds, by the nearest-rank method (core/stats.hpp).
using ResponseTimes = stats::Durations;

// What executives get every six months (April: October–March; October: April–September).
struct QaSummary {
  calendar::Period period;
  std::int64_t asked = 0, answered = 0, published = 0, declined = 0, waiting = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_via;  // asked, per channel
  ResponseTimes times;
  std::vector<Question> still_waiting;  // asked in the period and not answered yet, oldest first
};

class Questions {
 public:
  Questions(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // A citizen asks on the website (Actor::citizen), or staff enter a call, letter or visit.
  // The code is shown once; the row keeps its hash.
  Result<std::string> ask(std::int64_t agency_id, const std::string& asker, const std::string& question);
  Result<std::string> enter(const http::Principal& by, const std::string& via, const std::string& asker,
                            const std::string& question);
  // The asker's view with the code: its status and the answer once there is one.
  Result<Question> track(std::int64_t agency_id, std::string_view code);

  // Public: published questions, newest answer first; response times of the fiscal year.
  std::vector<Question> published(std::int64_t agency_id, std::int64_t limit, std::int64_t offset);
  std::int64_t published_count(std::int64_t agency_id);
  // One published question with its answer (not_found for any other).
  Result<Question> published_question(std::int64_t agency_id, std::int64_t id);
  // Every agency's published questions into the search index again (see News::reindex).
  static void reindex(store::WriteTx& tx);
  ResponseTimes public_times(std::int64_t agency_id, const calendar::Period& period);
  // The figures of a period without any question's text: for the public statistics page.
  QaSummary counts(std::int64_t agency_id, const calendar::Period& period);

  // The questions still waiting for an answer: (id, asked_at), oldest first; no text (the
  // deadline calendar).
  std::vector<std::pair<std::int64_t, std::int64_t>> waiting(std::int64_t agency_id);

  // Answerers: complaint officers and admins. Executives approve when approval is on.
  Result<std::vector<Question>> inbox(const http::Principal& by);
  Result<Question> get(const http::Principal& by, std::int64_t id);
  Result<void> answer(const http::Principal& by, std::int64_t id, const std::string& answer);
  Result<void> decline(const http::Principal& by, std::int64_t id, const std::string& reason);
  Result<void> approve(const http::Principal& by, std::int64_t id);
  bool approval_required(std::int64_t agency_id);
  Result<void> set_approval(const http::Principal& by, bool required);
  Result<QaSummary> summary(const http::Principal& by, const calendar::Period& period);

 private:
  QaSummary tally(std::int64_t agency_id, const calendar::Period& period, bool keep_waiting);
  Result<std::string> insert(std::int64_t agency_id, const store::Actor& actor, const std::string& via,
                             const std::string& asker, const std::string& question);
  store::Store& store_;
  const Clock& clock_;
};

bool may_answer(const http::Principal& by);

}  // namespace prongsai::channels
