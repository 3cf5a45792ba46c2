// One decoder service for many photos (render::PhotoDecoder): each photo is still decoded in
// a fresh child of its own, so a decoder that aborts or hangs on one photo becomes a clear
// error for that photo and the next one decodes as usual, with the same pixels as a decoder
// of its own would give.

#include "decoder_fault.hpp"
#include "image_builders.hpp"
#include "smp/render/image_io.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace smp {
namespace {

using test::Bytes;
using test::FaultInDecoder;

cv::Mat3b textured(int w, int h, int seed) {
  cv::Mat3b img(h, w);
  cv::RNG rng(static_cast<std::uint64_t>(seed));
  rng.fill(img, cv::RNG::UNIFORM, 0, 255);
  cv::GaussianBlur(img, img, {5, 5}, 0);
  return img;
}

std::string refusal(render::PhotoDecoder& decoder, const Bytes& bytes, const std::string& name,
                    const render::PhotoLimits& limits = {}) {
  try {
    decoder.decode_photo(bytes, name, limits);
  } catch (const render::ImageError& e) {
    return e.what();
  }
  return {};
}

TEST(PhotoDecoder, ManyPhotosGiveTheSamePixelsAsOneDecoderEach) {
  render::PhotoDecoder decoder;
  for (int i = 0; i < 4; ++i) {
    const cv::Mat3b img = textured(97 + 31 * i, 61 + 17 * i, i);
    const Bytes file = test::encode(i % 2 ? ".png" : ".jpg", img);
    const std::string name = "photo" + std::to_string(i) + (i % 2 ? ".png" : ".jpg");
    const cv::Mat3b shared = decoder.decode_photo(file, name);
    const cv::Mat3b own = render::decode_photo(file, name);
    ASSERT_EQ(shared.size(), img.size()) << name;
    EXPECT_EQ(cv::norm(shared, own, cv::NORM_INF), 0) << name;
    if (i % 2) {
      EXPECT_EQ(cv::norm(shared, img, cv::NORM_INF), 0) << name;  // PNG: lossless
    }
  }
  // Refused before any decoder runs, and the service still serves the next photo.
  EXPECT_THROW(decoder.decode_photo(Bytes{'n', 'o', 't'}, "note.txt"), render::ImageError);
  EXPECT_EQ(decoder.decode_photo(test::encode(".png", textured(8, 8, 9)), "after.png").size(), cv::Size(8, 8));
}

TEST(PhotoDecoder, AnAbortOnOnePhotoLeavesTheNextOneDecoding) {
  const FaultInDecoder fault("abort:client.png");
  render::PhotoDecoder decoder;
  const Bytes png = test::encode(".png", textured(32, 24, 1));
  const std::string msg = refusal(decoder, png, "client.png");
  EXPECT_NE(msg.find("client.png: the image could not be decoded safely: the decoder stopped with signal 6"),
            std::string::npos)
      << msg;
  EXPECT_EQ(decoder.decode_photo(png, "next.png").size(), cv::Size(32, 24));
  EXPECT_FALSE(refusal(decoder, png, "client.png").empty());  // and again, as clearly
  EXPECT_EQ(decoder.decode_photo(png, "last.png").size(), cv::Size(32, 24));
}

std::vector<pid_t> decoder_services();

TEST(PhotoDecoder, AHangOnOnePhotoIsStoppedAndTheNextOneDecodes) {
  const FaultInDecoder fault("hang:client.png");
  render::PhotoDecoder decoder;
  const Bytes png = test::encode(".png", textured(32, 24, 2));
  ASSERT_EQ(decoder.decode_photo(png, "first.png").size(), cv::Size(32, 24));
  const std::vector<pid_t> before = decoder_services();
  render::PhotoLimits limits;
  limits.max_decode_seconds = 1;
  const std::string msg = refusal(decoder, png, "client.png", limits);
  EXPECT_NE(msg.find("client.png: the image could not be decoded safely: the decoder did not finish within 1 s"),
            std::string::npos)
      << msg;
  // The service stopped its child and answered: it is the same service (the program stops
  // one that does not answer, and a new one would serve the next photo).
  EXPECT_EQ(decoder_services(), before);
  EXPECT_EQ(decoder.decode_photo(png, "next.png").size(), cv::Size(32, 24));
}

// The decoder services this process started (children running smp-decode).
std::vector<pid_t> decoder_services() {
  std::vector<pid_t> out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat"), cmdline(entry.path() / "cmdline");
    std::string line, cmd;
    std::getline(stat, line);
    std::getline(cmdline, cmd, '\0');
    const std::size_t close = line.rfind(')');
    if (close == std::string::npos || cmd.find("smp-decode") == std::string::npos) continue;
    char state = 0;
    int ppid = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %d", &state, &ppid) == 2 && ppid == ::getpid() && state != 'Z')
      out.push_back(static_cast<pid_t>(std::stol(pid)));
  }
  return out;
}

std::size_t open_descriptors() {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator("/proc/self/fd"),
                                                std::filesystem::directory_iterator{}));
}

TEST(PhotoDecoder, AServiceKilledBetweenPhotosIsStartedAgain) {
  const Bytes png = test::encode(".png", textured(16, 12, 3));
  const std::size_t descriptors = open_descriptors();
  std::vector<pid_t> services;
  {
    render::PhotoDecoder decoder;
    ASSERT_EQ(decoder.decode_photo(png, "first.png").size(), cv::Size(16, 12));
    services = decoder_services();
    ASSERT_EQ(services.size(), 1u);
    ::kill(services.front(), SIGKILL);
    EXPECT_EQ(decoder.decode_photo(png, "second.png").size(), cv::Size(16, 12));
    const std::vector<pid_t> again = decoder_services();
    ASSERT_EQ(again.size(), 1u);
    EXPECT_NE(again.front(), services.front());
  }
  EXPECT_TRUE(decoder_services().empty());  // stopped with its decoder
  EXPECT_EQ(open_descriptors(), descriptors);  // and nothing of either service left open here
}

TEST(PhotoDecoder, PhotosFromSeveralThreadsAllDecode) {
  render::PhotoDecoder decoder;
  std::vector<cv::Mat3b> images, decoded(4);
  for (int i = 0; i < 4; ++i) images.push_back(textured(40 + i, 30, 10 + i));
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      decoded[static_cast<std::size_t>(i)] =
          decoder.decode_photo(test::encode(".png", images[static_cast<std::size_t>(i)]), "t.png");
    });
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(cv::norm(decoded[static_cast<std::size_t>(i)], images[static_cast<std::size_t>(i)], cv::NORM_INF), 0);
}

}  // namespace
}  // namespace smp
