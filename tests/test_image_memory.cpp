// render::image_memory_allocator: large images are advised for 2 MB pages, small ones and
// OpenCV's own allocator's are not; images keep their values; memory the caller owns keeps its
// layout and is never freed by it; use_image_memory makes it OpenCV's default.

#include "smp/render/image_memory.hpp"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Whether the mapping holding `address` was advised for huge pages: the "hg" flag of its
// VmFlags line in /proc/self/smaps (set by madvise(MADV_HUGEPAGE) whatever the system's
// transparent-huge-page mode); nullopt when the kernel does not show VmFlags.
std::optional<bool> advised_for_huge_pages(const void* address) {
  const auto a = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream in("/proc/self/smaps");
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    unsigned long long lo = 0, hi = 0;
    if (std::sscanf(line.c_str(), "%llx-%llx ", &lo, &hi) == 2) {  // a mapping's first line
      inside = a >= lo && a < hi;
      continue;
    }
    if (inside && line.rfind("VmFlags:", 0) == 0) {
      std::istringstream flags(line.substr(8));
      for (std::string f; flags >> f;)
        if (f == "hg") return true;
      return false;
    }
  }
  return std::nullopt;
}

// An address in a whole 2 MB page inside the image's memory.
const void* inside_a_whole_huge_page(const cv::Mat& m) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{1} << 21;
  const auto start = reinterpret_cast<std::uintptr_t>(m.datastart);
  return reinterpret_cast<const void*>(((start + kHuge - 1) & ~(kHuge - 1)) + 4096);
}

cv::Mat3b made_by(cv::MatAllocator* allocator, int rows, int cols) {
  cv::Mat3b m;
  m.allocator = allocator;
  m.create(rows, cols);
  m.allocator = nullptr;  // the pixels remember their allocator; later create() calls use the default
  return m;
}

}  // namespace

TEST(ImageMemory, LargeImagesAreAdvisedForHugePagesSmallOnesAreNot) {
  if (!std::filesystem::exists("/sys/kernel/mm/transparent_hugepage"))
    GTEST_SKIP() << "this kernel has no transparent huge pages";
  // Both large images alive at once, so neither can reuse the other's memory.
  const cv::Mat3b by_opencv = made_by(cv::Mat::getStdAllocator(), 3000, 3000);  // 27 MB
  const cv::Mat3b large = made_by(smp::render::image_memory_allocator(), 3000, 3000);
  const std::optional<bool> large_advised = advised_for_huge_pages(inside_a_whole_huge_page(large));
  if (!large_advised) GTEST_SKIP() << "the kernel does not show VmFlags in /proc/self/smaps";
  EXPECT_TRUE(*large_advised);
  EXPECT_EQ(advised_for_huge_pages(inside_a_whole_huge_page(by_opencv)), std::optional<bool>(false));
  const cv::Mat3b small = made_by(smp::render::image_memory_allocator(), 100, 100);  // 30 KB
  EXPECT_EQ(advised_for_huge_pages(small.data), std::optional<bool>(false));
}

TEST(ImageMemory, ImagesKeepTheirValues) {
  cv::Mat3b large = made_by(smp::render::image_memory_allocator(), 2000, 2000);
  cv::randu(large, cv::Scalar::all(0), cv::Scalar::all(256));
  const cv::Mat3b copy = large.clone();
  EXPECT_EQ(cv::norm(large, copy, cv::NORM_INF), 0.0);
  const cv::Rect roi(10, 20, 300, 200);
  EXPECT_EQ(cv::norm(large(roi).clone(), copy(roi), cv::NORM_INF), 0.0);
}

TEST(ImageMemory, MemoryTheCallerOwnsKeepsItsLayoutAndIsNotFreed) {
  cv::MatAllocator* allocator = smp::render::image_memory_allocator();
  std::vector<uchar> own(64 * 200, 9);  // 64 rows of 200 bytes: 3-byte pixels, padded rows
  const int sizes[2] = {64, 60};
  std::size_t step[2] = {200, 3};
  cv::UMatData* u = allocator->allocate(2, sizes, CV_8UC3, own.data(), step, cv::ACCESS_RW, cv::USAGE_DEFAULT);
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(step[0], 200u);  // the caller's row step is kept
  EXPECT_EQ(u->data, own.data());
  EXPECT_TRUE(u->flags & cv::UMatData::USER_ALLOCATED);
  EXPECT_EQ(u->size, 64u * 200u);
  allocator->deallocate(u);  // must not free the caller's memory (a sanitizer build would catch it)
  EXPECT_EQ(own.front(), 9);
  EXPECT_EQ(own.back(), 9);
}

TEST(ImageMemory, UseImageMemoryMakesItTheDefaultOnce) {
  smp::render::use_image_memory();
  EXPECT_EQ(cv::Mat::getDefaultAllocator(), smp::render::image_memory_allocator());
  EXPECT_NE(cv::Mat::getDefaultAllocator(), cv::Mat::getStdAllocator());
  smp::render::use_image_memory();  // a second call changes nothing
  EXPECT_EQ(cv::Mat::getDefaultAllocator(), smp::render::image_memory_allocator());
  const cv::Mat3b large(1500, 1500, cv::Vec3b(1, 2, 3));
  EXPECT_EQ(large.u->currAllocator, smp::render::image_memory_allocator());
}
