// Every SQL statement of the website module.
#pragma once

#include <string_view>

namespace prongsai::website::q {

constexpr std::string_view kLook =
    "SELECT colour, sections, tagline, emblem_sha256, emblem_name, emblem_type, emblem_size, banner_sha256, "
    "banner_name, banner_type, banner_size, mourning_from, mourning_until, eit_url, eit_from, eit_until, updated_at "
    "FROM website_looks WHERE agency_id = ?";
constexpr std::string_view kSaveLook =
    "INSERT INTO website_looks (agency_id, colour, sections, tagline, emblem_sha256, emblem_name, emblem_type, "
    "emblem_size, banner_sha256, banner_name, banner_type, banner_size, mourning_from, mourning_until, eit_url, "
    "eit_from, eit_until, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET colour = excluded.colour, sections = excluded.sections, "
    "tagline = excluded.tagline, emblem_sha256 = excluded.emblem_sha256, emblem_name = excluded.emblem_name, "
    "emblem_type = excluded.emblem_type, emblem_size = excluded.emblem_size, banner_sha256 = excluded.banner_sha256, "
    "banner_name = excluded.banner_name, banner_type = excluded.banner_type, banner_size = excluded.banner_size, "
    "mourning_from = excluded.mourning_from, mourning_until = excluded.mourning_until, eit_url = excluded.eit_url, "
    "eit_from = excluded.eit_from, eit_until = excluded.eit_until, updated_at = excluded.updated_at";

constexpr std::string_view kText = "SELECT body, changed_at FROM website_texts WHERE agency_id = ? AND page = ?";
constexpr std::string_view kSaveText =
    "INSERT INTO website_texts (agency_id, page, body, changed_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (agency_id, page) DO UPDATE SET body = excluded.body, changed_at = excluded.changed_at";

}  // namespace prongsai::website::q
