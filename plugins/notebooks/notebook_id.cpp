#include "plugins/notebooks/notebook_id.hpp"

#include "clxs/error.hpp"

namespace clxs::notebooks {

bool isValidNotebookId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void requireValidNotebookId(std::string_view id) {
  if (isValidNotebookId(id)) return;
  throw unprocessable(Json::array({"path", "id"}),
                      "Notebook id must be 1 to 64 letters, digits, '_' or '-'.",
                      "string_pattern_mismatch");
}

}  // namespace clxs::notebooks
