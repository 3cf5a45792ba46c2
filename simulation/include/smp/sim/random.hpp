#pragma once
// Portable deterministic random numbers. std:: distributions differ between standard
// libraries, so everything that must repeat for the same seed uses these instead.

#include <cstdint>

namespace smp::sim {

// SplitMix64 finaliser: a good 64-bit mix, also used to hash (seed, index) pairs.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

constexpr std::uint64_t hash_combine(std::uint64_t a, std::uint64_t b) { return mix64(a ^ mix64(b)); }

// Uniform double in [0, 1) from 53 random bits.
constexpr double to_unit(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

// xoshiro256** generator: fast, small state, excellent statistics.
class Rng {
 public:
  explicit constexpr Rng(std::uint64_t seed) {
    std::uint64_t z = seed;
    for (auto& s : state_) s = mix64(z += 0x9E3779B97F4A7C15ull);
  }
  constexpr std::uint64_t next() {
    const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  constexpr double uniform() { return to_unit(next()); }                       // [0, 1)
  constexpr double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  constexpr std::uint32_t below(std::uint32_t n) {  // [0, n), n > 0
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(static_cast<std::uint32_t>(next() >> 32)) * n) >> 32);
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t state_[4]{};
};

}  // namespace smp::sim
