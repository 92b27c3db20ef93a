#include "kernel/auth/environment.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace clxs::kernel {

std::optional<std::string> ProcessEnvironment::get(const std::string& name) const {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

std::filesystem::path ProcessEnvironment::home() const {
  if (auto h = get("HOME"); h && !h->empty()) return *h;
  // getpwuid_r: the plain getpwuid shares a static buffer between threads.
  passwd pw{};
  passwd* result = nullptr;
  char buf[4096];
  if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &result) == 0 && result != nullptr &&
      result->pw_dir != nullptr) {
    return result->pw_dir;
  }
  return {};
}

std::string ProcessEnvironment::userName() const {
  passwd pw{};
  passwd* result = nullptr;
  char buf[4096];
  if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &result) == 0 && result != nullptr &&
      result->pw_name != nullptr) {
    return result->pw_name;
  }
  if (auto u = get("USER"); u && !u->empty()) return *u;
  return "local";
}

}  // namespace clxs::kernel
