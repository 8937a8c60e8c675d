// Every SQL statement of the disclosure module.
#pragma once

#include <string_view>

namespace prongsai::disclosure::q {

constexpr std::string_view kSelectUnits =
    "SELECT item_code, unit_id FROM oit_item_units WHERE agency_id = ? AND fiscal_year = ?";
constexpr std::string_view kSelectUnit =
    "SELECT unit_id FROM oit_item_units WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";
constexpr std::string_view kDeleteUnit =
    "DELETE FROM oit_item_units WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";
constexpr std::string_view kInsertUnit =
    "INSERT INTO oit_item_units (agency_id, fiscal_year, item_code, unit_id) VALUES (?, ?, ?, ?)";

constexpr std::string_view kSelectEvidence =
    "SELECT id, item_code, period, kind, title, body, url, sha256, file_name, content_type, size, published_on, "
    "created_at FROM oit_evidence WHERE agency_id = ? AND fiscal_year = ? AND removed_at IS NULL "
    "ORDER BY item_code, period, published_on, id";
constexpr std::string_view kSelectOneEvidence =
    "SELECT id, item_code, period, kind, title, body, url, sha256, file_name, content_type, size, published_on, "
    "created_at FROM oit_evidence WHERE agency_id = ? AND fiscal_year = ? AND item_code = ? AND id = ? "
    "AND removed_at IS NULL";
// Every agency's evidence on its registries, for rebuilding the search index.
constexpr std::string_view kAllCurrentEvidence =
    "SELECT id, item_code, period, kind, title, body, url, sha256, file_name, content_type, size, published_on, "
    "created_at, agency_id, fiscal_year FROM oit_evidence WHERE removed_at IS NULL ORDER BY created_at, id";
constexpr std::string_view kEvidenceAt =
    "SELECT fiscal_year, item_code FROM oit_evidence WHERE agency_id = ? AND url = ? AND removed_at IS NULL "
    "ORDER BY fiscal_year, item_code";
constexpr std::string_view kInsertEvidence =
    "INSERT INTO oit_evidence (agency_id, fiscal_year, item_code, period, kind, title, body, url, sha256, file_name, "
    "content_type, size, published_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "RETURNING id";
constexpr std::string_view kRemoveEvidence =
    "UPDATE oit_evidence SET removed_at = ? WHERE agency_id = ? AND id = ? AND removed_at IS NULL";
constexpr std::string_view kReplaceEvidence =
    "UPDATE oit_evidence SET removed_at = ?, replaced_by = ? WHERE agency_id = ? AND id = ? AND removed_at IS NULL";
constexpr std::string_view kSelectHistory =
    "SELECT e.id AS id, e.item_code AS item_code, e.period AS period, e.kind AS kind, e.title AS title, "
    "e.body AS body, e.url AS url, e.sha256 AS sha256, e.file_name AS file_name, e.content_type AS content_type, "
    "e.size AS size, e.published_on AS published_on, e.created_at AS created_at, e.removed_at AS removed_at, "
    "n.title AS replaced_by_title FROM oit_evidence e "
    "LEFT JOIN oit_evidence n ON n.agency_id = e.agency_id AND n.id = e.replaced_by "
    "WHERE e.agency_id = ? AND e.fiscal_year = ? AND e.item_code = ? AND e.removed_at IS NOT NULL "
    "ORDER BY e.removed_at DESC, e.id DESC";
constexpr std::string_view kCountEvidence =
    "SELECT COUNT(*) FROM oit_evidence WHERE agency_id = ? AND fiscal_year = ? AND removed_at IS NULL";

constexpr std::string_view kSelectProducedOff =
    "SELECT item_code, reason, created_at FROM oit_produced_off WHERE agency_id = ? AND fiscal_year = ?";
constexpr std::string_view kSelectOneProducedOff =
    "SELECT reason FROM oit_produced_off WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";
constexpr std::string_view kInsertProducedOff =
    "INSERT INTO oit_produced_off (agency_id, fiscal_year, item_code, reason, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeleteProducedOff =
    "DELETE FROM oit_produced_off WHERE agency_id = ? AND fiscal_year = ? AND item_code = ?";

// The link checker (links.hpp): every link and file of evidence on a registry, the longest
// unchecked first, a file with whether its bytes are in the store.
constexpr std::string_view kEvidenceToCheck =
    "SELECT e.id AS id, e.agency_id AS agency_id, e.kind AS kind, e.url AS url, "
    "CASE WHEN e.kind = 'file' AND NOT EXISTS (SELECT 1 FROM file_blobs b WHERE b.agency_id = e.agency_id "
    "AND b.sha256 = e.sha256) THEN 0 ELSE 1 END AS present, "
    "c.state AS state, c.checked_at AS checked_at, c.failing_since AS failing_since, c.first_sha256 AS first_sha256 "
    "FROM oit_evidence e LEFT JOIN oit_link_checks c ON c.evidence_id = e.id "
    "WHERE e.removed_at IS NULL AND e.kind IN ('link', 'file') ORDER BY COALESCE(c.checked_at, 0), e.id";
constexpr std::string_view kSaveLinkCheck =
    "INSERT INTO oit_link_checks (evidence_id, agency_id, state, http_status, detail, first_sha256, checked_at, "
    "failing_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (evidence_id) DO UPDATE SET state = excluded.state, "
    "http_status = excluded.http_status, detail = excluded.detail, first_sha256 = excluded.first_sha256, "
    "checked_at = excluded.checked_at, failing_since = excluded.failing_since";
constexpr std::string_view kSelectLinkChecks =
    "SELECT c.evidence_id AS evidence_id, c.state AS state, c.http_status AS http_status, c.detail AS detail, "
    "c.checked_at AS checked_at, c.failing_since AS failing_since FROM oit_link_checks c "
    "JOIN oit_evidence e ON e.id = c.evidence_id WHERE e.agency_id = ? AND e.fiscal_year = ? AND e.removed_at IS NULL";

}  // namespace prongsai::disclosure::q
