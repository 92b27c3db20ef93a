# Debian package of clxs (`make package`, or `cpack -G DEB` in the build tree). Included by
# the top-level CMakeLists.txt after every install() rule, so the package holds exactly what
# `cmake --install` lays out, under /usr, plus the systemd unit.

install(FILES "${CMAKE_CURRENT_LIST_DIR}/clxs.service" DESTINATION lib/systemd/system)
# The pinned DuckDB library of scripts/setup.sh is in no Debian package: ship it in lib/clxs,
# where the installed binary's RUNPATH ($ORIGIN/../lib/clxs) looks. A DuckDB found on the
# system instead stays the system's.
if(DuckDB_LIBRARY AND DuckDB_LIBRARY MATCHES "/third_party/duckdb/")
  get_filename_component(_clxs_duckdb "${DuckDB_LIBRARY}" REALPATH)
  install(FILES "${_clxs_duckdb}" DESTINATION lib/clxs RENAME libduckdb.so)
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "clxs")
set(CPACK_PACKAGE_VENDOR "clxs")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Unity Catalog estate manager (server, CLI and plugin SDK)")
set(CPACK_PACKAGE_DESCRIPTION
    "clxs clones, compares and governs Databricks Unity Catalog estates. It runs as an HTTP\n\
server with a plugin host, and ships the SDK to build plugins out of tree.")
set(CPACK_PACKAGE_CONTACT "clxs maintainers <maintainers@clxs.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")

set(CPACK_DEBIAN_PACKAGE_NAME "clxs")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION "admin")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Runtime dependencies come from the ELF files themselves (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Data the quality checks of ISO codes read (country, currency, language, subdivision).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "iso-codes")
# Libraries shipped inside the package (e.g. a bundled libduckdb.so) are not in any Debian
# package; listing their install directory lets dpkg-shlibdeps resolve them. The path is
# relative to the staging tree, where CPack runs dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "usr/lib/clxs")

# Tell systemd about the unit on install and removal; it is not enabled or started.
set(_clxs_maint "${CMAKE_BINARY_DIR}/packaging")
file(MAKE_DIRECTORY "${_clxs_maint}")
file(WRITE "${_clxs_maint}/postinst" "#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
")
file(WRITE "${_clxs_maint}/prerm" "#!/bin/sh
set -e
if [ -d /run/systemd/system ] && [ \"$1\" = remove ]; then
  systemctl stop clxs.service >/dev/null 2>&1 || true
fi
")
file(WRITE "${_clxs_maint}/postrm" "#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
")
file(CHMOD "${_clxs_maint}/postinst" "${_clxs_maint}/prerm" "${_clxs_maint}/postrm"
     PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                 WORLD_READ WORLD_EXECUTE)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${_clxs_maint}/postinst;${_clxs_maint}/prerm;${_clxs_maint}/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
