#pragma once
// The newest result of a "latest wins" lane, shared between the thread that computes results
// and the main thread that takes them. Each request carries a generation number, increasing
// (next_generation, or the caller's own count); a finished result replaces the one waiting
// only if it is newer, and the main thread takes it once. T has a `std::uint64_t generation`.

#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

namespace smp::studio {

template <class T>
class LatestResult {
 public:
  // The generation of a new request: one more than the last posted.
  std::uint64_t next_generation() {
    std::lock_guard lock(mutex_);
    return ++posted_;
  }
  // A finished result (any thread): kept unless the one waiting is newer.
  void offer(T result) {
    std::lock_guard lock(mutex_);
    if (!done_ || done_->generation < result.generation) done_ = std::move(result);
  }
  // The newest finished result, once; nullopt while there is nothing new. It may be older
  // than the newest request (the main thread shows it while the newest is computed).
  std::optional<T> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(done_, std::nullopt);
  }

 private:
  std::mutex mutex_;
  std::optional<T> done_;
  std::uint64_t posted_ = 0;
};

}  // namespace smp::studio
