// SQL of the qa module: the portable subset, `?` placeholders.
#pragma once

#include <string_view>

namespace prongsai::qa::q {

constexpr std::string_view kInsertQuestion =
    "INSERT INTO qa_questions (agency_id, receipt_id, received_via, asker, question, status, answer, declined_reason, "
    "asked_at, notify_channel, notify_to) VALUES (?, ?, ?, ?, ?, 'waiting', '', '', ?, ?, ?) RETURNING id";
constexpr std::string_view kNotifyOf =
    "SELECT notify_channel, notify_to, asked_at FROM qa_questions WHERE agency_id = ? AND id = ?";
constexpr std::string_view kForgetNotify =
    "UPDATE qa_questions SET notify_channel = '', notify_to = '' WHERE agency_id = ? AND id = ?";
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
    "UPDATE qa_questions SET status = ?, answer = ?, question = ?, answered_by = ?, "
    "answered_at = COALESCE(answered_at, ?), "
    "published_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kDecline =
    "UPDATE qa_questions SET status = 'declined', declined_reason = ?, answered_by = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kApprove =
    "UPDATE qa_questions SET status = 'published', published_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kAskedSince =
    "SELECT id, agency_id, asked_at FROM qa_questions WHERE asked_at >= ? ORDER BY id";
constexpr std::string_view kWaitingQuestions =
    "SELECT id, asked_at FROM qa_questions WHERE agency_id = ? AND status = 'waiting' ORDER BY asked_at, id";
constexpr std::string_view kQaApproval = "SELECT approval FROM qa_settings WHERE agency_id = ?";
constexpr std::string_view kSetQaApproval =
    "INSERT INTO qa_settings (agency_id, approval) VALUES (?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET approval = excluded.approval";

}  // namespace prongsai::qa::q
