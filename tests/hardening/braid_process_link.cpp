// The hardening tests start the real server the same way the end-to-end tests do; the process
// helper lives in tests/e2e and is compiled into this executable too.
#include "tests/e2e/braid_process.cpp"
