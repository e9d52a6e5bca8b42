# Each libFuzzer target of this folder, built also as a plain executable with replay_main.cpp (any
# compiler, no -fsanitize=fuzzer) and registered with ctest: it runs the target's seed corpus
# (corpus/<target>) and the crash reproducers kept in regressions/<target>, once each.
# Included from tests/CMakeLists.txt; scripts/fuzz.sh builds the real fuzzers with clang.
set(braid_fuzz_dir ${CMAKE_CURRENT_LIST_DIR})
foreach(pair config:braid_config analyzers:braid_analyzers search_request:braid_http bulk:braid_engine)
  string(REPLACE ":" ";" pair ${pair})
  list(GET pair 0 target)
  list(GET pair 1 library)
  if(NOT TARGET ${library})
    continue()
  endif()
  add_executable(replay_fuzz_${target} ${braid_fuzz_dir}/fuzz_${target}.cpp ${braid_fuzz_dir}/replay_main.cpp)
  target_include_directories(replay_fuzz_${target} PRIVATE ${BRAID_ROOT})
  target_link_libraries(replay_fuzz_${target} PRIVATE ${library})
  set(inputs ${braid_fuzz_dir}/corpus/${target})
  if(EXISTS ${braid_fuzz_dir}/regressions/${target})
    list(APPEND inputs ${braid_fuzz_dir}/regressions/${target})
  endif()
  add_test(NAME "fuzz: ${target} seed corpus and kept reproducers replay cleanly"
           COMMAND replay_fuzz_${target} ${inputs})
endforeach()
