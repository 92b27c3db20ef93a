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
  if(DEFINED CLXS_PLUGIN_INSTALL_DIR)
    install(TARGETS ${target} LIBRARY DESTINATION ${CLXS_PLUGIN_INSTALL_DIR})
  endif()
endfunction()
