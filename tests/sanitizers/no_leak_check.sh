#!/bin/sh
# Runs a command with LeakSanitizer off; AddressSanitizer and UBSan stay on.
# Used only for the viewer's display tests in the sanitizer build: LeakSanitizer's tracer
# crashes on Mesa llvmpipe's worker threads, and what the GL driver keeps is freed by a
# library unloaded at exit, so it can be neither attributed nor suppressed. Leaks in the
# project's own code are checked by every other test, the viewer's logic tests included.
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" exec "$@"
