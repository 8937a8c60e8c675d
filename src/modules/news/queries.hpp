// SQL of the news module: the portable subset, `?` placeholders.
#pragma once

#include <string_view>

namespace prongsai::news::q {

// Published posts between two moments (the second no later than now), of a category or all.
constexpr std::string_view kPublishedPosts =
    "SELECT id, category, title, body, status, publish_at, created_at, updated_at FROM news_posts "
    "WHERE agency_id = ? AND status = 'published' AND publish_at >= ? AND publish_at <= ? "
    "AND (? = '' OR category = ?) ORDER BY publish_at DESC, id DESC LIMIT ? OFFSET ?";
constexpr std::string_view kCountPublished =
    "SELECT COUNT(*) FROM news_posts WHERE agency_id = ? AND status = 'published' AND publish_at >= ? "
    "AND publish_at <= ? AND (? = '' OR category = ?)";
constexpr std::string_view kNewestPublished =
    "SELECT MAX(publish_at) AS newest FROM news_posts WHERE agency_id = ? AND status = 'published' "
    "AND publish_at >= ? AND publish_at <= ? AND (? = '' OR category = ?)";
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

}  // namespace prongsai::news::q
