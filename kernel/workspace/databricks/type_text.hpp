// Databricks SQL type names as the port reports them: the type text of a column, upper-cased
// like DESCRIBE prints it, without touching the names of STRUCT fields.
#pragma once

#include <string>
#include <string_view>

namespace clxs::kernel::databricks {

/// Upper-cases the keywords of a type text ("decimal(10,2)" → "DECIMAL(10,2)",
/// "struct<Name:string>" → "STRUCT<Name:STRING>"); STRUCT field names and backquoted names
/// keep their case.
std::string canonicalTypeText(std::string_view typeText);

/// The SQL name of a Statement Execution / Unity Catalog `type_name` (LONG → BIGINT,
/// SHORT → SMALLINT, BYTE → TINYINT; others as they are, upper-cased).
std::string sqlTypeName(std::string_view typeName);

/// The column type the port reports: canonicalTypeText(typeText), or sqlTypeName(typeName)
/// when the type text is missing.
std::string columnType(std::string_view typeText, std::string_view typeName);

}  // namespace clxs::kernel::databricks
