// The one table from error kinds to HTTP statuses. Handlers return an Error, never a number.
#pragma once

#include "core/error.hpp"

namespace prongsai::http {

int status_of(ErrorKind kind);
// The kind whose status is `status`: the edge's own refusals (413, 431, 503, ...) are pages of
// the same table. Other 4xx fall to bad_request, the rest to internal.
ErrorKind kind_of_status(int status);

}  // namespace prongsai::http
