# Compiler settings for our own targets: warnings as errors, ccache, linker, sanitizers.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  # Hits across checkouts in different folders (a CI clone, a second work tree): paths under
  # the source tree are hashed relative to it and the working directory is not hashed.
  set(CMAKE_CXX_COMPILER_LAUNCHER env "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" CCACHE_NOHASHDIR=1
      "${CCACHE_PROGRAM}")
endif()
# __FILE__ (GoogleTest's failure messages, assertions) names files relative to the checkout,
# so the preprocessed text, and with it the ccache key, is the same in every checkout.
add_compile_options("-fmacro-prefix-map=${PROJECT_SOURCE_DIR}/=")

# lld links faster than BFD ld (a small share of the build, but free).
find_program(CLXS_LLD ld.lld)
option(CLXS_USE_LLD "Link with lld when it is installed" ON)
if(CLXS_USE_LLD AND CLXS_LLD)
  add_link_options(-fuse-ld=lld)
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
