// Every SQL statement of the library module.
#pragma once

#include <string_view>

namespace prongsai::library::q {

#define PRONGSAI_DOCUMENT_COLUMNS \
  "id, kind, title, number, issued_on, fiscal_year, until_year, unit_id, summary, roles, created_at, updated_at"
constexpr std::string_view kDocuments =
    "SELECT " PRONGSAI_DOCUMENT_COLUMNS " FROM library_documents WHERE agency_id = ? ORDER BY issued_on DESC, id DESC";
constexpr std::string_view kDocument =
    "SELECT " PRONGSAI_DOCUMENT_COLUMNS " FROM library_documents WHERE agency_id = ? AND id = ?";
constexpr std::string_view kAllDocuments =
    "SELECT " PRONGSAI_DOCUMENT_COLUMNS ", agency_id FROM library_documents ORDER BY id";
#undef PRONGSAI_DOCUMENT_COLUMNS
constexpr std::string_view kInsertDocument =
    "INSERT INTO library_documents (agency_id, kind, title, number, issued_on, fiscal_year, until_year, unit_id, "
    "summary, roles, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateDocument =
    "UPDATE library_documents SET kind = ?, title = ?, number = ?, issued_on = ?, fiscal_year = ?, until_year = ?, "
    "unit_id = ?, summary = ?, roles = ?, updated_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kDeleteDocument = "DELETE FROM library_documents WHERE agency_id = ? AND id = ?";
constexpr std::string_view kFiles =
    "SELECT id, sha256, name, content_type, size FROM library_files WHERE agency_id = ? AND document_id = ? ORDER BY "
    "id";
constexpr std::string_view kFile =
    "SELECT id, sha256, name, content_type, size FROM library_files WHERE agency_id = ? AND document_id = ? AND id = ?";
constexpr std::string_view kInsertFile =
    "INSERT INTO library_files (agency_id, document_id, sha256, name, content_type, size) VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeleteFile = "DELETE FROM library_files WHERE agency_id = ? AND document_id = ? AND id = ?";
constexpr std::string_view kDeleteFiles = "DELETE FROM library_files WHERE agency_id = ? AND document_id = ?";

}  // namespace prongsai::library::q
