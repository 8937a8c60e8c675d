// Every SQL statement of the accounts module, each a named constant. Portable SQL with ?
// placeholders; RETURNING and ON CONFLICT work on SQLite 3.35+ and PostgreSQL alike.
#pragma once

#include <string_view>

namespace prongsai::accounts::q {

// Agencies
constexpr std::string_view kInsertAgency =
    "INSERT INTO agencies (slug, name_th, name_en, host, is_default, created_at) VALUES (?, ?, '', ?, ?, ?) RETURNING "
    "id";
constexpr std::string_view kSelectAgency =
    "SELECT id, slug, name_th, name_en, host, is_default, created_at FROM agencies WHERE id = ?";
constexpr std::string_view kSelectAgencies =
    "SELECT id, slug, name_th, name_en, host, is_default, created_at FROM agencies ORDER BY id";
constexpr std::string_view kSelectAgencyBySlug =
    "SELECT id, slug, name_th, name_en, host, is_default, created_at FROM agencies WHERE slug = ?";
constexpr std::string_view kUpdateAgencyHost = "UPDATE agencies SET host = ? WHERE id = ?";
constexpr std::string_view kSelectAgencyIds = "SELECT id FROM agencies ORDER BY id";
constexpr std::string_view kSelectAgencyByHost = "SELECT id FROM agencies WHERE host = ?";
constexpr std::string_view kSelectDefaultAgency = "SELECT id FROM agencies WHERE is_default = 1 ORDER BY id LIMIT 1";
constexpr std::string_view kCountAgencies = "SELECT COUNT(*) FROM agencies";
constexpr std::string_view kUpdateAgencyNames = "UPDATE agencies SET name_th = ?, name_en = ? WHERE id = ?";

// Units
constexpr std::string_view kSelectUnits =
    "SELECT id, agency_id, name_th, name_en, active FROM units WHERE agency_id = ? ORDER BY active DESC, id";
constexpr std::string_view kSelectUnit =
    "SELECT id, agency_id, name_th, name_en, active FROM units WHERE agency_id = ? AND id = ?";
constexpr std::string_view kInsertUnit =
    "INSERT INTO units (agency_id, name_th, name_en, active) VALUES (?, ?, ?, 1) RETURNING id";
constexpr std::string_view kUpdateUnit =
    "UPDATE units SET name_th = ?, name_en = ?, active = ? WHERE agency_id = ? AND id = ?";

// Users
constexpr std::string_view kSelectUsers =
    "SELECT id, agency_id, email, display_name, position, active FROM users WHERE agency_id = ? ORDER BY active DESC, "
    "display_name";
constexpr std::string_view kSelectUser =
    "SELECT id, agency_id, email, display_name, position, active FROM users WHERE agency_id = ? AND id = ?";
constexpr std::string_view kSelectUserByEmail =
    "SELECT id, agency_id, email, display_name, position, active FROM users WHERE agency_id = ? AND email = ?";
constexpr std::string_view kSelectPasswordHash =
    "SELECT id, password_hash, active, CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END AS has_totp FROM users "
    "WHERE agency_id = ? AND email = ?";
constexpr std::string_view kSelectPasswordHashById = "SELECT password_hash FROM users WHERE agency_id = ? AND id = ?";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (agency_id, email, display_name, position, password_hash, active, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateUser =
    "UPDATE users SET email = ?, display_name = ?, position = ?, active = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kUpdatePassword =
    "UPDATE users SET password_hash = ?, password_own = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kSelectPasswordOwn = "SELECT password_own FROM users WHERE agency_id = ? AND id = ?";
constexpr std::string_view kSelectRoles = "SELECT role FROM user_roles WHERE user_id = ?";
constexpr std::string_view kDeleteRoles = "DELETE FROM user_roles WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kInsertRole = "INSERT INTO user_roles (agency_id, user_id, role) VALUES (?, ?, ?)";
constexpr std::string_view kSelectUserUnits = "SELECT unit_id FROM unit_members WHERE user_id = ? ORDER BY unit_id";
constexpr std::string_view kDeleteUserUnits = "DELETE FROM unit_members WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kInsertUserUnit = "INSERT INTO unit_members (agency_id, unit_id, user_id) VALUES (?, ?, ?)";
constexpr std::string_view kCountActiveAdmins =
    "SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id "
    "WHERE u.agency_id = ? AND u.active = 1 AND r.role = 'admin' AND u.id <> ?";

// Enrolment links
constexpr std::string_view kInsertEnrolment =
    "INSERT INTO enrolments (token_hash, agency_id, user_id, created_by, created_at, expires_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectEnrolment =
    "SELECT user_id, expires_at FROM enrolments WHERE token_hash = ? AND agency_id = ?";
constexpr std::string_view kDeleteUserEnrolments = "DELETE FROM enrolments WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kUseEnrolment =
    "DELETE FROM enrolments WHERE token_hash = ? AND agency_id = ? AND expires_at > ? RETURNING user_id";

// Sessions
constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (token_hash, agency_id, user_id, created_at, last_seen_at, expires_at, client, verified) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kSelectSession =
    "SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, u.email, u.display_name, u.active, s.verified, "
    "CASE WHEN u.totp_secret IS NULL THEN 0 ELSE 1 END AS has_totp, a.second_factor_optional "
    "FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = s.agency_id "
    "WHERE s.token_hash = ? AND s.agency_id = ?";
// Two-step sign-in
constexpr std::string_view kSelectPendingSession =
    "SELECT s.id, s.user_id, u.email, u.totp_secret, u.totp_step FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = ? AND s.agency_id = ? AND s.verified = 0 AND s.expires_at > ? AND u.active = 1";
constexpr std::string_view kVerifySession =
    "UPDATE sessions SET token_hash = ?, verified = 1, expires_at = ?, last_seen_at = ? WHERE id = ? AND verified = 0 "
    "RETURNING id";
constexpr std::string_view kUseTotpStep = "UPDATE users SET totp_step = ? WHERE id = ? AND totp_step < ? RETURNING id";
constexpr std::string_view kUseRecoveryCode =
    "DELETE FROM second_factor_codes WHERE user_id = ? AND code_hash = ? RETURNING user_id";
constexpr std::string_view kCountRecoveryCodes = "SELECT COUNT(*) FROM second_factor_codes WHERE user_id = ?";
constexpr std::string_view kDeleteRecoveryCodes = "DELETE FROM second_factor_codes WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kInsertRecoveryCode =
    "INSERT INTO second_factor_codes (agency_id, user_id, code_hash) VALUES (?, ?, ?)";
constexpr std::string_view kSelectTotp =
    "SELECT totp_secret, totp_pending, totp_step FROM users WHERE agency_id = ? AND id = ?";
constexpr std::string_view kSetTotpPending = "UPDATE users SET totp_pending = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kConfirmTotp =
    "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_step = ? "
    "WHERE agency_id = ? AND id = ? AND totp_pending IS NOT NULL";
constexpr std::string_view kRemoveTotp =
    "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_step = 0 WHERE agency_id = ? AND id = ?";
constexpr std::string_view kSetSecondFactorOptional = "UPDATE agencies SET second_factor_optional = ? WHERE id = ?";
constexpr std::string_view kSelectSecondFactorOptional = "SELECT second_factor_optional FROM agencies WHERE id = ?";
constexpr std::string_view kTouchSession = "UPDATE sessions SET last_seen_at = ? WHERE id = ?";
constexpr std::string_view kDeleteSessionByHash = "DELETE FROM sessions WHERE token_hash = ?";
constexpr std::string_view kDeleteOwnSession = "DELETE FROM sessions WHERE id = ? AND user_id = ? RETURNING id";
constexpr std::string_view kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = ?";
constexpr std::string_view kDeleteUserSessionsExcept = "DELETE FROM sessions WHERE user_id = ? AND id <> ?";
constexpr std::string_view kDeleteExpiredSessions =
    "DELETE FROM sessions WHERE agency_id = ? AND (expires_at <= ? OR last_seen_at <= ?) RETURNING id";
constexpr std::string_view kSelectUserSessions =
    "SELECT id, created_at, last_seen_at, client FROM sessions WHERE user_id = ? ORDER BY last_seen_at DESC";

}  // namespace prongsai::accounts::q
