// Every SQL statement of the cases module.
#pragma once

#include <string_view>

namespace prongsai::cases::q {

constexpr std::string_view kInsertCase =
    "INSERT INTO cases (agency_id, channel, received_via, receipt_id, status, topic, sealed, content, citizen_key, "
    "created_at, updated_at, service_id, unit_id, due_day) VALUES (?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "RETURNING id";
constexpr std::string_view kCaseByReceipt =
    "SELECT id, channel, received_via, status, topic, sealed, content, citizen_key, created_at, updated_at, closed_at, "
    "service_id, unit_id, due_day FROM cases WHERE agency_id = ? AND receipt_id = ?";
constexpr std::string_view kCaseById =
    "SELECT id, channel, received_via, status, topic, sealed, content, citizen_key, created_at, updated_at, closed_at, "
    "service_id, unit_id, due_day FROM cases WHERE agency_id = ? AND id = ?";
constexpr std::string_view kCasesReceivedBetween =
    "SELECT channel, received_via, status, topic, created_at, closed_at FROM cases "
    "WHERE agency_id = ? AND channel <> 'request' AND created_at >= ? AND created_at <= ?";
constexpr std::string_view kRequestRows =
    "SELECT service_id, received_via, status, created_at, closed_at, due_day FROM cases "
    "WHERE agency_id = ? AND channel = 'request' AND created_at >= ? AND created_at <= ? ORDER BY created_at, id";
constexpr std::string_view kSetRetention =
    "INSERT INTO case_settings (agency_id, retention_days) VALUES (?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET retention_days = excluded.retention_days";
constexpr std::string_view kCaseSettings =
    "SELECT retention_days, attachment_mb_per_day FROM case_settings WHERE agency_id = ?";
constexpr std::string_view kSetAttachmentCeiling =
    "INSERT INTO case_settings (agency_id, retention_days, attachment_mb_per_day) VALUES (?, ?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET attachment_mb_per_day = excluded.attachment_mb_per_day";
constexpr std::string_view kIntakeOfDay =
    "SELECT bytes, reached FROM attachment_intake WHERE agency_id = ? AND day = ?";
// Adds the bytes unless the day's total would pass the ceiling (the last parameter): a row back
// when taken, none when refused. One statement, so that two nodes cannot both squeeze in.
constexpr std::string_view kAddIntake =
    "INSERT INTO attachment_intake (agency_id, day, bytes) VALUES (?, ?, ?) "
    "ON CONFLICT (agency_id, day) DO UPDATE SET bytes = attachment_intake.bytes + excluded.bytes "
    "WHERE attachment_intake.bytes + excluded.bytes <= ? RETURNING bytes";
constexpr std::string_view kMarkIntakeReached =
    "INSERT INTO attachment_intake (agency_id, day, bytes, reached) VALUES (?, ?, 0, 1) "
    "ON CONFLICT (agency_id, day) DO UPDATE SET reached = 1";
constexpr std::string_view kPruneIntake = "DELETE FROM attachment_intake WHERE day < ?";
constexpr std::string_view kAgenciesWithClosedCases =
    "SELECT DISTINCT agency_id FROM cases WHERE closed_at IS NOT NULL";
constexpr std::string_view kCountExpired =
    "SELECT COUNT(*) FROM cases WHERE agency_id = ? AND closed_at IS NOT NULL AND closed_at < ?";
constexpr std::string_view kPurgeMessages =
    "DELETE FROM case_messages WHERE case_id IN "
    "(SELECT id FROM cases WHERE agency_id = ? AND closed_at IS NOT NULL AND closed_at < ?)";
constexpr std::string_view kPurgeEvents =
    "DELETE FROM case_events WHERE case_id IN "
    "(SELECT id FROM cases WHERE agency_id = ? AND closed_at IS NOT NULL AND closed_at < ?)";
constexpr std::string_view kPurgeKeys =
    "DELETE FROM case_keys WHERE case_id IN "
    "(SELECT id FROM cases WHERE agency_id = ? AND closed_at IS NOT NULL AND closed_at < ?)";
constexpr std::string_view kPurgeCustodianKeys =
    "DELETE FROM custodian_case_keys WHERE case_id IN "
    "(SELECT id FROM cases WHERE agency_id = ? AND closed_at IS NOT NULL AND closed_at < ?)";
constexpr std::string_view kPurgeCases =
    "DELETE FROM cases WHERE agency_id = ? AND closed_at IS NOT NULL AND closed_at < ?";
#define PRONGSAI_CASES_SUMMARY                                                                                \
  "SELECT c.id AS id, c.received_via AS received_via, c.status AS status, c.topic AS topic, "                 \
  "c.sealed AS sealed, c.content AS content, c.created_at AS created_at, c.updated_at AS updated_at, "        \
  "(SELECT m.author FROM case_messages m WHERE m.case_id = c.id ORDER BY m.id DESC LIMIT 1) AS last_author, " \
  "c.service_id AS service_id, c.unit_id AS unit_id, c.due_day AS due_day, c.closed_at AS closed_at "         \
  "FROM cases c "
constexpr std::string_view kInbox = PRONGSAI_CASES_SUMMARY
    "WHERE c.agency_id = ? AND c.channel = ? ORDER BY c.closed_at IS NOT NULL, c.updated_at DESC, c.id DESC";
// Requests: open ones, and those closed since a time (the queue shows a month of them).
constexpr std::string_view kQueue = PRONGSAI_CASES_SUMMARY
    "WHERE c.agency_id = ? AND c.channel = 'request' AND (c.closed_at IS NULL OR c.closed_at >= ?) "
    "ORDER BY c.closed_at IS NOT NULL, c.due_day, c.id";
#undef PRONGSAI_CASES_SUMMARY
constexpr std::string_view kOpenCases =
    "SELECT id, channel, status, created_at, unit_id, due_day FROM cases WHERE agency_id = ? AND closed_at IS NULL "
    "AND (? = '' OR channel = ?) ORDER BY created_at, id";
constexpr std::string_view kCasesSince =
    "SELECT id, agency_id, channel, status, created_at, unit_id, due_day FROM cases WHERE created_at >= ? "
    "AND channel = ? ORDER BY id";
constexpr std::string_view kForwardCase =
    "UPDATE cases SET status = 'forwarded', unit_id = ?, updated_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kMoveCase =
    "UPDATE cases SET status = ?, updated_at = ?, closed_at = ? WHERE agency_id = ? AND id = ?";
// Never back in time: a corruption complainant's reply is stamped with its day only.
constexpr std::string_view kTouchCase =
    "UPDATE cases SET updated_at = CASE WHEN updated_at > ? THEN updated_at ELSE ? END WHERE agency_id = ? AND id = ?";

constexpr std::string_view kInsertEvent =
    "INSERT INTO case_events (agency_id, case_id, status, note, by_user, at, unit_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kEvents = "SELECT status, note, at, unit_id FROM case_events WHERE case_id = ? ORDER BY id";
constexpr std::string_view kCitizenMessagesSince =
    "SELECT COUNT(*) AS n FROM case_messages WHERE case_id = ? AND author = 'citizen' AND at >= ?";
constexpr std::string_view kInsertMessage =
    "INSERT INTO case_messages (agency_id, case_id, author, body, by_user, at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertFile =
    "INSERT INTO case_files (agency_id, case_id, author, meta, data, size, at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kFiles = "SELECT id, author, meta, size, at FROM case_files WHERE case_id = ? ORDER BY id";
constexpr std::string_view kFile = "SELECT meta, data FROM case_files WHERE agency_id = ? AND case_id = ? AND id = ?";
constexpr std::string_view kPurgeFiles =
    "DELETE FROM case_files WHERE case_id IN "
    "(SELECT id FROM cases WHERE agency_id = ? AND closed_at IS NOT NULL AND closed_at < ?)";
constexpr std::string_view kMessages = "SELECT author, body, at FROM case_messages WHERE case_id = ? ORDER BY id";

// Confirmed key holders: the ones a new case's key is sealed to.
constexpr std::string_view kAgencyOfficerKeys =
    "SELECT user_id, public_key FROM officer_keys WHERE agency_id = ? AND confirmed_at IS NOT NULL";
// Since when the channel has had a key holder (the earliest confirmation among today's keys).
constexpr std::string_view kChannelOpenSince =
    "SELECT MIN(confirmed_at) AS since FROM officer_keys WHERE agency_id = ? AND confirmed_at IS NOT NULL";
constexpr std::string_view kOfficerKey =
    "SELECT public_key, wrapped_secret, salt, confirmed_at, recovery_wrapped, recovery_salt FROM officer_keys "
    "WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kInsertOfficerKey =
    "INSERT INTO officer_keys (user_id, agency_id, public_key, wrapped_secret, salt, created_at, confirmed_by, "
    "confirmed_at, recovery_wrapped, recovery_salt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSetRecovery =
    "UPDATE officer_keys SET recovery_wrapped = ?, recovery_salt = ? WHERE agency_id = ? AND user_id = ?";
// A password reset: the wrapping under the old password goes (empty); a key with a recovery
// code stays, to be opened with it; one without goes with its case keys.
constexpr std::string_view kDropUnrecoverableCaseKeys =
    "DELETE FROM case_keys WHERE user_id = ? AND user_id IN "
    "(SELECT user_id FROM officer_keys WHERE user_id = ? AND recovery_wrapped IS NULL)";
constexpr std::string_view kDropUnrecoverableKey =
    "DELETE FROM officer_keys WHERE user_id = ? AND recovery_wrapped IS NULL";
constexpr std::string_view kForgetPasswordWrap =
    "UPDATE officer_keys SET wrapped_secret = ?, salt = ? WHERE user_id = ?";
constexpr std::string_view kKeyHolders =
    "SELECT user_id, created_at, confirmed_by, confirmed_at FROM officer_keys WHERE agency_id = ? "
    "ORDER BY created_at, user_id";
constexpr std::string_view kConfirmKey =
    "UPDATE officer_keys SET confirmed_by = ?, confirmed_at = ? "
    "WHERE agency_id = ? AND user_id = ? AND confirmed_at IS NULL RETURNING public_key";
constexpr std::string_view kCaseKeysOf =
    "SELECT case_id, sealed_key FROM case_keys WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kInsertGrant =
    "INSERT INTO key_grants (agency_id, user_id, granted_by, at, cases, via_custodian) VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kGrants =
    "SELECT user_id, granted_by, at, cases, via_custodian FROM key_grants WHERE agency_id = ? "
    "ORDER BY at DESC, id DESC";
constexpr std::string_view kRewrapOfficerKey =
    "UPDATE officer_keys SET wrapped_secret = ?, salt = ? WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kInsertCaseKey =
    "INSERT INTO case_keys (case_id, user_id, agency_id, sealed_key) VALUES (?, ?, ?, ?)";
constexpr std::string_view kCaseKey =
    "SELECT sealed_key FROM case_keys WHERE agency_id = ? AND case_id = ? AND user_id = ?";
constexpr std::string_view kSessionKey =
    "SELECT wrapped_secret FROM officer_session_keys WHERE agency_id = ? AND session_id = ? AND user_id = ?";
constexpr std::string_view kDeleteSessionKey = "DELETE FROM officer_session_keys WHERE session_id = ?";
constexpr std::string_view kDeleteStaleSessionKeys =
    "DELETE FROM officer_session_keys WHERE user_id = ? AND session_id NOT IN (SELECT id FROM sessions WHERE user_id = "
    "?)";
constexpr std::string_view kSweepSessionKeys =
    "DELETE FROM officer_session_keys WHERE agency_id = ? "
    "AND session_id NOT IN (SELECT id FROM sessions WHERE agency_id = ?) RETURNING session_id";
constexpr std::string_view kInsertSessionKey =
    "INSERT INTO officer_session_keys (session_id, user_id, agency_id, wrapped_secret, created_at) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kDropCaseKey = "DELETE FROM case_keys WHERE case_id = ? AND user_id = ?";
constexpr std::string_view kDropCaseKeys = "DELETE FROM case_keys WHERE user_id = ?";
constexpr std::string_view kDropSessionKeys = "DELETE FROM officer_session_keys WHERE user_id = ?";
constexpr std::string_view kDropOfficerKey = "DELETE FROM officer_keys WHERE user_id = ?";

// The outside custodian (custodian.hpp).
constexpr std::string_view kCustodian =
    "SELECT name, public_key, registered_by, registered_at, confirmed_by, confirmed_at FROM custodians "
    "WHERE agency_id = ?";
constexpr std::string_view kConfirmedCustodianKey =
    "SELECT name, public_key FROM custodians WHERE agency_id = ? AND confirmed_at IS NOT NULL";
constexpr std::string_view kDropCustodian = "DELETE FROM custodians WHERE agency_id = ?";
constexpr std::string_view kDropCustodianKeys = "DELETE FROM custodian_case_keys WHERE agency_id = ?";
constexpr std::string_view kInsertCustodian =
    "INSERT INTO custodians (agency_id, name, public_key, registered_by, registered_at) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kConfirmCustodian =
    "UPDATE custodians SET confirmed_by = ?, confirmed_at = ? WHERE agency_id = ? AND confirmed_at IS NULL";
constexpr std::string_view kInsertCustodianKey =
    "INSERT INTO custodian_case_keys (case_id, agency_id, sealed_key) VALUES (?, ?, ?)";
constexpr std::string_view kCustodianCopies = "SELECT COUNT(*) FROM custodian_case_keys WHERE agency_id = ?";
constexpr std::string_view kSealedWithoutCustodian =
    "SELECT COUNT(*) FROM cases WHERE agency_id = ? AND sealed = 1 "
    "AND id NOT IN (SELECT case_id FROM custodian_case_keys WHERE agency_id = ?)";
// The holder's case keys the custodian lacks.
constexpr std::string_view kCaseKeysNotWithCustodian =
    "SELECT case_id, sealed_key FROM case_keys WHERE agency_id = ? AND user_id = ? "
    "AND case_id NOT IN (SELECT case_id FROM custodian_case_keys WHERE agency_id = ?)";
// The custodian's copies of the cases an officer lacks: what a request asks it to open.
constexpr std::string_view kCustodianKeysNotWith =
    "SELECT case_id, sealed_key FROM custodian_case_keys WHERE agency_id = ? "
    "AND case_id NOT IN (SELECT case_id FROM case_keys WHERE agency_id = ? AND user_id = ?) ORDER BY case_id";
constexpr std::string_view kCountCustodianKeysNotWith =
    "SELECT COUNT(*) FROM custodian_case_keys WHERE agency_id = ? "
    "AND case_id NOT IN (SELECT case_id FROM case_keys WHERE agency_id = ? AND user_id = ?)";
constexpr std::string_view kSealedCaseContent =
    "SELECT content FROM cases WHERE agency_id = ? AND id = ? AND sealed = 1";

}  // namespace prongsai::cases::q
