// Checks SQL text a user supplies (a custom rule, a `sql_query` check, a contract's SQL rule,
// a profile query, a DQX `sql_expression`) before anything runs it. The checks work on tokens
// lexed the way Databricks SQL (Spark SQL) lexes them, so words inside string literals, quoted
// identifiers and comments never count, and statement keywords are judged by where they stand,
// not by spelling: `SELECT comment, set FROM t` passes, `SELECT * FROM (DROP TABLE t)` does not.
// This is a gate, not a parser: it refuses what could run as something other than one query;
// the warehouse's own parser still rejects malformed SQL that passes here.
#pragma once

#include <string>
#include <string_view>

namespace clxs {

/// Throws HttpError 400 with one sentence naming the problem (and the offending word and its
/// position, counted in characters from 1) unless `sql` is exactly one query:
/// - not empty, no NUL character, no unterminated string literal, quoted identifier or
///   comment, balanced parentheses nested at most 256 deep;
/// - one statement: a `;` may only be followed by blanks and comments;
/// - starts with SELECT, WITH, VALUES, FROM (`FROM t SELECT a`), TABLE or `(`;
/// - each CTE body and the statement after a WITH clause is a query (`WITH x AS (…) INSERT …`
///   is refused);
/// - no statement keyword (INSERT, UPDATE, DELETE, MERGE, CREATE, DROP, ALTER, TRUNCATE, GRANT,
///   SET, USE, COPY, OPTIMIZE, VACUUM, DESCRIBE, SHOW, EXPLAIN, …) where a statement would
///   start: at the beginning, right after a `(`, or after UNION/INTERSECT/EXCEPT/MINUS; inside a
///   parenthesis the keyword counts only when another name follows it (`(DROP TABLE t)` is
///   refused, `(delete)`, `(comment IS NULL)` and `replace(a, 'x', 'y')` are not);
/// - no `INSERT INTO`/`INSERT OVERWRITE` anywhere (Spark's `FROM t INSERT INTO …`), and no
///   script transform (`TRANSFORM (…) USING 'script'`), which would run a program.
/// Returns the query without leading and trailing blanks and comments and without its one
/// trailing `;`, so it can be wrapped as `SELECT … FROM (<query>) AS q` (a trailing `--`
/// comment would otherwise swallow the closing parenthesis).
std::string requireSingleQuery(std::string_view sql);

/// Throws HttpError 400 unless `sql` is one expression over a row's columns, such as
/// `price > 0 AND qty IS NOT NULL`: the lexical checks of requireSingleQuery, no `;`, and at the
/// top level (outside parentheses) no `,`, no SELECT, no statement at the start and no clause
/// keyword (FROM, WHERE, GROUP BY, ORDER BY, LIMIT, UNION, …; `IS DISTINCT FROM` is fine, and
/// so is a column of that name followed by an operator, `limit > 5`). Subqueries in
/// parentheses (`x IN (SELECT …)`, `EXISTS (SELECT …)`) must pass requireSingleQuery's
/// checks. Returns the expression without leading and trailing blanks and comments. Used for
/// DQX `sql_expression` checks and filters.
std::string requireSingleExpression(std::string_view sql);

}  // namespace clxs
