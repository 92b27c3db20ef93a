# Compiler settings for our own targets: warnings as errors, ccache, sanitizers.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

option(CLXS_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(CLXS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Applied to every target we own (never to third-party code).
add_library(clxs_warnings INTERFACE)
target_compile_options(clxs_warnings INTERFACE -Wall -Wextra -Werror -Wno-unused-parameter
                       -Wno-missing-field-initializers)
