#!/bin/sh
# Runs a test executable inside its own virtual X server (Xvfb, Mesa software OpenGL).
# Without xvfb-run the command runs as it is: display tests then skip themselves.
# Test listing (gtest discovery) needs no display.
for arg in "$@"; do
  case "$arg" in --gtest_list_tests) exec "$@" ;; esac
done
if command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" "$@"
fi
exec "$@"
