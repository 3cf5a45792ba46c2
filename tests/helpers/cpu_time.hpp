#pragma once
// CPU seconds (user + system) spent so far by this process and its reaped children. Bounds on
// work are checked on CPU time, which other programs on the machine do not inflate.

#include <sys/resource.h>

#include <initializer_list>

namespace smp::test {

inline double cpu_seconds() {
  double total = 0;
  for (const int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage use{};
    ::getrusage(who, &use);
    total += static_cast<double>(use.ru_utime.tv_sec + use.ru_stime.tv_sec) +
             static_cast<double>(use.ru_utime.tv_usec + use.ru_stime.tv_usec) / 1e6;
  }
  return total;
}

}  // namespace smp::test
