// Every SQL statement of the measures module.
#pragma once

#include <string_view>

namespace prongsai::measures::q {

constexpr std::string_view kSelectPlanId = "SELECT id FROM measure_plans WHERE agency_id = ? AND fiscal_year = ?";
constexpr std::string_view kSelectPlan =
    "SELECT id, fiscal_year, cited_year, title, prepared_by, agency_name_as_written, source, created_at, "
    "framework_version FROM measure_plans WHERE agency_id = ? AND fiscal_year = ?";
constexpr std::string_view kSelectPlans =
    "SELECT p.fiscal_year AS fiscal_year, p.title AS title, COUNT(i.id) AS issues FROM measure_plans p LEFT JOIN "
    "measure_issues i ON i.plan_id = p.id "
    "WHERE p.agency_id = ? GROUP BY p.fiscal_year, p.title ORDER BY p.fiscal_year DESC";
constexpr std::string_view kInsertPlan =
    "INSERT INTO measure_plans (agency_id, fiscal_year, cited_year, title, prepared_by, agency_name_as_written, "
    "source, created_at, framework_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kInsertIssue =
    "INSERT INTO measure_issues (agency_id, plan_id, position, item_code, indicator_text, question, "
    "sub_questions_json, "
    "target_answers_json, responsible_text, all_units, cadence, cadence_months_json, deadline_month, monitoring_text, "
    "summary, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kInsertIssueUnit =
    "INSERT INTO measure_issue_units (agency_id, issue_id, unit_id) VALUES (?, ?, ?)";
constexpr std::string_view kInsertStep =
    "INSERT INTO measure_steps (agency_id, issue_id, position, number, text) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kSelectIssues =
    "SELECT id, position, item_code, indicator_text, question, sub_questions_json, target_answers_json, "
    "responsible_text, "
    "all_units, cadence, cadence_months_json, deadline_month, monitoring_text, summary, outcome "
    "FROM measure_issues WHERE agency_id = ? AND plan_id = ? ORDER BY position";
constexpr std::string_view kSelectSteps =
    "SELECT s.issue_id, s.number, s.text FROM measure_steps s JOIN measure_issues i ON i.id = s.issue_id "
    "WHERE s.agency_id = ? AND i.plan_id = ? ORDER BY s.issue_id, s.position";
constexpr std::string_view kSelectIssueUnits =
    "SELECT u.issue_id, u.unit_id FROM measure_issue_units u JOIN measure_issues i ON i.id = u.issue_id "
    "WHERE u.agency_id = ? AND i.plan_id = ? ORDER BY u.issue_id, u.unit_id";

// Progress reports
constexpr std::string_view kSelectIssue =
    "SELECT i.id, p.fiscal_year, i.cadence, i.cadence_months_json, i.deadline_month, i.item_code, i.question "
    "FROM measure_issues i JOIN measure_plans p ON p.id = i.plan_id WHERE i.agency_id = ? AND i.id = ?";
constexpr std::string_view kSelectIssueUnitIds =
    "SELECT unit_id FROM measure_issue_units WHERE agency_id = ? AND issue_id = ?";
constexpr std::string_view kReturnedSince =
    "SELECT g.id, g.agency_id, g.issue_id, g.due_date, g.reviewed_at, i.item_code FROM measure_progress g "
    "JOIN measure_issues i ON i.id = g.issue_id WHERE g.review = 'returned' AND g.reviewed_at >= ? ORDER BY g.id";
constexpr std::string_view kSelectProgress =
    "SELECT id, issue_id, due_date, status, body, evidence_links, submitted_by, submitted_at, review, review_comment, "
    "reviewed_by, reviewed_at FROM measure_progress WHERE agency_id = ? AND issue_id = ? AND due_date = ?";
constexpr std::string_view kSelectProgressById =
    "SELECT id, issue_id, due_date, status, body, evidence_links, submitted_by, submitted_at, review, review_comment, "
    "reviewed_by, reviewed_at FROM measure_progress WHERE agency_id = ? AND id = ?";
constexpr std::string_view kSelectPlanProgress =
    "SELECT g.id, g.issue_id, g.due_date, g.status, g.body, g.evidence_links, g.submitted_by, g.submitted_at, "
    "g.review, "
    "g.review_comment, g.reviewed_by, g.reviewed_at FROM measure_progress g JOIN measure_issues i ON i.id = g.issue_id "
    "WHERE g.agency_id = ? AND i.plan_id = ?";
constexpr std::string_view kInsertProgress =
    "INSERT INTO measure_progress (agency_id, issue_id, due_date, status, body, evidence_links, submitted_by, "
    "submitted_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kRefileProgress =
    "UPDATE measure_progress SET status = ?, body = ?, evidence_links = ?, submitted_by = ?, submitted_at = ?, "
    "review = 'pending', review_comment = '', reviewed_by = NULL, reviewed_at = NULL WHERE agency_id = ? AND id = ?";
constexpr std::string_view kReviewProgress =
    "UPDATE measure_progress SET review = ?, review_comment = ?, reviewed_by = ?, reviewed_at = ? "
    "WHERE agency_id = ? AND id = ? AND review = 'pending'";

// Editing
constexpr std::string_view kUpdatePlan =
    "UPDATE measure_plans SET title = ?, prepared_by = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kUpdateIssue =
    "UPDATE measure_issues SET item_code = ?, indicator_text = ?, question = ?, sub_questions_json = ?, "
    "target_answers_json = ?, responsible_text = ?, all_units = ?, cadence = ?, cadence_months_json = ?, "
    "deadline_month = ?, monitoring_text = ?, summary = ?, outcome = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kDeleteIssueSteps = "DELETE FROM measure_steps WHERE agency_id = ? AND issue_id = ?";
constexpr std::string_view kDeleteIssueUnits = "DELETE FROM measure_issue_units WHERE agency_id = ? AND issue_id = ?";
constexpr std::string_view kDeleteIssue = "DELETE FROM measure_issues WHERE agency_id = ? AND id = ?";
constexpr std::string_view kCountIssueProgress =
    "SELECT COUNT(*) FROM measure_progress WHERE agency_id = ? AND issue_id = ?";

// Evidence files of progress reports
constexpr std::string_view kInsertProgressFile =
    "INSERT INTO measure_progress_files (agency_id, progress_id, sha256, name, content_type, size, added_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectProgressFiles =
    "SELECT id, sha256, name, content_type, size FROM measure_progress_files WHERE agency_id = ? AND progress_id = ? "
    "ORDER BY id";
constexpr std::string_view kDeleteProgressFile =
    "DELETE FROM measure_progress_files WHERE agency_id = ? AND progress_id = ? AND id = ?";
constexpr std::string_view kSelectProgressFile =
    "SELECT f.sha256, f.name, f.content_type, f.size FROM measure_progress_files f "
    "JOIN measure_progress g ON g.id = f.progress_id "
    "WHERE f.agency_id = ? AND g.issue_id = ? AND g.due_date = ? AND f.id = ?";

// Publications
constexpr std::string_view kSelectLatestPublication =
    "SELECT version, snapshot_json FROM measure_publications WHERE agency_id = ? AND fiscal_year = ? "
    "ORDER BY version DESC LIMIT 1";
constexpr std::string_view kSelectLatestPublicationFull =
    "SELECT version, snapshot_json, note, approver_name, approved_at FROM measure_publications "
    "WHERE agency_id = ? AND fiscal_year = ? ORDER BY version DESC LIMIT 1";
constexpr std::string_view kSelectPublication =
    "SELECT version, snapshot_json, note, approver_name, approved_at FROM measure_publications "
    "WHERE agency_id = ? AND fiscal_year = ? AND version = ?";
constexpr std::string_view kSelectPublications =
    "SELECT version, approved_at, approver_name, note FROM measure_publications WHERE agency_id = ? AND fiscal_year = "
    "? "
    "ORDER BY version DESC";
constexpr std::string_view kInsertPublication =
    "INSERT INTO measure_publications (agency_id, plan_id, fiscal_year, version, snapshot_json, note, approved_by, "
    "approver_name, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

}  // namespace prongsai::measures::q
