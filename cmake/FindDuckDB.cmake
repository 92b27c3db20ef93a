# FindDuckDB: the DuckDB C API as the imported target DuckDB::duckdb.
# Looks first in third_party/duckdb (laid out by scripts/setup.sh from pinned npm packages),
# then in the system (a distribution or hand install of libduckdb + duckdb.h).
find_path(DuckDB_INCLUDE_DIR duckdb.h
  HINTS "${PROJECT_SOURCE_DIR}/third_party/duckdb/include" ENV DUCKDB_ROOT
  PATH_SUFFIXES include)
find_library(DuckDB_LIBRARY NAMES duckdb
  HINTS "${PROJECT_SOURCE_DIR}/third_party/duckdb/lib" ENV DUCKDB_ROOT
  PATH_SUFFIXES lib)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(DuckDB REQUIRED_VARS DuckDB_LIBRARY DuckDB_INCLUDE_DIR)
if(DuckDB_FOUND AND NOT TARGET DuckDB::duckdb)
  add_library(DuckDB::duckdb SHARED IMPORTED)
  set_target_properties(DuckDB::duckdb PROPERTIES
    IMPORTED_LOCATION "${DuckDB_LIBRARY}"
    IMPORTED_NO_SONAME FALSE
    INTERFACE_INCLUDE_DIRECTORIES "${DuckDB_INCLUDE_DIR}")
endif()
mark_as_advanced(DuckDB_INCLUDE_DIR DuckDB_LIBRARY)
