#include "strict_json.hpp"

#include <set>
#include <vector>

namespace smp::sim::detail {

namespace {

using nlohmann::json;

// Where the parser is, for naming a repeated key: one frame per open object or array.
struct Frame {
  bool array = false;
  long index = -1;           // arrays: the element being read
  std::string key;           // objects: the member being read
  std::set<std::string> keys;
};

std::string path_of(const std::vector<Frame>& frames, const std::string& last_key) {
  std::string path;
  for (std::size_t i = 0; i + 1 < frames.size(); ++i) {
    if (frames[i].array) {
      path += "[" + std::to_string(frames[i].index) + "]";
    } else {
      if (!path.empty()) path += ".";
      path += frames[i].key;
    }
  }
  if (!path.empty()) path += ".";
  return path + last_key;
}

// nlohmann's messages end with "last read: '...'", which may quote a whole base64 mask.
std::string shorten(const std::string& what) {
  std::string msg = what;
  const std::string marker = "; last read: '";
  if (const std::size_t at = msg.find(marker); at != std::string::npos) {
    std::string quoted = msg.substr(at + marker.size());
    if (!quoted.empty() && quoted.back() == '\'') quoted.pop_back();
    if (quoted.size() > kMaxQuotedChars) quoted = "..." + quoted.substr(quoted.size() - (kMaxQuotedChars - 3));
    msg = msg.substr(0, at) + marker + quoted + "'";
  }
  // "[json.exception.parse_error.101] " says nothing to a technician.
  if (msg.rfind("[json.exception.", 0) == 0)
    if (const std::size_t close = msg.find("] "); close != std::string::npos) msg.erase(0, close + 2);
  return msg;
}

}  // namespace

json parse_strict_json(const std::string& text) {
  std::vector<Frame> frames;
  auto on_event = [&](int /*depth*/, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (!frames.empty() && frames.back().array) ++frames.back().index;
        frames.push_back({event == json::parse_event_t::array_start, -1, {}, {}});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        if (!frames.empty()) frames.pop_back();
        break;
      case json::parse_event_t::key: {
        const std::string key = parsed.get<std::string>();
        if (!frames.empty() && !frames.back().keys.insert(key).second)
          throw JsonSyntaxError("the key \"" + path_of(frames, key.substr(0, kMaxQuotedChars)) +
                                "\" appears twice (which one is meant?)");
        if (!frames.empty()) frames.back().key = key;
        break;
      }
      case json::parse_event_t::value:
        if (!frames.empty() && frames.back().array) ++frames.back().index;
        break;
    }
    return true;
  };
  try {
    return json::parse(text, on_event);
  } catch (const json::exception& e) {  // syntax errors and numbers out of range
    throw JsonSyntaxError(shorten(e.what()));
  }
}

}  // namespace smp::sim::detail
