// The O42 plan and the O43 report as a document model (documents/table_report.hpp): one
// model, four formats. O42 is the plan (issue, units, steps, monitoring); O43 adds what was
// done (summary) and what came of it (outcome), the six columns of the seed report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "documents/table_report.hpp"
#include "modules/accounts/model.hpp"

namespace prongsai::measures {

struct Plan;  // measures.hpp

enum class ReportKind { o42, o43 };
std::string_view to_string(ReportKind k);
bool parse_report_kind(std::string_view s, ReportKind& out);

// The document for a plan. Official documents are Thai; `units` names the responsible units
// of issues that have no responsible text of their own (issues made in the UI).
documents::TableReport report_model(const Plan& plan, const std::string& agency_name,
                                    const std::vector<accounts::Unit>& units, ReportKind kind);

// "o43-2566.pdf"
std::string report_file_name(ReportKind kind, int fiscal_year, documents::Format format);

}  // namespace prongsai::measures
