#pragma once
// Base64 (RFC 4648) for embedding binary mask images in JSON.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace smp::sim::detail {

std::string base64_encode(std::span<const std::uint8_t> bytes);
// nullopt when the text is not valid base64.
std::optional<std::vector<std::uint8_t>> base64_decode(const std::string& text);

}  // namespace smp::sim::detail
