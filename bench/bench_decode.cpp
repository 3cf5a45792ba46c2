// Photo decoding: in the smp-decode service, as every program does it, against the same codec
// called in this process. The difference is the price of isolation (forking a child of the
// service for the photo and handing the pixels back through a memory file). The service
// itself starts once per program (PhotoDecoder): the "first photo" row pays that start too,
// as a program that decodes a single photo does.

#include "bench_context.hpp"
#include "smp/render/image_io.hpp"
#include "smp/sim/file_io.hpp"

#include <benchmark/benchmark.h>
#include <opencv2/imgcodecs.hpp>

#include <memory>

namespace smp::bench {

namespace {

enum class Where { Service, FirstPhoto, InProcess };

void decode(benchmark::State& state, BenchContext& ctx, cv::Size size, Where where) {
  const std::vector<std::uint8_t> bytes = sim::read_file_bytes(ctx.photo_file(size), std::uintmax_t{512} << 20);
  std::unique_ptr<render::PhotoDecoder> decoder;
  if (where == Where::Service) {
    decoder = std::make_unique<render::PhotoDecoder>();
    std::vector<std::uint8_t> tiny;
    cv::imencode(".png", cv::Mat3b(8, 8, cv::Vec3b(1, 2, 3)), tiny);
    decoder->decode_photo(tiny, "warm-up.png");  // the service's start, outside the timing
  }
  for (auto _ : state) {
    const cv::Mat img = where == Where::Service      ? cv::Mat(decoder->decode_photo(bytes, "bench.jpg"))
                        : where == Where::FirstPhoto ? cv::Mat(render::decode_photo(bytes, "bench.jpg"))
                                                     : render::decode_image_unisolated(bytes, "bench.jpg", {});
    benchmark::DoNotOptimize(img.data);
  }
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}

}  // namespace

void register_decode(BenchContext& ctx) {
  for (const auto& [name, size] : {std::pair{"12MP", k12MP}, std::pair{"24MP", k24MP}}) {
    const cv::Size s = size;
    const auto add = [&](const char* row, Where where) {
      benchmark::RegisterBenchmark((std::string(row) + name).c_str(),
                                   [&ctx, s, where](benchmark::State& st) { decode(st, ctx, s, where); })
          ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
    };
    add("decode-isolated/", Where::Service);
    add("decode-isolated-first/", Where::FirstPhoto);
    add("decode-in-process/", Where::InProcess);
  }
}

}  // namespace smp::bench
