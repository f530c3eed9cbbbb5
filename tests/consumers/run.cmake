# Installs a Pactum build tree into a temporary prefix and builds the consumer
# projects against the installed tree only, then runs them:
#   c/    a C program compiled with the flags `pkg-config --cflags --libs pactum` gives
#   cpp/  a C++ project using find_package(Pactum) -> Pactum::pactum, Pactum::capi
# The tree is installed into a staging directory and then moved, so both
# packages are shown to be relocatable. Run by ctest (tests/consumers/CMakeLists.txt):
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DBINDIR=... -DLIBDIR=... -DCMAKEDIR=...
#         -DPKGCONFIGDIR=... -DVERSION=... -DGENERATOR=... -DC_COMPILER=... -DCXX_COMPILER=...
#         -DPKG_CONFIG=... [-DMAKE_PROGRAM=...] [-DLAUNCHER=...] -P run.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var BUILD_DIR SOURCE_DIR WORK_DIR BINDIR LIBDIR CMAKEDIR PKGCONFIGDIR VERSION GENERATOR C_COMPILER CXX_COMPILER PKG_CONFIG)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run.cmake: ${var} is not set")
  endif()
endforeach()
set(here "${CMAKE_CURRENT_LIST_DIR}")
set(stage "${WORK_DIR}/stage")
set(prefix "${WORK_DIR}/prefix")

function(fail text)
  message(FATAL_ERROR "consumers: ${text}")
endfunction()

# Runs a command; fails the test with its output when it fails.
function(run_step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumers: ${name} failed (${rc}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
  set(step_error "${err}" PARENT_SCOPE)
endfunction()

# ---- Install and move the tree -----------------------------------------------
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
run_step("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${stage}")
file(RENAME "${stage}" "${prefix}")

# Every public header of the source tree, the libraries with their SOVERSION
# links, the tool, the CMake package, pactum.pc and the documentation.
file(GLOB_RECURSE headers RELATIVE "${SOURCE_DIR}/include" "${SOURCE_DIR}/include/pactum/*.hpp")
list(LENGTH headers header_count)
if(NOT (header_count GREATER 10))
  fail("no headers found in ${SOURCE_DIR}/include")
endif()
foreach(file IN LISTS headers ITEMS pactum.h)
  if(NOT (EXISTS "${prefix}/include/${file}"))
    fail("include/${file} is not installed")
  endif()
endforeach()
string(REGEX MATCH "^[0-9]+" major "${VERSION}")
foreach(file IN ITEMS
    "${LIBDIR}/libpactumcxx.a" "${LIBDIR}/libpactum.so.${VERSION}" "${BINDIR}/pactum"
    "${CMAKEDIR}/PactumConfig.cmake" "${CMAKEDIR}/PactumConfigVersion.cmake"
    "${CMAKEDIR}/PactumTargets.cmake" "${PKGCONFIGDIR}/pactum.pc" "share/doc/Pactum/README.md")
  if(NOT (EXISTS "${prefix}/${file}"))
    fail("${file} is not installed")
  endif()
endforeach()
file(READ_SYMLINK "${prefix}/${LIBDIR}/libpactum.so" link)
if(NOT (link STREQUAL "libpactum.so.${major}"))
  fail("libpactum.so points to ${link}, not libpactum.so.${major}")
endif()
file(READ_SYMLINK "${prefix}/${LIBDIR}/libpactum.so.${major}" link)
if(NOT (link STREQUAL "libpactum.so.${VERSION}"))
  fail("libpactum.so.${major} points to ${link}")
endif()
# Nothing installed still points into the build tree (RPATH, paths in the package).
foreach(file IN ITEMS "${LIBDIR}/libpactum.so.${VERSION}" "${BINDIR}/pactum" "${PKGCONFIGDIR}/pactum.pc")
  file(STRINGS "${prefix}/${file}" hits REGEX "${BUILD_DIR}|${stage}")
  if(NOT ("${hits}" STREQUAL ""))
    fail("${file} refers to the build tree or the staging directory: ${hits}")
  endif()
endforeach()
file(GLOB package_files "${prefix}/${CMAKEDIR}/*.cmake")
foreach(file IN LISTS package_files)
  file(STRINGS "${file}" hits REGEX "${BUILD_DIR}|${SOURCE_DIR}|${stage}")
  if(NOT ("${hits}" STREQUAL ""))
    fail("${file} refers to the build or source tree: ${hits}")
  endif()
endforeach()

run_step("the installed pactum --version" "${prefix}/${BINDIR}/pactum" --version)
if(NOT (step_output MATCHES "^pactum ${VERSION}"))
  fail("pactum --version printed: ${step_output}")
endif()

# ---- C through pkg-config ------------------------------------------------------
set(ENV{PKG_CONFIG_PATH} "${prefix}/${PKGCONFIGDIR}")
run_step("pkg-config --modversion" "${PKG_CONFIG}" --modversion pactum)
string(STRIP "${step_output}" pc_version)
if(NOT (pc_version STREQUAL VERSION))
  fail("pkg-config says version ${pc_version}, the build is ${VERSION}")
endif()
run_step("pkg-config --cflags --libs" "${PKG_CONFIG}" --cflags --libs pactum)
string(STRIP "${step_output}" flags)
if(NOT (flags MATCHES "-I${prefix}/"))
  fail("pkg-config flags ${flags} do not name the installed tree")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
run_step("pkg-config --variable=libdir" "${PKG_CONFIG}" --variable=libdir pactum)
string(STRIP "${step_output}" pc_libdir)
file(MAKE_DIRECTORY "${WORK_DIR}/c")
run_step("compiling the C consumer"
  "${C_COMPILER}" -std=c99 -Wall -Wextra -pedantic -Werror "${here}/c/consumer.c" ${flags}
  "-Wl,-rpath,${pc_libdir}" -o "${WORK_DIR}/c/consumer")
run_step("the C consumer" "${WORK_DIR}/c/consumer" "${WORK_DIR}/c/company.db" "${pc_version}")
message(STATUS "${step_output}")
if(NOT (step_output MATCHES "consumer_c: Pactum ${VERSION}, contract HT-2024-SD-0001, .* 0 failure\\(s\\)"))
  fail("the C consumer printed: ${step_output}")
endif()

# ---- C++ through find_package --------------------------------------------------
set(configure "${CMAKE_COMMAND}" -G "${GENERATOR}" -DCMAKE_BUILD_TYPE=Release
    "-DCMAKE_C_COMPILER=${C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_PREFIX_PATH=${prefix}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(MAKE_PROGRAM)
  list(APPEND configure "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(LAUNCHER)
  list(APPEND configure "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
run_step("configuring the C++ consumer" ${configure} -S "${here}/cpp" -B "${WORK_DIR}/cpp")
if(NOT (step_output MATCHES "Pactum ${VERSION} found in ${prefix}/${CMAKEDIR}"))
  fail("find_package(Pactum) did not find the installed package:\n${step_output}")
endif()
run_step("building the C++ consumer" "${CMAKE_COMMAND}" --build "${WORK_DIR}/cpp")
run_step("the C++ consumer" "${WORK_DIR}/cpp/consumer" "${WORK_DIR}/cpp/company.db")
message(STATUS "${step_output}")
if(NOT (step_output MATCHES "consumer_cpp: Pactum ${VERSION}, contract HT-2024-SD-0001, .*C and C\\+\\+ agree, 0 failure\\(s\\)"))
  fail("the C++ consumer printed: ${step_output}")
endif()

# ---- What the package refuses ----------------------------------------------------
# Before 1.0 only the same minor version is compatible; unknown components fail.
string(REGEX MATCH "^[0-9]+\\.([0-9]+)" _ "${VERSION}")
math(EXPR next_minor "${CMAKE_MATCH_1} + 1")
foreach(request IN ITEMS "${major}.${next_minor}" "COMPONENTS capi reports")
  set(dir "${WORK_DIR}/refused-${request}")
  string(REPLACE " " "_" dir "${dir}")
  file(MAKE_DIRECTORY "${dir}")
  file(WRITE "${dir}/CMakeLists.txt"
    "cmake_minimum_required(VERSION 3.16)\nproject(refused LANGUAGES NONE)\nfind_package(Pactum ${request} REQUIRED)\n")
  execute_process(COMMAND ${configure} -S "${dir}" -B "${dir}/build"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "consumers: find_package(Pactum ${request}) was accepted")
  endif()
  if(NOT (err MATCHES "Pactum" AND err MATCHES "version|component"))
    fail("find_package(Pactum ${request}) failed for another reason:\n${err}")
  endif()
endforeach()

message(STATUS "consumers: built and ran the C (pkg-config) and C++ (find_package) consumers against ${prefix}")
