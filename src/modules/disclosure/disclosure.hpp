// The disclosure module's contract: the OIT registry of an agency per fiscal year (what each
// framework item asks for, who answers for it, its evidence), the readiness check and OIT
// estimate, and what the public ITA pages and the assessors' URL list are made from.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "framework/framework.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/disclosure/readiness.hpp"
#include "store/store.hpp"
#include "web/evidence.hpp"

namespace prongsai::disclosure {

// The admin's word that an item is not to use the pages Prongsai produces for it.
struct ProducedOff {
  std::string reason;
  std::int64_t at = 0;  // unix seconds
};

struct ItemState {
  const framework::Item* item = nullptr;
  std::optional<std::int64_t> unit_id;
  std::vector<Slot> slots;  // stored evidence, and Prongsai's pages unless they are off
  Readiness readiness;
  // Prongsai's own pages that answer the item (in the slots too, unless `produced_off`).
  std::vector<Evidence> produced;
  std::optional<ProducedOff> produced_off;
};

struct Registry {
  const framework::Framework* framework = nullptr;
  int fiscal_year = 0;
  std::vector<ItemState> items;  // in the framework's order
  framework::OitEstimate estimate;
  const ItemState* find(std::string_view code) const;
};

// What the evidence form sends, as typed.
struct EvidenceInput {
  std::string kind;  // text | file | link
  std::string title, body, url, period;
  std::string published_on;  // ISO date from the form's date field
  std::optional<files::Upload> upload;
  // The evidence this replaces (a corrected version): it comes off the registry in the same
  // transaction, keeps its row and points at the new one; the new one fills the same period.
  std::optional<std::int64_t> replaces = std::nullopt;
  // Personal data found in its texts or file (files/personal_data.hpp) refuses it until the
  // officer confirms it may be published (the audit keeps what was confirmed).
  bool confirm_personal_data = false;
  Lang lang = Lang::th;  // of the refusal's lines
};

// Evidence taken off the registry, newest first: what was published, and when it went.
struct PastEvidence {
  Evidence evidence;
  std::int64_t removed_at = 0;    // unix seconds
  std::string replaced_by_title;  // empty when removed without a replacement
};

// What the modules' pages answer for a role (web::produce_evidence, set when every module is built).
using Producer = std::function<std::vector<web::ProducedEvidence>(std::string_view role, const web::EvidenceQuery&)>;

class Service {
 public:
  Service(store::Store& store, accounts::Service& accounts, const framework::Catalogue& catalogue)
      : store_(store), accounts_(accounts), catalogue_(catalogue) {}

  // not_found when the framework has no such year.
  Result<Registry> registry(std::int64_t agency_id, int fiscal_year, calendar::Date today, Lang lang);

  // Admin, or staff of the item's responsible unit. The publish date must fall inside the
  // fiscal year and, for a period, not before the period starts; files are checked by content.
  Result<std::int64_t> add_evidence(const http::Principal& by, int fiscal_year, const std::string& item_code,
                                    const EvidenceInput& input);
  // Takes evidence off the registry; the row and the audit log keep it.
  Result<void> remove_evidence(const http::Principal& by, int fiscal_year, const std::string& item_code,
                               std::int64_t evidence_id);
  std::vector<PastEvidence> history(std::int64_t agency_id, int fiscal_year, const std::string& item_code);
  // Evidence on the registry (not removed); not_found otherwise.
  Result<Evidence> current_evidence(std::int64_t agency_id, int fiscal_year, const std::string& item_code,
                                    std::int64_t evidence_id);
  // Admin only: the item stops using the pages Prongsai produces for it, for `reason` (required),
  // or, with nullopt, uses them again. Audited.
  Result<void> set_produced_off(const http::Principal& by, int fiscal_year, const std::string& item_code,
                                const std::optional<std::string>& reason);
  void set_producer(Producer p) { producer_ = std::move(p); }

  // Admin only; nullopt clears it.
  Result<void> set_unit(const http::Principal& by, int fiscal_year, const std::string& item_code,
                        std::optional<std::int64_t> unit_id);
  bool may_edit(const http::Principal& p, const ItemState& item);

  // Starts `fiscal_year` from the year before: evidence of standing items is carried to the
  // item the crosswalk maps it to (files shared, not copied), and responsible units with it.
  // Items that recur or are due each year start empty. Returns how many pieces were carried.
  Result<int> carry_over(const http::Principal& by, int fiscal_year);

  // A file of evidence that is on the registry (not removed), with its bytes.
  Result<std::pair<files::Ref, std::string>> evidence_file(std::int64_t agency_id, int fiscal_year,
                                                           const std::string& item_code, std::int64_t evidence_id);

  // Where the registries hold `url` as evidence (a page of this site that must stay): the
  // years and items, oldest year first.
  std::vector<std::pair<int, std::string>> evidence_at(std::int64_t agency_id, const std::string& url);

  // The assessors' list: item code, title and public URL, one row per OIT item, as CSV
  // (UTF-8 with a byte-order mark, so Excel shows the Thai).
  Result<std::string> ita_urls_csv(std::int64_t agency_id, int fiscal_year, const std::string& base_url);

  // Every agency's current evidence into the search index again (entries are kept in step on
  // every change; this is for an index built by an older version).
  void reindex(store::WriteTx& tx);
  const framework::Catalogue& catalogue() const { return catalogue_; }
  // The largest file accepted as evidence (serve --max-upload-mb); 20 MB unless set.
  std::size_t max_file_bytes() const { return max_file_bytes_; }
  void set_max_file_bytes(std::size_t bytes) { max_file_bytes_ = bytes; }

 private:
  store::Store& store_;
  accounts::Service& accounts_;
  const framework::Catalogue& catalogue_;
  std::size_t max_file_bytes_ = 20 << 20;
  Producer producer_;

  // The pages the modules produce for an item's roles, as evidence of the item's periods.
  std::vector<Evidence> produce(std::int64_t agency_id, const framework::Item& item, int fiscal_year,
                                calendar::Date today, Lang lang, calendar::Date agency_since) const;
};

}  // namespace prongsai::disclosure
