#pragma once
// Parsing of the program's JSON documents (plans, projects, clinic settings): a duplicate
// key is refused with its path (a reader would otherwise keep the last one silently), and
// a syntax error quotes at most 80 characters of the document.

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace smp::sim::detail {

// The document is not valid JSON, or repeats a key; the message is one short line
// (without the origin: callers prefix it).
class JsonSyntaxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr std::size_t kMaxQuotedChars = 80;

nlohmann::json parse_strict_json(const std::string& text);

}  // namespace smp::sim::detail
