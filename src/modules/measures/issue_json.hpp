// An issue as JSON, one shape for the audit log's before/after and the published snapshots.
#pragma once

#include <nlohmann/json.hpp>

#include "modules/measures/model.hpp"

namespace prongsai::measures {

nlohmann::json issue_json(const Issue& issue);
Issue issue_from_json(const nlohmann::json& j);  // throws nlohmann::json::exception on a bad shape

}  // namespace prongsai::measures
