// Fetching the Comptroller General's contract data (`cgdcontract`) from the service itself,
// for an installation that may reach it: per department code and fiscal year, with the
// agency's API key, page by page (`offset`, `limit`), the pages' projects put together into
// one cgdcontract document for egp::read_cgdcontract. The key goes only into the request,
// never into a message or a log.
#pragma once

#include <string>

#include "core/result.hpp"
#include "core/strings.hpp"

namespace prongsai::procurement::egp {

struct FetchOptions {
  // data.go.th's GovSpending service, as it documents itself; not reachable from where this was
  // written, so a different address is given with --url.
  std::string url = "https://opend.data.go.th/govspending/cgdcontract";
  std::string api_key, dept_code;
  int year = 0;               // BE
  int limit = 500;            // projects a page
  int max_pages = 100;        // fifty thousand projects: egp::kMaxProjects
  long timeout_seconds = 60;  // a page
  std::size_t max_page_bytes = 64 << 20;
};

struct Fetched {
  std::string document;  // {"result": [every page's projects]}
  int pages = 0;
  std::size_t projects = 0;
  bool repeated = false;  // a page repeated the first: the service pages otherwise; what came is kept
};

// Errors (error.fetch, its detail naming what went wrong in `lang`): the service unreachable,
// an answer other than 200 (403: the key), an answer that is not JSON with a `result` list, a
// page over max_page_bytes, more pages than max_pages.
Result<Fetched> fetch_cgdcontract(const FetchOptions& o, Lang lang);

}  // namespace prongsai::procurement::egp
