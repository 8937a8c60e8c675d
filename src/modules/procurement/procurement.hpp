// The procurement register (ทะเบียนการจัดซื้อจัดจ้าง): each purchase of an agency's fiscal year,
// from the e-GP project number to the delivery, with the bidders, the contracts and the
// documents; entered by the พัสดุ officer or imported from the Comptroller General's e-GP data
// (egp.hpp), every change audited. The monthly summary (แบบ สขร.1) and the annual report are
// made from it.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/thai_calendar.hpp"
#include "http/access.hpp"
#include "store/store.hpp"

namespace prongsai::accounts {
class Service;
}
namespace prongsai::library {
class Library;
}

namespace prongsai::procurement {

// How the agency chose (ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างฯ 2560): strings
// procurement.method.<key>.
inline constexpr std::string_view kMethods[] = {"specific", "e_bidding", "e_market", "selection", "other"};
// Where the purchase stands: strings procurement.status.<key>.
inline constexpr std::string_view kStatuses[] = {"planned", "announced", "contracted", "delivered", "cancelled"};

// What a library document is to a purchase (strings procurement.document.<key>): ประกาศเชิญชวน,
// ประกาศราคากลาง, ประกาศผลผู้ชนะการเสนอราคา, ประกาศยกเลิก, อื่น ๆ.
inline constexpr std::string_view kDocumentRoles[] = {"invitation", "reference_price", "winner", "cancellation",
                                                      "other"};

// Money in satang (1 baht = 100), so that sums are exact.
using Satang = std::int64_t;
// "1,234,567.50" (the figures of a Thai form), or "-" for none.
std::string baht(std::optional<Satang> amount);
// A typed amount: "1,234,567.50", "1234567.5", "1234567": nullopt for anything else, or below zero.
std::optional<Satang> parse_baht(std::string_view text);

struct Bid {
  std::string bidder;
  std::optional<Satang> price;
  friend bool operator==(const Bid&, const Bid&) = default;
};

struct Contract {
  std::string number;  // เลขที่สัญญา or the purchase order's
  std::string vendor;
  std::optional<Satang> price;
  std::optional<calendar::Date> signed_on, finish_on;
  friend bool operator==(const Contract&, const Contract&) = default;
};

// A document of the agency's library (its announcement of the purchase, the winner announcement)
// put with a purchase; the library keeps it, its files and its public page.
struct ProjectDocument {
  std::int64_t document_id = 0;
  std::string role;            // of kDocumentRoles
  std::int64_t linked_at = 0;  // when it was first put with the purchase
};

struct Project {
  std::int64_t id = 0;
  int fiscal_year = 0;     // BE
  std::string egp_number;  // เลขที่โครงการ e-GP; empty for a purchase without one
  std::string name;
  std::string method = "specific";
  std::string method_text;  // as e-GP names it, when it named one
  std::optional<Satang> budget, reference_price, agreed_price;
  std::string budget_source;  // แหล่งที่มาของงบประมาณ
  std::string vendor;         // ผู้ได้รับการคัดเลือก
  std::string reason;         // เหตุผลที่คัดเลือกโดยสังเขป
  std::optional<calendar::Date> announced_on, delivered_on;
  std::string status = "announced";
  std::optional<std::int64_t> unit_id;
  std::string source = "manual";  // manual | egp
  std::vector<Bid> bids;
  std::vector<Contract> contracts;
  std::vector<ProjectDocument> documents;
  std::int64_t updated_at = 0;

  // The day the purchase belongs to a month's summary: its first contract's, else its
  // announcement's; nullopt while it has neither.
  std::optional<calendar::Date> reported_on() const;
};

// What the officer types in the form, as typed: amounts "1,234,567.50", dates ISO (CE) as
// <input type=date> sends them, or a Thai date ("10 ม.ค. 67"). Blank rows are left out.
struct BidInput {
  std::string bidder, price;
};
struct ContractInput {
  std::string number, vendor, price, signed_on, finish_on;
};
struct DocumentInput {
  std::string document_id, role;  // a blank document: a blank row
};
struct ProjectInput {
  std::string egp_number, name, method, method_text, budget_source, vendor, reason, status;
  std::string budget, reference_price, agreed_price;
  std::string announced_on, delivered_on;
  std::optional<std::int64_t> unit_id;  // one of the agency's units, or none
  std::vector<BidInput> bids;
  std::vector<ContractInput> contracts;
  std::vector<DocumentInput> documents;  // of the agency's library
};

// One month of the fiscal year in the register.
struct MonthTotal {
  int index = 0;  // 1 = October … 12 = September
  calendar::Period days;
  std::int64_t projects = 0, cancelled = 0;
  Satang agreed = 0;  // agreed prices of the month's purchases not cancelled
};

struct MethodTotal {
  std::string method;
  std::int64_t projects = 0;
  Satang agreed = 0;
};

struct YearTotals {
  std::vector<MonthTotal> months;    // twelve, October first
  std::vector<MethodTotal> methods;  // in kMethods order, those with a purchase not cancelled
  std::int64_t projects = 0, undated = 0;
  Satang agreed = 0;
};

// A field an import would change: its name (a key of procurement.field.*) and both values as
// people read them.
struct FieldChange {
  std::string field, before, after;
};

struct ChangedProject {
  std::int64_t id = 0;
  std::string egp_number, name;
  std::string was;  // the register's project when the plan was made (its audit record)
  std::vector<FieldChange> changes;
};

// A purchase named where something else points at it.
struct Purchase {
  std::int64_t id = 0;
  int fiscal_year = 0;
  std::string name;
};

// What an import brings against the register: the projects it adds, those it would change
// (each a diff the officer accepts or not), those it finds unchanged, and those it leaves out
// as of another fiscal year.
struct ImportPlan {
  int fiscal_year = 0;
  std::vector<Project> added;
  std::vector<ChangedProject> changed;
  std::vector<Project> changed_to;  // what each of `changed` becomes, in the same order
  std::int64_t unchanged = 0, other_year = 0;
  // What the officer reviewed: the same for the same plan, different when the file or the
  // register changed in between.
  std::string digest() const;
};

// A file kept for import while the officer reviews the plan.
struct Upload {
  std::int64_t id = 0;
  int fiscal_year = 0;
  std::string name, data;
};

struct ImportResult {
  std::int64_t added = 0, changed = 0, unchanged = 0, other_year = 0, left_as_they_were = 0;
};

class Register {
 public:
  Register(store::Store& store, const Clock& clock, accounts::Service& accounts, library::Library& library)
      : store_(store), clock_(clock), accounts_(accounts), library_(library) {}

  // The register of a fiscal year, by the day each purchase is reported on (undated last).
  Result<std::vector<Project>> year(const http::Principal& by, int fiscal_year);
  Result<Project> get(const http::Principal& by, std::int64_t id);
  // The same register without a person: the command line and what the agency publishes.
  std::vector<Project> projects(std::int64_t agency_id, int fiscal_year);
  // Creates (no id) or updates a purchase of `fiscal_year`; its unit is one of the agency's, its
  // documents are of the agency's library, each once.
  Result<std::int64_t> save(const http::Principal& by, std::optional<std::int64_t> id, int fiscal_year,
                            const ProjectInput& in);
  Result<void> remove(const http::Principal& by, std::int64_t id);

  // What importing `projects` (egp::read's) into an agency's `fiscal_year` would do; nothing
  // stored. The person's checks are the routes' (may_edit); the command line has none.
  ImportPlan plan_import(std::int64_t agency_id, int fiscal_year, const std::vector<Project>& projects, Lang lang);
  // Adds the plan's new projects and the changes of those whose e-GP numbers are in `accept`,
  // in one transaction; a changed project not accepted is left as it was. Refused (nothing
  // stored) when the register changed since the plan was made.
  Result<ImportResult> apply_import(const store::Actor& actor, std::int64_t agency_id, const ImportPlan& plan,
                                    const std::set<std::string>& accept);

  // The file an officer uploaded for import (JSON, CSV or XLSX, already read by egp::read_any),
  // kept as its bytes (audited: its name and size) until they confirm or a day passes; only
  // they read it back.
  Result<std::int64_t> keep_upload(const http::Principal& by, int fiscal_year, std::string name, std::string_view data);
  Result<Upload> upload(const http::Principal& by, std::int64_t id);
  Result<void> drop_upload(const http::Principal& by, std::int64_t id);
  // Uploads older than a day, deleted: how many.
  std::int64_t sweep_uploads();

  // The purchases a library document is put with (in `tx`: the library asks in its own).
  static std::vector<Purchase> with_document(store::ReadTx& tx, std::int64_t agency_id, std::int64_t document_id);
  // The fiscal years with a purchase that has a document, newest first.
  std::vector<int> announced_years(std::int64_t agency_id);

  // Totals by month (of the day each is reported on) and by method; a cancelled purchase is
  // counted in its month but adds nothing to what was agreed.
  static YearTotals totals_of(const std::vector<Project>& projects, int fiscal_year);

 private:
  store::Store& store_;
  const Clock& clock_;
  accounts::Service& accounts_;
  library::Library& library_;
};

// The admin and the พัสดุ officer keep the register; executives read it.
bool may_edit(const http::Principal& by);
bool may_read(const http::Principal& by);

}  // namespace prongsai::procurement
