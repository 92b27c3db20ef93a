# Test executables. A module's unit tests (every *_test.cpp beside its sources) build into one
# executable: CI compiles everything twice (release, then ASan+UBSan), and a link of a test
# binary costs as much as several compiles, so one link per module instead of one per file.
# CTest still sees every TEST as its own test, named Suite.Test.

# clxs_add_test(NAME SOURCES ... [LIBS ...] [DEFINITIONS ...] [COST n]): a GoogleTest
# executable registered with CTest. COST orders a run without timing history (a fresh clone,
# that is every CI run): CTest starts the costliest tests first, so give it to executables of
# long tests; the many short ones then fill the cores at the end instead of a long one
# starting last and running alone.
function(clxs_add_test name)
  if(NOT CLXS_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "COST" "SOURCES;LIBS;DEFINITIONS" ${ARGN})
  if(NOT ARG_COST)
    set(ARG_COST 0)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest_main GTest::gmock clxs_warnings)
  if(ARG_DEFINITIONS)
    target_compile_definitions(${name} PRIVATE ${ARG_DEFINITIONS})
  endif()
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/tests")
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
                       PROPERTIES ENVIRONMENT "CLXS_BUILD_DIR=${CMAKE_BINARY_DIR}"
                       COST ${ARG_COST})
endfunction()

# clxs_add_module_tests(NAME [LIBS ...] [DEFINITIONS ...] [EXCLUDE file ...] [SUBDIRS dir ...]
# [COST n]): every *_test.cpp of the calling folder and of its SUBDIRS (less EXCLUDE) as the one
# test executable NAME.
function(clxs_add_module_tests name)
  cmake_parse_arguments(ARG "" "COST" "LIBS;DEFINITIONS;EXCLUDE;SUBDIRS" ${ARGN})
  file(GLOB _sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp")
  foreach(dir IN LISTS ARG_SUBDIRS)
    file(GLOB _more CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*_test.cpp")
    list(APPEND _sources ${_more})
  endforeach()
  foreach(x IN LISTS ARG_EXCLUDE)
    list(REMOVE_ITEM _sources "${CMAKE_CURRENT_SOURCE_DIR}/${x}")
  endforeach()
  list(SORT _sources)
  clxs_add_test(${name} SOURCES ${_sources} LIBS ${ARG_LIBS} DEFINITIONS ${ARG_DEFINITIONS}
                COST ${ARG_COST})
endfunction()
