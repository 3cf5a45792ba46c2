// render::use_image_memory: large images ask the kernel for 2 MB pages, small ones do not, and
// images behave as before (values, copies, memory the caller owns).

#include "smp/render/image_memory.hpp"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace {

// The system's setting for transparent huge pages: "always", "madvise" or "never" (empty when
// the system has none).
std::string huge_page_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(in, line);
  const auto open = line.find('['), close = line.find(']');
  return open == std::string::npos || close == std::string::npos ? "" : line.substr(open + 1, close - open - 1);
}

// Whether the mapping that holds `address` may be backed by huge pages (/proc/self/smaps
// "THPeligible"); nullopt when the kernel does not say.
std::optional<bool> huge_page_eligible(const void* address) {
  const auto a = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream in("/proc/self/smaps");
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    unsigned long long lo = 0, hi = 0;
    if (std::sscanf(line.c_str(), "%llx-%llx ", &lo, &hi) == 2) {  // a mapping's first line
      inside = a >= lo && a < hi;
      continue;
    }
    if (inside && line.rfind("THPeligible:", 0) == 0) return std::stoi(line.substr(12)) != 0;
  }
  return std::nullopt;
}

// An address inside the image's memory that lies in a whole 2 MB page of it.
const void* whole_huge_page_inside(const cv::Mat& m) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{1} << 21;
  const auto start = reinterpret_cast<std::uintptr_t>(m.datastart);
  return reinterpret_cast<const void*>(((start + kHuge - 1) & ~(kHuge - 1)) + 4096);
}

}  // namespace

TEST(ImageMemory, LargeImagesAskForHugePagesSmallOnesDoNot) {
  if (huge_page_mode() != "madvise")
    GTEST_SKIP() << "transparent huge pages are '" << huge_page_mode() << "' here, not 'madvise': nothing to tell apart";
  smp::render::use_image_memory({std::size_t{4} << 20});
  const cv::Mat3b large(3000, 3000, cv::Vec3b(1, 2, 3));  // 27 MB
  const std::optional<bool> large_eligible = huge_page_eligible(whole_huge_page_inside(large));
  if (!large_eligible) GTEST_SKIP() << "the kernel does not report THPeligible";
  EXPECT_TRUE(*large_eligible);
  const cv::Mat1b small(100, 100, uchar{7});  // 10 KB, from the heap as before
  EXPECT_EQ(huge_page_eligible(small.data), std::optional<bool>(false));
}

TEST(ImageMemory, ImagesKeepTheirValuesAndCallerMemoryStaysTheCallers) {
  smp::render::use_image_memory({std::size_t{4} << 20});
  cv::Mat3b large(2000, 2000);
  cv::randu(large, cv::Scalar::all(0), cv::Scalar::all(256));
  const cv::Mat3b copy = large.clone();
  EXPECT_EQ(cv::norm(large, copy, cv::NORM_INF), 0.0);
  cv::Mat3b roi = large(cv::Rect(10, 20, 300, 200)).clone();
  EXPECT_EQ(cv::norm(roi, copy(cv::Rect(10, 20, 300, 200)), cv::NORM_INF), 0.0);
  std::vector<uchar> own(64 * 64, 9);
  {
    cv::Mat1b view(64, 64, own.data());
    view.setTo(5);
  }  // released: the caller's memory is not freed by the allocator
  EXPECT_EQ(own[0], 5);
  EXPECT_EQ(own.back(), 5);
}
