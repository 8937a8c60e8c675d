// Value-or-error returns for expected failures (bad input, not found, forbidden, conflict...).
//
// tl::expected stands in for C++23's std::expected; it is named only here, so moving to the
// standard type is a one-file change. Programmer mistakes are asserts; the truly exceptional
// (disk full, corrupt database) may throw and is answered 500 by the HTTP session.
#pragma once

#include <tl/expected.hpp>

#include "core/error.hpp"

namespace prongsai {

template <class T>
using Result = tl::expected<T, Error>;

inline auto fail(Error e) { return tl::make_unexpected(std::move(e)); }

// A Result<void> that succeeded, for readability at return sites.
inline Result<void> ok() { return {}; }

}  // namespace prongsai
