#pragma once
// Driving the real smp-studio window with X input events (xdotool) in tests: the viewer as
// a child process, xdotool calls, and waiting for the layout file the viewer writes.

#include "viewer_test_support.hpp"

#include <csignal>
#include <utility>
#include <spawn.h>
#include <sys/wait.h>

extern char** environ;

namespace smp::test {

// The viewer as a child process, ended when the test ends.
class Studio {
 public:
  Studio(const Case& c, const fs::path& layout, const std::vector<std::string>& extra = {}) {
    setenv("XDG_CONFIG_HOME", c.dir.c_str(), 1);
    const std::string exe = SMP_STUDIO_EXE, plan = c.plan.string(), lay = layout.string();
    std::vector<std::string> args = {exe, plan, "--width", "1200", "--height", "850", "--layout-json", lay};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, exe.c_str(), nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~Studio() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  Studio(const Studio&) = delete;
  Studio& operator=(const Studio&) = delete;
  bool started() const { return pid_ > 0; }
  bool running() const { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

inline int xdo(const std::string& args) { return std::system(("xdotool " + args + " >/dev/null 2>&1").c_str()); }

// The first line xdotool prints (a window id).
inline std::string xdo_output(const std::string& args) {
  std::string out;
  if (FILE* f = popen(("xdotool " + args + " 2>/dev/null").c_str(), "r")) {
    char buf[64] = {};
    if (std::fgets(buf, sizeof buf, f)) out = buf;
    pclose(f);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// "mousemove --window W X Y" with the coordinates rounded.
inline std::string xdo_at(const std::string& wid, double x, double y) {
  return "mousemove --window " + wid + " " + std::to_string(std::lround(x)) + " " + std::to_string(std::lround(y));
}

// Waits for the viewer's layout file to satisfy `ready`; nullopt after `limit`.
template <class Ready>
std::optional<nlohmann::json> wait_layout(const fs::path& path, const Studio& studio, std::chrono::seconds limit, Ready ready) {
  for (auto t0 = std::chrono::steady_clock::now(); std::chrono::steady_clock::now() - t0 < limit;) {
    if (const auto layout = read_json(path); layout && ready(*layout)) return layout;
    if (!studio.running()) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return std::nullopt;
}

// Waits until the viewer has drawn `n` more frames than when called, so input sent before
// has been handled in a frame of its own (the layout file counts frames).
inline bool wait_frames(const fs::path& path, const Studio& studio, int n = 2) {
  // The first whole layout (a read may catch the file between two frames' writes).
  const auto now = wait_layout(path, studio, std::chrono::seconds(30), [](const nlohmann::json& l) { return l.contains("frame"); });
  if (!now) return false;
  const auto start = (*now)["frame"].get<std::uint64_t>();
  return wait_layout(path, studio, std::chrono::seconds(30), [&](const nlohmann::json& l) {
           return l.contains("frame") && l["frame"].get<std::uint64_t>() >= start + static_cast<std::uint64_t>(n);
         }).has_value();
}

// Waits until a text field has the keyboard (the file browser's name field after Ctrl+O,
// Ctrl+E or the + tab), so the keys sent next reach it whatever the frame rate.
inline bool wait_typing(const fs::path& path, const Studio& studio) {
  return wait_layout(path, studio, std::chrono::seconds(60), [](const nlohmann::json& l) {
           return l.contains("typing") && l["typing"].get<bool>();
         }).has_value();
}

inline bool dots_shown(const nlohmann::json& l) { return l["impressions"].get<long>() > 0; }
// Dots shown for the plan as it is, and no background task running: the viewer is at rest.
inline bool dots_settled(const nlohmann::json& l) {
  return dots_shown(l) && l["dots_up_to_date"].get<bool>() && !l["task_running"].get<bool>();
}

// The viewer's window once it shows what `ready` asks for (by default its dots): the layout
// then and the X window id. nullopt when the viewer did not start, ended, took over 90 s, or
// its window could not be found.
struct StartedWindow {
  nlohmann::json layout;
  std::string wid;
};
template <class Ready = bool (*)(const nlohmann::json&)>
std::optional<StartedWindow> started_window(const fs::path& layout_path, const Studio& studio, Ready ready = dots_shown) {
  if (!studio.started()) return std::nullopt;
  auto layout = wait_layout(layout_path, studio, std::chrono::seconds(90), ready);
  if (!layout) return std::nullopt;
  std::string wid = xdo_output("search --sync --onlyvisible --name 'SMP Studio'");
  if (wid.empty()) return std::nullopt;
  return StartedWindow{std::move(*layout), std::move(wid)};
}

// Scrolls the side panel until the Consultation panel's Client field is on screen and has
// stopped moving (frames are slow on software GL); returns the last layout, with
// "client_field" set when it worked.
inline std::optional<nlohmann::json> scroll_to_client_field(const fs::path& layout_path, const std::string& wid,
                                                            nlohmann::json layout) {
  const auto& canvas = layout["canvas"];
  const int panel_x = static_cast<int>(canvas[0].get<double>() + canvas[2].get<double>() + 150);
  const double panel_bottom = canvas[1].get<double>() + canvas[3].get<double>();  // the side panel ends with the canvas
  const auto field_on_screen = [&](const nlohmann::json& l) {
    const auto& f = l["client_field"];
    return f[2].get<double>() > 0 && f[1].get<double>() + f[3].get<double>() < panel_bottom - 30;
  };
  for (int i = 0; i < 40 && !field_on_screen(layout); ++i) {
    xdo("mousemove --window " + wid + " " + std::to_string(panel_x) + " 400 click 5");
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    layout = read_json(layout_path).value_or(layout);
  }
  for (int i = 0; i < 20; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    const auto now = read_json(layout_path);
    if (now && (*now)["client_field"] == layout["client_field"]) break;
    if (now) layout = *now;
  }
  if (!field_on_screen(layout)) return std::nullopt;
  return layout;
}

}  // namespace smp::test
