#include "kernel/emulator/emulator_stats.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace clxs::kernel::emulator {

void EmulatorStats::countRequest() {
  std::lock_guard lock(mutex_);
  ++requests_;
}

void EmulatorStats::countFault(const std::string& kind) {
  std::lock_guard lock(mutex_);
  ++faults_[kind];
}

void EmulatorStats::countSubmitted() {
  std::lock_guard lock(mutex_);
  ++submitted_;
}

void EmulatorStats::countExecuted(std::string_view statementText) {
  const auto hash = sha256Hex(statementText);
  std::lock_guard lock(mutex_);
  ++executed_;
  ++byTextHash_[hash];
}

void EmulatorStats::countFailedInjected() {
  std::lock_guard lock(mutex_);
  ++failedInjected_;
}

void EmulatorStats::reset() {
  std::lock_guard lock(mutex_);
  requests_ = 0;
  faults_.clear();
  submitted_ = 0;
  executed_ = 0;
  failedInjected_ = 0;
  byTextHash_.clear();
}

Json EmulatorStats::toJson() const {
  std::lock_guard lock(mutex_);
  Json faults = Json::object();
  for (const char* kind : {"503", "429", "latency"}) {
    const auto it = faults_.find(kind);
    faults[kind] = it == faults_.end() ? 0 : it->second;
  }
  Json hashes = Json::object();
  for (const auto& [hash, n] : byTextHash_) hashes[hash] = n;
  return Json{{"requests", requests_},
              {"faults", faults},
              {"statements",
               {{"submitted", submitted_},
                {"executed", executed_},
                {"failed_injected", failedInjected_},
                {"by_text_hash", hashes}}}};
}

std::string sha256Hex(std::string_view text) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(text.data(), static_cast<unsigned>(text.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace clxs::kernel::emulator
