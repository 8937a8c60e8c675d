// The measures plan and the report on it as a document model (documents/table_report.hpp): one
// model, four formats. The plan (ITA 2566's O42, 2568's O27, 2569's O25) has the issue, units,
// steps, monitoring; the report (O43, O28, O26) adds what was done (summary) and what came of
// it (outcome), the six columns of the seed report. Which item each is, in which assessment, is
// the framework's (role::measures_plan, role::measures_report).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/strings.hpp"
#include "documents/table_report.hpp"
#include "framework/framework.hpp"
#include "modules/accounts/model.hpp"

namespace prongsai::measures {

struct Plan;  // measures.hpp

enum class ReportKind { plan, report };
std::string_view to_string(ReportKind k);  // "plan", "report"
// "plan" or "report"; also "o42" and "o43", the names of addresses given out before ITA 2568.
bool parse_report_kind(std::string_view s, ReportKind& out);
std::string_view role_of(ReportKind k);  // framework::role::measures_plan / measures_report

// The OIT items a plan's document is evidence for, nearest assessment first: "O42",
// "O43, ITA 2568 O28" (FY2567's report serves both), "ITA 2569 O26"; empty when no framework
// loaded says (the report of FY2570 belongs to ITA 2571).
std::string evidence_items(const framework::Catalogue& catalogue, int fiscal_year, ReportKind kind);
// The document's name with those items: "มาตรการส่งเสริมคุณธรรมและความโปร่งใส (O27)".
std::string document_name(Lang lang, const framework::Catalogue& catalogue, int fiscal_year, ReportKind kind);

// The document for a plan. Official documents are Thai; `units` names the responsible units
// of issues that have no responsible text of their own (issues made in the UI).
documents::TableReport report_model(const Plan& plan, const std::string& agency_name,
                                    const std::vector<accounts::Unit>& units, ReportKind kind);

// "report-2566.pdf"
std::string report_file_name(ReportKind kind, int fiscal_year, documents::Format format);

}  // namespace prongsai::measures
