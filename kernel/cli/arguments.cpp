#include "kernel/cli/arguments.hpp"

#include <stdexcept>

namespace clxs::kernel {

Arguments Arguments::parse(const std::vector<std::string>& args,
                           const std::set<std::string>& valueFlags,
                           const std::set<std::string>& boolFlags) {
  Arguments a;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      a.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inlineValue;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (boolFlags.count(name)) {
      a.flags.insert(name);
    } else if (valueFlags.count(name)) {
      if (inlineValue) {
        a.values[name] = *inlineValue;
      } else if (i + 1 < args.size()) {
        a.values[name] = args[++i];
      } else {
        throw std::invalid_argument("--" + name + " needs a value");
      }
    } else {
      throw std::invalid_argument("unknown option --" + name);
    }
  }
  return a;
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

}  // namespace clxs::kernel
