# What `cmake --install` puts where (docs/packaging.md):
#   include/pactum/**, include/pactum.h          headers (Development)
#   lib/libpactumcxx.a                           Pactum::pactum, the C++ library (Development)
#   lib/libpactum.so.0.1.0, .so.0 and .so        Pactum::capi, the C library (Runtime; the
#                                                unversioned link is Development)
#   bin/pactum                                   the command-line tool (Runtime), Pactum::cli
#   lib/cmake/Pactum/                            PactumConfig.cmake, PactumConfigVersion.cmake,
#                                                PactumTargets*.cmake (Development)
#   lib/pkgconfig/pactum.pc                      the C library for pkg-config (Development)
#   share/doc/Pactum/                            README, docs and examples (Documentation)
# lib stands for CMAKE_INSTALL_LIBDIR (lib/x86_64-linux-gnu on Debian with
# prefix /usr). Included by the top-level CMakeLists.txt once the installed
# targets exist, before the tests (tests/consumers installs the tree).

include(CMakePackageConfigHelpers)

# The oldest Boost the installed package asks for (as the top-level find_package).
set(PACTUM_BOOST_MIN_VERSION 1.74)

set(PACTUM_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/Pactum" CACHE STRING
    "Where the CMake package (PactumConfig.cmake) is installed, relative to the prefix")
set(PACTUM_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE STRING
    "Where pactum.pc is installed, relative to the prefix")

# ---- Targets ---------------------------------------------------------------
set(_pactum_install_targets pactum capi)
if(TARGET pactum_cli)
  list(APPEND _pactum_install_targets pactum_cli)
endif()

install(TARGETS ${_pactum_install_targets}
  EXPORT PactumTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Development
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Runtime
          NAMELINK_COMPONENT Development
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT Runtime
  PUBLIC_HEADER DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT Development
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/pactum"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  COMPONENT Development
  FILES_MATCHING PATTERN "*.hpp")

# ---- CMake package ---------------------------------------------------------
install(EXPORT PactumTargets
  NAMESPACE Pactum::
  DESTINATION "${PACTUM_INSTALL_CMAKEDIR}"
  COMPONENT Development)

configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/PactumConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/package/PactumConfig.cmake"
  INSTALL_DESTINATION "${PACTUM_INSTALL_CMAKEDIR}"
  NO_SET_AND_CHECK_MACRO)
# Before 1.0 a minor version may change the API: 0.1.x accepts 0.1 only.
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/package/PactumConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/package/PactumConfig.cmake"
  "${PROJECT_BINARY_DIR}/package/PactumConfigVersion.cmake"
  DESTINATION "${PACTUM_INSTALL_CMAKEDIR}"
  COMPONENT Development)

# ---- pkg-config --------------------------------------------------------------
# The prefix is found from the .pc file's own place (${pcfiledir}), so an
# installed tree can be moved or staged with DESTDIR; absolute install
# directories are written as they are.
function(_pactum_pc_dir var base dir)
  if(IS_ABSOLUTE "${dir}")
    set(${var} "${dir}" PARENT_SCOPE)
  else()
    set(${var} "\${${base}}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
if(IS_ABSOLUTE "${PACTUM_INSTALL_PKGCONFIGDIR}")
  set(PACTUM_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _pactum_pc_up "/root/${PACTUM_INSTALL_PKGCONFIGDIR}" "/root")
  string(REGEX REPLACE "/$" "" _pactum_pc_up "${_pactum_pc_up}")
  set(PACTUM_PC_PREFIX "\${pcfiledir}/${_pactum_pc_up}")
endif()
_pactum_pc_dir(PACTUM_PC_LIBDIR exec_prefix "${CMAKE_INSTALL_LIBDIR}")
_pactum_pc_dir(PACTUM_PC_INCLUDEDIR prefix "${CMAKE_INSTALL_INCLUDEDIR}")
configure_file("${CMAKE_CURRENT_LIST_DIR}/pactum.pc.in" "${PROJECT_BINARY_DIR}/package/pactum.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/package/pactum.pc"
  DESTINATION "${PACTUM_INSTALL_PKGCONFIGDIR}"
  COMPONENT Development)

# ---- Documentation -------------------------------------------------------------
install(FILES "${PROJECT_SOURCE_DIR}/README.md"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}"
  COMPONENT Documentation)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/docs/"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}"
  COMPONENT Documentation)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/examples/"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}/examples"
  COMPONENT Documentation
  PATTERN "__pycache__" EXCLUDE)
