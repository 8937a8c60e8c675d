// The agency's document library (คลังเอกสาร): the announcements, orders, plans, manuals, bylaws,
// reports, minutes and forms it publishes, each at a stable address with its files, found by
// kind, fiscal year, unit and the Thai search; a document may answer OIT roles (a development
// plan, a manual) for the years it is in force, and be attached to any OIT item as evidence.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/strings.hpp"
#include "core/thai_calendar.hpp"
#include "files/files.hpp"
#include "framework/framework.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "store/store.hpp"

namespace prongsai::library {

// The kinds agencies publish (strings library.kind.<key>): ประกาศ, คำสั่ง, แผน, คู่มือ,
// ข้อบัญญัติ/เทศบัญญัติ, รายงาน, รายงานการประชุม, แบบฟอร์ม, อื่น ๆ.
inline constexpr std::string_view kKinds[] = {"announcement", "order",   "plan", "manual", "bylaw",
                                              "report",       "minutes", "form", "other"};
// The OIT roles a document can answer: what agencies publish as a document of their own.
inline constexpr std::string_view kRoles[] = {framework::role::development_plan, framework::role::work_manual,
                                              framework::role::service_manual, framework::role::complaint_guideline};

struct DocumentFile {
  std::int64_t id = 0;
  files::Ref ref;
};

struct Document {
  std::int64_t id = 0;
  std::string kind, title, number;
  calendar::Date issued_on;
  int fiscal_year = 0;            // BE
  std::optional<int> until_year;  // BE, the last year in force; none: until withdrawn
  std::optional<std::int64_t> unit_id;
  std::string summary;
  std::vector<std::string> roles;  // framework roles it answers
  std::int64_t created_at = 0, updated_at = 0;
  std::vector<DocumentFile> files;  // filled by get()
  // In force in fiscal year `be`.
  bool covers(int be) const { return fiscal_year <= be && (!until_year || be <= *until_year); }
  bool answers(std::string_view role) const;
  std::string url() const { return "/library/" + std::to_string(id); }
};

// What the form sends, as typed.
struct DocumentInput {
  std::string kind, title, number, issued_on, fiscal_year;
  std::string until;  // "": the fiscal year only; "ongoing": until withdrawn; a BE year
  std::string unit_id, summary;
  std::vector<std::string> roles;
  std::vector<files::Upload> files;
  std::vector<std::int64_t> remove_files;
  // Personal data found in its texts or new files (files/personal_data.hpp) refuses the save
  // until the officer confirms they may be published (the audit keeps what was confirmed).
  bool confirm_personal_data = false;
  Lang lang = Lang::th;  // of the refusal's lines
};

// The public list's filters; empty or none: any.
struct Filter {
  std::string kind;
  std::optional<int> year;  // BE: documents in force that year
  std::optional<std::int64_t> unit_id;
  std::string query;  // the Thai search's words
};

// Something else of the agency a document belongs to (a purchase it announces), as the module
// that keeps it says (Library::add_uses): listed on the document's staff page, and keeping the
// document from being deleted.
struct Use {
  std::string label;  // "การจัดซื้อจัดจ้าง ปี 2570: จัดซื้อวัสดุสำนักงาน", in the language asked for
  std::string href;   // its staff page
};
using UsesOf = std::function<std::vector<Use>(store::ReadTx&, std::int64_t agency_id, std::int64_t document_id, Lang)>;

struct Found {
  std::vector<Document> documents;  // the page asked for, newest first
  std::int64_t total = 0;
};

class Library {
 public:
  Library(store::Store& store, accounts::Service& accounts, disclosure::Service& disclosure,
          const framework::Catalogue& catalogue, const Clock& clock)
      : store_(store), accounts_(accounts), disclosure_(disclosure), catalogue_(catalogue), clock_(clock) {}
  static constexpr std::size_t kMaxFiles = 10;
  static constexpr std::size_t kMaxTitle = 300, kMaxNumber = 60, kMaxSummary = 5000;

  Found find(std::int64_t agency_id, const Filter& filter, std::int64_t limit, std::int64_t offset);
  // With its files.
  std::optional<Document> get(std::int64_t agency_id, std::int64_t id);
  // The documents answering `role` in fiscal year `be`, newest first.
  std::vector<Document> answering(std::int64_t agency_id, std::string_view role, int be);
  // The fiscal years the agency's documents are in force, newest first (for the list's filter).
  std::vector<int> years(std::int64_t agency_id);
  Result<std::pair<files::Ref, std::string>> file(std::int64_t agency_id, std::int64_t id, std::int64_t file_id);

  // Editors (admin, staff). Creates (no id) or updates a document with its new files, in one
  // transaction; every field checked, files by their content. Audited.
  Result<std::int64_t> save(const http::Principal& by, std::optional<std::int64_t> id, const DocumentInput& in);
  // Refused while an OIT registry holds it as evidence (its address must stay), or anything
  // else uses it (`uses`; the refusal names them in `lang`).
  Result<void> remove(const http::Principal& by, std::int64_t id, Lang lang = Lang::th);
  // The OIT items that hold the document as evidence: (fiscal year, item code).
  std::vector<std::pair<int, std::string>> evidence_of(std::int64_t agency_id, std::int64_t id);
  // Puts the document on an OIT item of a year (and a period of it, for an item that has
  // periods) as evidence, a link to its page, dated the day it was issued when that falls in
  // the period, else today. Refused as the registry refuses any evidence (the responsible unit,
  // the dates), and for a document already there.
  Result<void> attach(const http::Principal& by, std::int64_t id, int fiscal_year, const std::string& item_code,
                      const std::string& period);

  // What else uses the document, as every module that told of its uses says.
  std::vector<Use> uses(std::int64_t agency_id, std::int64_t id, Lang lang);
  // At build time, before the server starts: a module's uses of documents.
  void add_uses(UsesOf of) { uses_of_.push_back(std::move(of)); }

  static void reindex(store::WriteTx& tx);
  std::int64_t now() const { return clock_.now(); }
  void set_max_file_bytes(std::size_t n) { max_file_bytes_ = n; }
  std::size_t max_file_bytes() const { return max_file_bytes_; }

 private:
  store::Store& store_;
  accounts::Service& accounts_;
  disclosure::Service& disclosure_;
  const framework::Catalogue& catalogue_;
  const Clock& clock_;
  std::size_t max_file_bytes_ = 20 << 20;
  std::vector<UsesOf> uses_of_;
};

bool may_edit_library(const http::Principal& by);
bool known_kind(std::string_view kind);

}  // namespace prongsai::library
