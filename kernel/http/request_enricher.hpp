// Fills the per-request parts the router cannot know: credentials and the workspace resolver.
#pragma once

#include "clxs/http.hpp"

namespace clxs::kernel {

/// Sets a request's credentials and workspace resolver. May throw HttpError.
class RequestEnricher {
 public:
  virtual ~RequestEnricher() = default;
  /// Sets `parts.credentials` and `parts.workspaceResolver`.
  virtual void enrich(RequestParts& parts) = 0;
};

}  // namespace clxs::kernel
