#!/usr/bin/env bash
# Installs what is missing, builds SMP Studio and runs it on the bundled demo photo:
# the viewer when a display is available, otherwise a headless render into ./out/demo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/install-deps.sh"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" -j"$(nproc)"
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -x "$root/build/app/smp-studio" ]]; then
  exec "$root/build/app/smp-studio" "$@"
fi
mkdir -p "$root/out"
cd "$root/out"
exec "$root/build/app/smp-render" "$@"
