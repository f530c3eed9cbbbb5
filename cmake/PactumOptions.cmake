# Compiler settings shared by every target of the project.

find_program(PACTUM_CCACHE ccache)
if(PACTUM_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER "${PACTUM_CCACHE}")
  set(CMAKE_CXX_COMPILER_LAUNCHER "${PACTUM_CCACHE}")
endif()

# Strict warnings, as errors, for project code only (third-party headers are
# system headers and stay quiet); the C++-only ones only for C++ (the examples
# link this to C programs too).
add_library(pactum_warnings INTERFACE)
target_compile_options(pactum_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wshadow $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor> $<$<COMPILE_LANGUAGE:CXX>:-Woverloaded-virtual>
  -Wcast-align
  -Wimplicit-fallthrough -Wformat=2 -Wmissing-declarations
  $<$<COMPILE_LANGUAGE:CXX>:-Wsuggest-override>)

# Opt-in sanitizers for every target: ThreadSanitizer, or AddressSanitizer +
# UndefinedBehaviorSanitizer.
if(PACTUM_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(PACTUM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # C programs loading the sanitized C++ library need UBSan's C++ runtime
    # (and the C++ library it uses).
    add_link_options($<$<LINK_LANGUAGE:C>:-fsanitize-link-c++-runtime> $<$<LINK_LANGUAGE:C>:-lstdc++>)
  endif()
endif()

# Opt-in libFuzzer targets (tests/fuzz): every target carries the coverage
# instrumentation libFuzzer steers by; the fuzz targets link libFuzzer itself.
if(PACTUM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PACTUM_FUZZ needs clang (libFuzzer): configure with CC=clang CXX=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Only the symbols we mark are visible in shared objects.
set(CMAKE_CXX_VISIBILITY_PRESET hidden)
set(CMAKE_C_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)
