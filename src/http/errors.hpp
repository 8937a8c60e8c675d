// The one table from error kinds to HTTP statuses. Handlers return an Error, never a number.
#pragma once

#include "core/error.hpp"

namespace prongsai::http {

int status_of(ErrorKind kind);

}  // namespace prongsai::http
