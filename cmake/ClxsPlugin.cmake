# clxs_add_plugin(NAME SOURCES ... [LIBS ...]): a plugin shared library that links only the
# SDK, with hidden visibility, placed in the plugin directory of the build and install trees.
function(clxs_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  set(target clxs_plugin_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE clxs::sdk ${ARG_LIBS})
  if(TARGET clxs_warnings)
    target_link_libraries(${target} PRIVATE clxs_warnings)
  endif()
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME "${name}"
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY "${CLXS_PLUGIN_OUTPUT_DIR}")
  # Export only the descriptor alias. Anything else exported (notably STB_GNU_UNIQUE symbols
  # of inline statics) would make glibc refuse to ever unload the library.
  set(_script "${CMAKE_CURRENT_BINARY_DIR}/${target}.exports")
  file(WRITE "${_script}" "{ global: clxs_plugin_v1; local: *; };\n")
  target_link_options(${target} PRIVATE -Wl,--no-undefined "-Wl,--version-script=${_script}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${_script}")
  # The integration suite starts the server with every plugin, so it depends on them all.
  set_property(GLOBAL APPEND PROPERTY CLXS_PLUGIN_TARGETS ${target})
  # Checked once the whole tree is configured, when every link is known.
  if(CLXS_IN_TREE)
    # EVAL, because a deferred call's arguments are otherwise read when it runs.
    cmake_language(EVAL CODE "cmake_language(DEFER DIRECTORY [[${PROJECT_SOURCE_DIR}]] CALL \
_clxs_check_plugin_isolation [[${target}]] [[${name}]])")
  endif()
  if(DEFINED CLXS_PLUGIN_INSTALL_DIR)
    install(TARGETS ${target} LIBRARY DESTINATION ${CLXS_PLUGIN_INSTALL_DIR})
  endif()
endfunction()

# In-tree plugins see only the SDK and themselves. clxs_plugin_include_root(PLUGIN OUT_VAR)
# gives an include directory in which only plugins/PLUGIN exists (a symbolic link), so
# `#include "plugins/PLUGIN/x.hpp"` works and `#include "kernel/..."` or another plugin's
# header does not compile. Use it instead of the source root for a plugin's libraries.
function(clxs_plugin_include_root plugin out)
  set(root "${CMAKE_BINARY_DIR}/plugin-include/${plugin}")
  if(NOT EXISTS "${root}/plugins/${plugin}")
    file(MAKE_DIRECTORY "${root}/plugins")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/plugins/${plugin}" "${root}/plugins/${plugin}"
         SYMBOLIC)
  endif()
  set(${out} "${root}" PARENT_SCOPE)
endfunction()

# Fails the configuration when plugin TARGET (named PLUGIN) links, directly or through its
# own libraries, anything of clxs but the SDK and its own clxs_PLUGIN_* libraries, or sees
# the source root (and so kernel or other plugins' headers) on its include path.
function(_clxs_check_plugin_isolation target plugin)
  set(seen)
  set(pending ${target})
  while(pending)
    list(POP_FRONT pending t)
    if(t IN_LIST seen)
      continue()
    endif()
    list(APPEND seen ${t})
    foreach(prop INCLUDE_DIRECTORIES INTERFACE_INCLUDE_DIRECTORIES)
      get_target_property(dirs ${t} ${prop})
      if(dirs AND "${PROJECT_SOURCE_DIR}" IN_LIST dirs)
        message(FATAL_ERROR "plugin '${plugin}': ${t} has the source root on its include path, "
                            "so it could include kernel or other plugins' headers; use "
                            "clxs_plugin_include_root(${plugin} ...) instead")
      endif()
    endforeach()
    foreach(prop LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
      get_target_property(libs ${t} ${prop})
      if(NOT libs)
        continue()
      endif()
      foreach(lib IN LISTS libs)
        string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" lib "${lib}")
        if(lib MATCHES "^\\$<" OR NOT TARGET ${lib})
          continue()
        endif()
        get_target_property(imported ${lib} IMPORTED)
        get_target_property(aliased ${lib} ALIASED_TARGET)
        if(aliased)
          set(lib ${aliased})
        endif()
        if(imported OR lib STREQUAL "clxs_sdk" OR lib STREQUAL "clxs_warnings")
          continue()
        endif()
        if(NOT lib MATCHES "^clxs_${plugin}_")
          message(FATAL_ERROR "plugin '${plugin}' links ${lib} (through ${t}); a plugin may "
                              "link only the SDK and its own clxs_${plugin}_* libraries. Use "
                              "a service (clxs/services/) to reach another plugin's code.")
        endif()
        list(APPEND pending ${lib})
      endforeach()
    endforeach()
  endwhile()
endfunction()
