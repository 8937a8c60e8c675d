// The open-data hub: every module's datasets (Module::datasets) gathered into an agency's
// catalogue, year by year, with the unit the admin made responsible for each. It names no
// module: what it offers is what the manifests declare.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/opendata/catalog.hpp"
#include "store/store.hpp"
#include "web/module.hpp"

namespace prongsai::opendata {

class Hub {
 public:
  // How many fiscal years back a dataset is offered (the current one and those before it).
  static constexpr int kYears = 4;

  Hub(web::Host& host, store::Store& store, accounts::Service& accounts, const Clock& clock)
      : host_(host), store_(store), accounts_(accounts), clock_(clock) {}

  // Every dataset of the installation's modules, in their order.
  std::vector<const web::Dataset*> datasets() const;
  // The agency's catalogue: each dataset with the years that have a table. `only`: that dataset
  // alone (an empty catalogue when there is none of that name).
  Catalog catalog(std::int64_t agency_id, const std::string& origin, Lang lang,
                  std::optional<std::string_view> only = std::nullopt);

  // The unit responsible for each dataset, by name (none: the agency's as a whole).
  std::map<std::string, std::int64_t> units(std::int64_t agency_id);
  // The admin sets them: a unit of the agency, or none (absent or 0). Audited, a change per
  // dataset that changed.
  Result<void> set_units(const http::Principal& by, const std::map<std::string, std::int64_t>& units);

 private:
  web::Host& host_;
  store::Store& store_;
  accounts::Service& accounts_;
  const Clock& clock_;
};

}  // namespace prongsai::opendata
