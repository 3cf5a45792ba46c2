// Compiles the precompiled headers every test executable shares (tests/CMakeLists.txt). It
// defines no macros of its own, so each test executable's definitions stay its own.
