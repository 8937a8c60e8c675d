// SQL of the procurement module: the portable subset, `?` placeholders.
#pragma once

#include <string_view>

namespace prongsai::procurement::q {

#define PRONGSAI_PROJECT_COLUMNS                                                                             \
  "id, fiscal_year, egp_number, name, method, method_text, budget, budget_source, reference_price, vendor, " \
  "agreed_price, reason, announced_on, delivered_on, status, unit_id, source, updated_at"

constexpr std::string_view kYear =
    "SELECT " PRONGSAI_PROJECT_COLUMNS " FROM procurement_projects WHERE agency_id = ? AND fiscal_year = ? ORDER BY id";
constexpr std::string_view kProject =
    "SELECT " PRONGSAI_PROJECT_COLUMNS " FROM procurement_projects WHERE agency_id = ? AND id = ?";
constexpr std::string_view kNumbers =
    "SELECT egp_number, fiscal_year FROM procurement_projects WHERE agency_id = ? AND egp_number <> ''";
constexpr std::string_view kNumberTaken =
    "SELECT COUNT(*) FROM procurement_projects WHERE agency_id = ? AND egp_number = ? AND egp_number <> '' AND id <> ?";
constexpr std::string_view kInsertProject =
    "INSERT INTO procurement_projects (agency_id, fiscal_year, egp_number, name, method, method_text, budget, "
    "budget_source, reference_price, vendor, agreed_price, reason, announced_on, delivered_on, status, unit_id, "
    "source, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateProject =
    "UPDATE procurement_projects SET fiscal_year = ?, egp_number = ?, name = ?, method = ?, method_text = ?, budget = "
    "?, budget_source = ?, reference_price = ?, vendor = ?, agreed_price = ?, reason = ?, announced_on = ?, "
    "delivered_on = ?, status = ?, unit_id = ?, source = ?, updated_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kDeleteProject = "DELETE FROM procurement_projects WHERE agency_id = ? AND id = ?";

#undef PRONGSAI_PROJECT_COLUMNS

constexpr std::string_view kYearBids =
    "SELECT b.project_id AS project_id, b.bidder AS bidder, b.price AS price FROM procurement_bids b "
    "JOIN procurement_projects p ON p.id = b.project_id WHERE p.agency_id = ? AND p.fiscal_year = ? "
    "ORDER BY b.project_id, b.ordinal";
constexpr std::string_view kYearContracts =
    "SELECT c.project_id AS project_id, c.number AS number, c.vendor AS vendor, c.price AS price, "
    "c.signed_on AS signed_on, c.finish_on AS finish_on FROM procurement_contracts c "
    "JOIN procurement_projects p ON p.id = c.project_id WHERE p.agency_id = ? AND p.fiscal_year = ? "
    "ORDER BY c.project_id, c.ordinal";
constexpr std::string_view kBids =
    "SELECT project_id, bidder, price FROM procurement_bids WHERE agency_id = ? AND project_id = ? ORDER BY ordinal";
constexpr std::string_view kContracts =
    "SELECT project_id, number, vendor, price, signed_on, finish_on FROM procurement_contracts "
    "WHERE agency_id = ? AND project_id = ? ORDER BY ordinal";
constexpr std::string_view kInsertBid =
    "INSERT INTO procurement_bids (agency_id, project_id, ordinal, bidder, price) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kInsertContract =
    "INSERT INTO procurement_contracts (agency_id, project_id, ordinal, number, vendor, price, signed_on, finish_on) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kYearDocuments =
    "SELECT d.project_id AS project_id, d.document_id AS document_id, d.role AS role, d.linked_at AS linked_at "
    "FROM procurement_documents d JOIN procurement_projects p ON p.id = d.project_id "
    "WHERE p.agency_id = ? AND p.fiscal_year = ? ORDER BY d.project_id, d.ordinal";
constexpr std::string_view kDocuments =
    "SELECT project_id, document_id, role, linked_at FROM procurement_documents WHERE agency_id = ? AND project_id = ? "
    "ORDER BY ordinal";
constexpr std::string_view kInsertDocument =
    "INSERT INTO procurement_documents (agency_id, project_id, ordinal, document_id, role, linked_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeleteDocuments =
    "DELETE FROM procurement_documents WHERE agency_id = ? AND project_id = ?";
constexpr std::string_view kAnnouncedYears =
    "SELECT DISTINCT p.fiscal_year AS fiscal_year FROM procurement_documents d "
    "JOIN procurement_projects p ON p.id = d.project_id WHERE d.agency_id = ? ORDER BY p.fiscal_year DESC";
// The purchases a library document belongs to.
constexpr std::string_view kDocumentUses =
    "SELECT DISTINCT p.id AS id, p.fiscal_year AS fiscal_year, p.name AS name FROM procurement_documents d "
    "JOIN procurement_projects p ON p.id = d.project_id WHERE d.agency_id = ? AND d.document_id = ? ORDER BY p.id";
constexpr std::string_view kDeleteBids = "DELETE FROM procurement_bids WHERE agency_id = ? AND project_id = ?";
constexpr std::string_view kDeleteContracts =
    "DELETE FROM procurement_contracts WHERE agency_id = ? AND project_id = ?";

constexpr std::string_view kInsertUpload =
    "INSERT INTO procurement_uploads (agency_id, fiscal_year, created_by, created_at, name, data, content) "
    "VALUES (?, ?, ?, ?, ?, '', ?) RETURNING id";
constexpr std::string_view kUpload =
    "SELECT id, fiscal_year, name, data, content FROM procurement_uploads "
    "WHERE agency_id = ? AND id = ? AND created_by = ?";
constexpr std::string_view kDeleteUpload = "DELETE FROM procurement_uploads WHERE agency_id = ? AND id = ?";
constexpr std::string_view kOldUploads = "SELECT id, agency_id FROM procurement_uploads WHERE created_at < ?";

#define PRONGSAI_MONTH_COLUMNS                                                                             \
  "month, fiscal_year, version, projects, agreed, content, pdf_sha256, pdf_size, xlsx_sha256, xlsx_size, " \
  "csv_sha256, csv_size, note, published_at"

// The latest version of each month of a year.
constexpr std::string_view kPublishedYear =
    "SELECT " PRONGSAI_MONTH_COLUMNS
    " FROM procurement_months m WHERE agency_id = ? AND fiscal_year = ? AND version = "
    "(SELECT MAX(version) FROM procurement_months n WHERE n.agency_id = m.agency_id AND n.month = m.month) "
    "ORDER BY month";
constexpr std::string_view kPublishedYears =
    "SELECT fiscal_year FROM procurement_months WHERE agency_id = ? UNION "
    "SELECT fiscal_year FROM procurement_years WHERE agency_id = ? UNION "
    "SELECT fiscal_year FROM procurement_plans WHERE agency_id = ? ORDER BY fiscal_year DESC";
constexpr std::string_view kLatestVersion =
    "SELECT " PRONGSAI_MONTH_COLUMNS
    " FROM procurement_months WHERE agency_id = ? AND month = ? ORDER BY version DESC LIMIT 1";
constexpr std::string_view kInsertMonth =
    "INSERT INTO procurement_months (agency_id, fiscal_year, month, version, projects, agreed, content, pdf_sha256, "
    "pdf_size, xlsx_sha256, xlsx_size, csv_sha256, csv_size, note, published_by, published_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

#undef PRONGSAI_MONTH_COLUMNS

constexpr std::string_view kLatestYear =
    "SELECT fiscal_year, version, analysis, problems, suggestions, projects, agreed, content, pdf_sha256, pdf_size, "
    "xlsx_sha256, xlsx_size, csv_sha256, csv_size, note, published_at FROM procurement_years "
    "WHERE agency_id = ? AND fiscal_year = ? ORDER BY version DESC LIMIT 1";
constexpr std::string_view kInsertYear =
    "INSERT INTO procurement_years (agency_id, fiscal_year, version, analysis, problems, suggestions, projects, "
    "agreed, content, pdf_sha256, pdf_size, xlsx_sha256, xlsx_size, csv_sha256, csv_size, note, published_by, "
    "published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kPlanLines =
    "SELECT ordinal, name, budget, budget_source, method, expected_month, unit_id, note FROM procurement_plan_lines "
    "WHERE agency_id = ? AND fiscal_year = ? ORDER BY ordinal";
constexpr std::string_view kDeletePlanLines =
    "DELETE FROM procurement_plan_lines WHERE agency_id = ? AND fiscal_year = ?";
constexpr std::string_view kInsertPlanLine =
    "INSERT INTO procurement_plan_lines (agency_id, fiscal_year, ordinal, name, budget, budget_source, method, "
    "expected_month, unit_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kLatestPlan =
    "SELECT fiscal_year, version, lines, budget, content, pdf_sha256, pdf_size, xlsx_sha256, xlsx_size, csv_sha256, "
    "csv_size, note, published_at FROM procurement_plans WHERE agency_id = ? AND fiscal_year = ? "
    "ORDER BY version DESC LIMIT 1";
constexpr std::string_view kInsertPlan =
    "INSERT INTO procurement_plans (agency_id, fiscal_year, version, lines, budget, content, pdf_sha256, pdf_size, "
    "xlsx_sha256, xlsx_size, csv_sha256, csv_size, note, published_by, published_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

constexpr std::string_view kDueDay = "SELECT due_day FROM procurement_settings WHERE agency_id = ?";
constexpr std::string_view kSetDueDay =
    "INSERT INTO procurement_settings (agency_id, due_day) VALUES (?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET due_day = excluded.due_day";

}  // namespace prongsai::procurement::q
