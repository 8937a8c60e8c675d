// SQL of the channels module: the portable subset, `?` placeholders.
#pragma once

#include <string_view>

namespace prongsai::channels::q {

constexpr std::string_view kContact = "SELECT data FROM contact_info WHERE agency_id = ?";
constexpr std::string_view kSaveContact =
    "INSERT INTO contact_info (agency_id, data, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at";

constexpr std::string_view kPublishedPosts =
    "SELECT id, category, title, body, status, publish_at, created_at, updated_at FROM news_posts "
    "WHERE agency_id = ? AND status = 'published' AND publish_at <= ? AND (? = '' OR category = ?) "
    "ORDER BY publish_at DESC, id DESC LIMIT ? OFFSET ?";
constexpr std::string_view kCountPublished =
    "SELECT COUNT(*) FROM news_posts "
    "WHERE agency_id = ? AND status = 'published' AND publish_at <= ? AND (? = '' OR category = ?)";
constexpr std::string_view kNextScheduled =
    "SELECT MIN(publish_at) AS next_at FROM news_posts WHERE agency_id = ? AND status = 'published' AND publish_at > ?";
constexpr std::string_view kAllPosts =
    "SELECT id, category, title, body, status, publish_at, created_at, updated_at FROM news_posts "
    "WHERE agency_id = ? ORDER BY publish_at DESC, id DESC";
constexpr std::string_view kPost =
    "SELECT id, category, title, body, status, publish_at, created_at, updated_at FROM news_posts "
    "WHERE agency_id = ? AND id = ?";
// Every agency's published posts, for rebuilding the search index.
constexpr std::string_view kAllPublishedPosts =
    "SELECT id, category, title, body, status, publish_at, created_at, updated_at, agency_id FROM news_posts "
    "WHERE status = 'published' ORDER BY publish_at, id";
constexpr std::string_view kInsertPost =
    "INSERT INTO news_posts (agency_id, category, title, body, status, publish_at, created_by, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdatePost =
    "UPDATE news_posts SET category = ?, title = ?, body = ?, status = ?, publish_at = ?, updated_at = ? "
    "WHERE agency_id = ? AND id = ?";
constexpr std::string_view kDeletePost = "DELETE FROM news_posts WHERE agency_id = ? AND id = ?";
constexpr std::string_view kPostFiles =
    "SELECT id, image, sha256, name, content_type, size FROM news_files WHERE agency_id = ? AND post_id = ? ORDER BY "
    "id";
constexpr std::string_view kPostFile =
    "SELECT id, image, sha256, name, content_type, size FROM news_files WHERE agency_id = ? AND post_id = ? AND id = ?";
constexpr std::string_view kInsertPostFile =
    "INSERT INTO news_files (agency_id, post_id, image, sha256, name, content_type, size) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeletePostFile = "DELETE FROM news_files WHERE agency_id = ? AND post_id = ? AND id = ?";
constexpr std::string_view kDeletePostFiles = "DELETE FROM news_files WHERE agency_id = ? AND post_id = ?";

// ---- Questions ----
constexpr std::string_view kInsertQuestion =
    "INSERT INTO qa_questions (agency_id, receipt_id, received_via, asker, question, status, answer, declined_reason, "
    "asked_at) VALUES (?, ?, ?, ?, ?, 'waiting', '', '', ?) RETURNING id";
#define PRONGSAI_QA_COLUMNS \
  "id, received_via, asker, question, status, answer, declined_reason, asked_at, answered_at, published_at"
constexpr std::string_view kQuestionByReceipt =
    "SELECT " PRONGSAI_QA_COLUMNS " FROM qa_questions WHERE agency_id = ? AND receipt_id = ?";
constexpr std::string_view kQuestion =
    "SELECT " PRONGSAI_QA_COLUMNS " FROM qa_questions WHERE agency_id = ? AND id = ?";
constexpr std::string_view kPublishedQuestions = "SELECT " PRONGSAI_QA_COLUMNS
                                                 " FROM qa_questions WHERE agency_id = ? AND status = 'published' "
                                                 "ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?";
constexpr std::string_view kPublishedQuestion =
    "SELECT " PRONGSAI_QA_COLUMNS " FROM qa_questions WHERE agency_id = ? AND id = ? AND status = 'published'";
// Every agency's published questions, for rebuilding the search index.
constexpr std::string_view kAllPublishedQuestions =
    "SELECT " PRONGSAI_QA_COLUMNS ", agency_id FROM qa_questions WHERE status = 'published' ORDER BY published_at, id";
constexpr std::string_view kCountPublishedQuestions =
    "SELECT COUNT(*) FROM qa_questions WHERE agency_id = ? AND status = 'published'";
constexpr std::string_view kQuestionInbox =
    "SELECT " PRONGSAI_QA_COLUMNS
    " FROM qa_questions WHERE agency_id = ? "
    "ORDER BY CASE status WHEN 'waiting' THEN 0 WHEN 'answered' THEN 1 ELSE 2 END, asked_at DESC LIMIT 500";
constexpr std::string_view kQuestionsAskedBetween = "SELECT " PRONGSAI_QA_COLUMNS
                                                    " FROM qa_questions WHERE agency_id = ? AND asked_at >= ? AND "
                                                    "asked_at <= ? ORDER BY asked_at";
constexpr std::string_view kResponseTimesBetween =
    "SELECT answered_at - asked_at AS seconds FROM qa_questions "
    "WHERE agency_id = ? AND answered_at IS NOT NULL AND answered_at >= ? AND answered_at <= ?";
#undef PRONGSAI_QA_COLUMNS
constexpr std::string_view kAnswer =
    "UPDATE qa_questions SET status = ?, answer = ?, answered_by = ?, answered_at = COALESCE(answered_at, ?), "
    "published_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kDecline =
    "UPDATE qa_questions SET status = 'declined', declined_reason = ?, answered_by = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kApprove =
    "UPDATE qa_questions SET status = 'published', published_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kWaitingQuestions =
    "SELECT id, asked_at FROM qa_questions WHERE agency_id = ? AND status = 'waiting' ORDER BY asked_at, id";
constexpr std::string_view kQaApproval = "SELECT approval FROM qa_settings WHERE agency_id = ?";
constexpr std::string_view kSetQaApproval =
    "INSERT INTO qa_settings (agency_id, approval) VALUES (?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET approval = excluded.approval";

}  // namespace prongsai::channels::q
