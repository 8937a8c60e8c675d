// Every SQL statement of the about module.
#pragma once

#include <string_view>

namespace prongsai::about::q {

#define PRONGSAI_PEOPLE_COLUMNS                                                                                     \
  "id, side, position, name, unit_id, heads_unit, phone, email, photo_sha256, photo_name, photo_type, photo_size, " \
  "term_from, term_to, sort, updated_at"
constexpr std::string_view kPeople =
    "SELECT " PRONGSAI_PEOPLE_COLUMNS " FROM about_people WHERE agency_id = ? ORDER BY side, sort, id";
constexpr std::string_view kPerson =
    "SELECT " PRONGSAI_PEOPLE_COLUMNS " FROM about_people WHERE agency_id = ? AND id = ?";
#undef PRONGSAI_PEOPLE_COLUMNS
constexpr std::string_view kCountPeople = "SELECT COUNT(*) FROM about_people WHERE agency_id = ?";
constexpr std::string_view kInsertPerson =
    "INSERT INTO about_people (agency_id, side, position, name, unit_id, heads_unit, phone, email, photo_sha256, "
    "photo_name, photo_type, photo_size, term_from, term_to, sort, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdatePerson =
    "UPDATE about_people SET side = ?, position = ?, name = ?, unit_id = ?, heads_unit = ?, phone = ?, email = ?, "
    "photo_sha256 = ?, photo_name = ?, photo_type = ?, photo_size = ?, term_from = ?, term_to = ?, sort = ?, "
    "updated_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kDeletePerson = "DELETE FROM about_people WHERE agency_id = ? AND id = ?";
constexpr std::string_view kChanged = "SELECT changed_at FROM about_changes WHERE agency_id = ?";
constexpr std::string_view kSaveChanged =
    "INSERT INTO about_changes (agency_id, changed_at) VALUES (?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET changed_at = excluded.changed_at";

constexpr std::string_view kText = "SELECT body, changed_at FROM about_texts WHERE agency_id = ? AND page = ?";
constexpr std::string_view kSaveText =
    "INSERT INTO about_texts (agency_id, page, body, changed_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (agency_id, page) DO UPDATE SET body = excluded.body, changed_at = excluded.changed_at";
constexpr std::string_view kLaws = "SELECT id, title, url, sort FROM about_laws WHERE agency_id = ? ORDER BY sort, id";
constexpr std::string_view kLaw = "SELECT id, title, url, sort FROM about_laws WHERE agency_id = ? AND id = ?";
constexpr std::string_view kCountLaws = "SELECT COUNT(*) FROM about_laws WHERE agency_id = ?";
constexpr std::string_view kInsertLaw =
    "INSERT INTO about_laws (agency_id, title, url, sort, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
constexpr std::string_view kUpdateLaw =
    "UPDATE about_laws SET title = ?, url = ?, sort = ?, updated_at = ? WHERE agency_id = ? AND id = ?";
constexpr std::string_view kDeleteLaw = "DELETE FROM about_laws WHERE agency_id = ? AND id = ?";

}  // namespace prongsai::about::q
