#!/usr/bin/env bash
# Installs the Debian 12 packages SMP Studio needs to build, run and test.
# Idempotent: only missing packages are installed. Works as root, uses sudo otherwise.
# Usage: tools/install-deps.sh [--test]   (--test adds Xvfb, xdotool and PDF/image tools)
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libopencv-dev opencv-data
  libglfw3-dev libepoxy-dev libimgui-dev libstb-dev
  nlohmann-json3-dev libcli11-dev libcairo2-dev libwebp-dev zlib1g-dev
  libpango1.0-dev fonts-dejavu-core fonts-noto-core fonts-noto-cjk
  googletest libgtest-dev libbenchmark-dev
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(xvfb xauth xdotool x11-utils poppler-utils libimage-exiftool-perl clang libclang-rt-14-dev strace)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if (( ${#missing[@]} == 0 )); then
  exit 0
fi

echo "Installing: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
else
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
