#include "tests/support/job_wait.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace clxs::testing {

bool terminalStatus(const std::string& s) {
  return s == "completed" || s == "completed_with_errors" || s == "failed" || s == "cancelled";
}

Json waitJob(const ServerProcess& s, const std::string& id, int seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  Json job;
  while (std::chrono::steady_clock::now() < until) {
    const auto r = s.get("/api/clone/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return job;
    job = r.json();
    if (terminalStatus(job.value("status", std::string()))) return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "job " << id << " did not end: " << job.dump();
  return job;
}

std::string submitJob(const ServerProcess& s, const std::string& path, const Json& body) {
  const auto r = s.post(path, body);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  if (r.status != 200) return {};
  const auto j = r.json();
  EXPECT_EQ(j.value("status", std::string()), "queued") << r.body;
  return j.value("job_id", std::string());
}

Json runJob(const ServerProcess& s, const std::string& path, const Json& body, int seconds) {
  return waitJob(s, submitJob(s, path, body), seconds);
}

}  // namespace clxs::testing
