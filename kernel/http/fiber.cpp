#include "kernel/http/fiber.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <new>
#include <stdexcept>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define CLXS_FIBER_ASAN 1
#endif

namespace clxs::kernel {

namespace {

// The fiber each thread is running; a plain pointer, so trivially destructible.
thread_local Fiber* tCurrentFiber = nullptr;

void startSwitch([[maybe_unused]] void** fakeStackSave, [[maybe_unused]] const void* bottom,
                 [[maybe_unused]] std::size_t size) {
#ifdef CLXS_FIBER_ASAN
  __sanitizer_start_switch_fiber(fakeStackSave, bottom, size);
#endif
}

void finishSwitch([[maybe_unused]] void* fakeStack, [[maybe_unused]] const void** bottomOld,
                  [[maybe_unused]] std::size_t* sizeOld) {
#ifdef CLXS_FIBER_ASAN
  __sanitizer_finish_switch_fiber(fakeStack, bottomOld, sizeOld);
#endif
}

}  // namespace

Fiber::Fiber(std::function<void()> body, std::size_t stackBytes) : body_(std::move(body)) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  stackBytes_ = (stackBytes + page - 1) / page * page + page;  // plus a guard page
  stack_ = mmap(nullptr, stackBytes_, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (stack_ == MAP_FAILED) throw std::bad_alloc();
  // The lowest page stays inaccessible: an overflow faults instead of corrupting the heap.
  mprotect(stack_, page, PROT_NONE);
  if (getcontext(&fiberContext_) != 0) {
    munmap(stack_, stackBytes_);
    throw std::runtime_error("getcontext failed");
  }
  fiberContext_.uc_stack.ss_sp = stack_;
  fiberContext_.uc_stack.ss_size = stackBytes_;
  fiberContext_.uc_link = nullptr;
  const auto self = reinterpret_cast<std::uintptr_t>(this);
  // makecontext passes int arguments only: the pointer travels in two halves.
  makecontext(&fiberContext_, reinterpret_cast<void (*)()>(&Fiber::entry), 2,
              static_cast<unsigned>(self >> 32), static_cast<unsigned>(self & 0xFFFFFFFFu));
}

Fiber::~Fiber() {
  if (stack_ != nullptr) munmap(stack_, stackBytes_);
}

Fiber* Fiber::current() {
  return tCurrentFiber;
}

void Fiber::entry(unsigned hi, unsigned lo) {
  // NOLINTNEXTLINE(performance-no-int-to-ptr): makecontext can only pass ints
  auto* self = reinterpret_cast<Fiber*>((static_cast<std::uintptr_t>(hi) << 32) |
                                        static_cast<std::uintptr_t>(lo));
  self->run();
}

void Fiber::run() {
  finishSwitch(nullptr, &callerStackBottom_, &callerStackSize_);
  try {
    body_();
  } catch (...) {  // the body's owner handles its errors; nothing may unwind past here
  }
  body_ = nullptr;
  finished_ = true;
  // A null save slot tells ASan this stack is finished, so its fake frames are freed.
  startSwitch(nullptr, callerStackBottom_, callerStackSize_);
  swapcontext(&fiberContext_, &callerContext_);
}

void Fiber::resume() {
  if (finished_) return;
  Fiber* outer = tCurrentFiber;
  tCurrentFiber = this;
  void* fake = nullptr;
  startSwitch(&fake, stack_, stackBytes_);
  swapcontext(&callerContext_, &fiberContext_);
  finishSwitch(fake, nullptr, nullptr);
  tCurrentFiber = outer;
}

void Fiber::suspend() {
  startSwitch(&fakeStack_, callerStackBottom_, callerStackSize_);
  swapcontext(&fiberContext_, &callerContext_);
  finishSwitch(fakeStack_, &callerStackBottom_, &callerStackSize_);
}

}  // namespace clxs::kernel
