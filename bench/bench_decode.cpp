// Photo decoding: in the smp-decode process, as every program does it, against the same
// codec called in this process. The difference is the price of isolation (starting the
// process and handing the pixels back through a pipe).

#include "bench_context.hpp"
#include "smp/render/image_io.hpp"
#include "smp/sim/file_io.hpp"

#include <benchmark/benchmark.h>

namespace smp::bench {

namespace {

void decode(benchmark::State& state, BenchContext& ctx, cv::Size size, bool isolated) {
  const std::vector<std::uint8_t> bytes = sim::read_file_bytes(ctx.photo_file(size), std::uintmax_t{512} << 20);
  for (auto _ : state) {
    const cv::Mat img = isolated ? cv::Mat(render::decode_photo(bytes, "bench.jpg"))
                                 : render::decode_image_unisolated(bytes, "bench.jpg", {});
    benchmark::DoNotOptimize(img.data);
  }
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}

}  // namespace

void register_decode(BenchContext& ctx) {
  for (const auto& [name, size] : {std::pair{"12MP", k12MP}, std::pair{"24MP", k24MP}}) {
    const cv::Size s = size;
    benchmark::RegisterBenchmark((std::string("decode-isolated/") + name).c_str(),
                                 [&ctx, s](benchmark::State& st) { decode(st, ctx, s, true); })
        ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
    benchmark::RegisterBenchmark((std::string("decode-in-process/") + name).c_str(),
                                 [&ctx, s](benchmark::State& st) { decode(st, ctx, s, false); })
        ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
  }
}

}  // namespace smp::bench
