#pragma once
// SHA-256 of bytes and files: identifies the photo a plan was made for.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace smp::sim {

std::string sha256_hex(std::span<const std::uint8_t> bytes);
// Throws std::runtime_error naming the file when it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace smp::sim
