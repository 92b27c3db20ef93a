// The contract suite of `clxs emulate`, driven by the official Databricks SDK for JavaScript
// (@databricks/sdk-experimental, pinned in package-lock.json). run_suite.sh starts the
// emulator on a seeded data directory and runs this file; every check prints PASS or FAIL and
// any failure fails the run.
//
// Environment: CLXS_EMULATOR_URL, CLXS_TOKEN, CLXS_CLIENT_ID, CLXS_CLIENT_SECRET,
// CLXS_JS_SDK_DIR (the directory whose node_modules holds the SDK).
//
// Two gaps of SDK 0.17.0 itself are worked around, with the SDK's own authentication headers:
// its ApiClient attaches a payload to POST and PUT only, so PATCH (catalogs, schemas, volumes,
// functions, tables, grants and tag updates) is sent with fetch; and FilesService.upload sends
// no contents, so the bytes of an upload are PUT with fetch too.
import { createRequire } from "node:module";

const require = createRequire(`${process.env.CLXS_JS_SDK_DIR}/package.json`);
const { WorkspaceClient, ApiError } = require("@databricks/sdk-experimental");
// Apache Arrow's own reader decodes the ARROW_STREAM chunks.
const { tableFromIPC } = require("apache-arrow");

const host = process.env.CLXS_EMULATOR_URL;
const token = process.env.CLXS_TOKEN;
const started = Date.now();
let passed = 0;
let failed = 0;

function clientWith(options) {
  // No retries past a second: a refused request must show here, not be retried for minutes.
  return new WorkspaceClient({ host, retryTimeoutSeconds: 1, ...options });
}

const w = clientWith({ token, authType: "pat" });

async function check(name, body) {
  try {
    await body();
    passed++;
    console.log(`PASS: ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL: ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  assert(a === b, `${what}: expected ${b}, got ${a}`);
}

// Runs `body`, which must fail with the SDK's ApiError of `status` (and `code` if given).
async function refused(status, code, body) {
  try {
    await body();
  } catch (e) {
    assert(e instanceof ApiError, `not the SDK's ApiError: ${e}`);
    equal(e.statusCode, status, `status of "${e.message}"`);
    if (code) equal(e.errorCode, code, `error_code of "${e.message}"`);
    assert(e.message && e.message.length > 0, "the error has no message");
    return e;
  }
  throw new Error(`expected ${status} ${code ?? ""}, but the call succeeded`);
}

// A REST call with the SDK's authentication, for what SDK 0.17.0 cannot send (see the top).
async function rest(method, path, body, client = w) {
  const headers = new Headers({ Accept: "application/json" });
  await client.config.authenticate(headers);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  const response = await fetch(new URL(path, host), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {} };
}

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const warehouseId = (await collect(w.warehouses.list({})))[0]?.id;

async function run(statement, extra = {}) {
  return w.statementExecution.executeStatement({
    statement,
    warehouse_id: warehouseId,
    wait_timeout: "10s",
    ...extra,
  });
}

async function poll(id, until = (s) => s === "SUCCEEDED" || s === "FAILED" || s === "CANCELED") {
  for (let i = 0; i < 200; i++) {
    const r = await w.statementExecution.getStatement({ statement_id: id });
    if (until(r.status.state)) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`statement ${id} did not finish`);
}

// --- 4. Auth as the SDKs do it ---------------------------------------------------------

await check("auth: a PAT reads the current user", async () => {
  const me = await w.currentUser.me();
  assert(me.userName, `no userName in ${JSON.stringify(me)}`);
});

await check("auth: a wrong PAT is 401 UNAUTHENTICATED", async () => {
  const bad = clientWith({ token: "not-the-token", authType: "pat" });
  await refused(401, "UNAUTHENTICATED", () => bad.catalogs.get({ name: "shop" }));
});

await check("auth: the OIDC discovery names the token endpoint", async () => {
  const r = await fetch(new URL("/oidc/.well-known/oauth-authorization-server", host));
  equal(r.status, 200, "status");
  const doc = await r.json();
  equal(doc.token_endpoint, new URL("/oidc/v1/token", host).toString(), "token_endpoint");
});

await check("auth: /.well-known/databricks-config points at the OIDC endpoint", async () => {
  const r = await fetch(new URL("/.well-known/databricks-config", host));
  equal(r.status, 200, "status");
  const doc = await r.json();
  equal([doc.oidc_endpoint, doc.host_type], [new URL("/oidc", host).toString(), "workspace"], "metadata");
});

await check("auth: OAuth M2M through discovery and /oidc/v1/token", async () => {
  const m2m = clientWith({
    authType: "oauth-m2m",
    clientId: process.env.CLXS_CLIENT_ID,
    clientSecret: process.env.CLXS_CLIENT_SECRET,
  });
  const names = (await collect(m2m.catalogs.list({}))).map((c) => c.name);
  assert(names.includes("shop"), `catalogs: ${names}`);
  const headers = new Headers();
  await m2m.config.authenticate(headers);
  assert(headers.get("Authorization").startsWith("Bearer emu-oauth-"), "not an issued token");
});

await check("auth: M2M with a wrong secret gets no token", async () => {
  const bad = clientWith({
    authType: "oauth-m2m",
    clientId: process.env.CLXS_CLIENT_ID,
    clientSecret: "wrong",
  });
  try {
    await bad.catalogs.get({ name: "shop" });
  } catch (e) {
    assert(/invalid_client/.test(e.message), `unexpected error: ${e.message}`);
    return;
  }
  throw new Error("a wrong client secret was accepted");
});

await check("auth: no credentials at all is 401 with Databricks' error shape", async () => {
  const r = await fetch(new URL("/api/2.1/unity-catalog/catalogs", host));
  equal(r.status, 401, "status");
  const body = await r.json();
  equal(body.error_code, "UNAUTHENTICATED", "error_code");
  assert(body.message, "no message");
});

// --- 1. Paging as Databricks does it -----------------------------------------------------

await check("paging: without max_results the whole list and no token", async () => {
  const r = await rest("GET", "/api/2.1/unity-catalog/tables?catalog_name=shop&schema_name=paged");
  equal(r.status, 200, "status");
  equal(r.json.tables.length, 7, "tables");
  equal(r.json.next_page_token, undefined, "next_page_token");
});

await check("paging: the SDK follows next_page_token with max_results", async () => {
  const tables = await collect(
    w.tables.list({ catalog_name: "shop", schema_name: "paged", max_results: 2 }),
  );
  equal(tables.map((t) => t.name).sort(), ["p1", "p2", "p3", "p4", "p5", "p6", "p7"], "names");
  const first = await rest(
    "GET",
    "/api/2.1/unity-catalog/tables?catalog_name=shop&schema_name=paged&max_results=2",
  );
  equal(first.json.tables.length, 2, "first page");
  assert(first.json.next_page_token, "no next_page_token on a partial page");
});

await check("paging: a negative max_results is 400", async () => {
  await refused(400, "INVALID_PARAMETER_VALUE", () =>
    collect(w.schemas.list({ catalog_name: "shop", max_results: -1 })),
  );
});

// --- 2. Unity Catalog reads and writes ---------------------------------------------------

await check("uc: tables get, list, exists and functions list on the seeded catalog", async () => {
  const t = await w.tables.get({ full_name: "shop.sales.orders" });
  equal(
    t.columns.map((c) => [c.name, c.type_name]),
    [
      ["id", "LONG"],
      ["amount", "DECIMAL"],
      ["placed", "DATE"],
      ["note", "STRING"],
    ],
    "columns",
  );
  equal((await w.tables.exists({ full_name: "shop.sales.orders" })).table_exists, true, "exists");
  const fns = await collect(w.functions.list({ catalog_name: "shop", schema_name: "sales" }));
  equal(
    fns.map((f) => f.name),
    ["add_tax"],
    "functions",
  );
  await refused(404, "TABLE_DOES_NOT_EXIST", () => w.tables.get({ full_name: "shop.sales.nope" }));
});

await check("uc: catalogs create, conflict, update, get", async () => {
  const c = await w.catalogs.create({ name: "js_cat", comment: "from js" });
  equal([c.name, c.comment], ["js_cat", "from js"], "created");
  await refused(409, "CATALOG_ALREADY_EXISTS", () => w.catalogs.create({ name: "js_cat" }));
  await refused(400, "INVALID_PARAMETER_VALUE", () => w.catalogs.create({}));
  const u = await rest("PATCH", "/api/2.1/unity-catalog/catalogs/js_cat", {
    owner: "data-eng",
    comment: "updated",
  });
  equal(u.status, 200, "PATCH status");
  const got = await w.catalogs.get({ name: "js_cat" });
  equal([got.owner, got.comment], ["data-eng", "updated"], "after PATCH");
  equal(
    (await rest("PATCH", "/api/2.1/unity-catalog/catalogs/js_cat", { new_name: "x" })).status,
    501,
    "rename",
  );
});

await check("uc: schemas create, missing catalog, update", async () => {
  const s = await w.schemas.create({ catalog_name: "js_cat", name: "s", comment: "c" });
  equal(s.full_name, "js_cat.s", "full_name");
  await refused(404, "CATALOG_DOES_NOT_EXIST", () =>
    w.schemas.create({ catalog_name: "nope", name: "s" }),
  );
  const u = await rest("PATCH", "/api/2.1/unity-catalog/schemas/js_cat.s", { owner: "owners" });
  equal(u.json.owner, "owners", "owner");
});

await check("uc: volumes create, bad type, file upload and download", async () => {
  const v = await w.volumes.create({
    catalog_name: "js_cat",
    schema_name: "s",
    name: "files",
    volume_type: "MANAGED",
  });
  equal(v.full_name, "js_cat.s.files", "full_name");
  await refused(400, "INVALID_PARAMETER_VALUE", () =>
    w.volumes.create({ catalog_name: "js_cat", schema_name: "s", name: "x", volume_type: "X" }),
  );
  await refused(409, "VOLUME_ALREADY_EXISTS", () =>
    w.volumes.create({
      catalog_name: "js_cat",
      schema_name: "s",
      name: "files",
      volume_type: "MANAGED",
    }),
  );
  // The SDK's upload reaches the volume (it sends no bytes: see the top); fetch sends them.
  await w.files.upload({ file_path: "/Volumes/js_cat/s/files/empty.csv" });
  const headers = new Headers({ "Content-Type": "application/octet-stream" });
  await w.config.authenticate(headers);
  const put = await fetch(new URL("/api/2.0/fs/files/Volumes/js_cat/s/files/a.csv", host), {
    method: "PUT",
    headers,
    body: "x,y\n1,2\n",
  });
  equal(put.status, 204, "PUT status");
  const file = await w.files.download({ file_path: "/Volumes/js_cat/s/files/a.csv" });
  const parts = [];
  for await (const part of file.contents) parts.push(Buffer.from(part));
  const text = Buffer.concat(parts).toString("utf8");
  equal(text, "x,y\n1,2\n", "downloaded");
  const listed = await collect(
    w.files.listDirectoryContents({ directory_path: "/Volumes/js_cat/s/files" }),
  );
  equal(listed.map((e) => e.name).sort(), ["a.csv", "empty.csv"], "directory");
  const u = await rest("PATCH", "/api/2.1/unity-catalog/volumes/js_cat.s.files", {
    comment: "landing",
  });
  equal(u.json.comment, "landing", "comment");
});

await check("uc: functions create, call, update, bad type", async () => {
  const info = {
    name: "plus1",
    catalog_name: "js_cat",
    schema_name: "s",
    input_params: { parameters: [{ name: "x", type_text: "INT", type_name: "INT", position: 0 }] },
    data_type: "INT",
    full_data_type: "INT",
    routine_body: "SQL",
    routine_definition: "x + 1",
    parameter_style: "S",
    is_deterministic: true,
    is_null_call: false,
    security_type: "DEFINER",
    specific_name: "plus1",
    sql_data_access: "CONTAINS_SQL",
  };
  const f = await w.functions.create({ function_info: info });
  equal(f.full_name, "js_cat.s.plus1", "full_name");
  const r = await run("SELECT js_cat.s.plus1(41) AS n");
  equal(r.result.data_array, [["42"]], "called");
  await refused(400, "INVALID_PARAMETER_VALUE", () =>
    w.functions.create({
      function_info: {
        ...info,
        name: "bad",
        input_params: { parameters: [{ name: "x", type_text: "INT) RETURN 0 --", position: 0 }] },
      },
    }),
  );
  const u = await rest("PATCH", "/api/2.1/unity-catalog/functions/js_cat.s.plus1", {
    owner: "fn-owners",
  });
  equal(u.json.owner, "fn-owners", "owner");
});

await check("uc: grants PATCH, get and effective permissions", async () => {
  const p = await rest("PATCH", "/api/2.1/unity-catalog/permissions/table/shop.sales.orders", {
    changes: [{ principal: "analysts", add: ["SELECT"] }],
  });
  equal(p.status, 200, "PATCH status");
  await rest("PATCH", "/api/2.1/unity-catalog/permissions/catalog/shop", {
    changes: [{ principal: "analysts", add: ["USE_CATALOG"] }],
  });
  const g = await w.grants.get({ securable_type: "table", full_name: "shop.sales.orders" });
  const analysts = g.privilege_assignments.find((a) => a.principal === "analysts");
  equal(analysts.privileges, ["SELECT"], "direct grants");
  const e = await w.grants.getEffective({
    securable_type: "table",
    full_name: "shop.sales.orders",
    principal: "analysts",
  });
  const inherited = e.privilege_assignments[0].privileges.find(
    (x) => x.privilege === "USE_CATALOG",
  );
  equal([inherited?.inherited_from_type, inherited?.inherited_from_name], ["CATALOG", "shop"], "inherited");
  const bad = await rest("PATCH", "/api/2.1/unity-catalog/permissions/table/shop.sales.orders", {
    changes: [{ principal: "analysts", add: ["NOT_A_PRIVILEGE"] }],
  });
  equal(bad.status, 400, "bad privilege");
});

await check("uc: the SDK's own update calls (sent without a body) change nothing", async () => {
  const g = await w.grants.update({
    securable_type: "table",
    full_name: "shop.sales.orders",
    changes: [{ principal: "nobody", add: ["MODIFY"] }],
  });
  assert(!g.privilege_assignments.some((a) => a.principal === "nobody"), JSON.stringify(g));
  const t = await w.tables.update({ full_name: "shop.sales.orders", owner: "ignored" });
  equal((await w.tables.get({ full_name: "shop.sales.orders" })).owner !== "ignored", true, "owner");
  equal(t, {}, "tables.update answer as the SDK reads it");
});

await check("uc: entity tag assignments create, list, update, delete", async () => {
  const a = await w.entityTagAssignments.create({
    tag_assignment: {
      entity_type: "tables",
      entity_name: "shop.sales.orders",
      tag_key: "pii",
      tag_value: "no",
    },
  });
  equal(a.tag_value, "no", "created");
  await w.entityTagAssignments.create({
    tag_assignment: {
      entity_type: "columns",
      entity_name: "shop.sales.orders.note",
      tag_key: "pii",
      tag_value: "yes",
    },
  });
  const listed = await collect(
    w.entityTagAssignments.list({ entity_type: "tables", entity_name: "shop.sales.orders" }),
  );
  equal(
    listed.map((t) => [t.tag_key, t.tag_value]),
    [["pii", "no"]],
    "table tags",
  );
  const u = await rest(
    "PATCH",
    "/api/2.1/unity-catalog/entity-tag-assignments/tables/shop.sales.orders/tags/pii?update_mask=tag_value",
    { tag_value: "maybe" },
  );
  equal(u.json.tag_value, "maybe", "updated");
  const got = await w.entityTagAssignments.get({
    entity_type: "columns",
    entity_name: "shop.sales.orders.note",
    tag_key: "pii",
  });
  equal(got.tag_value, "yes", "column tag");
  await w.entityTagAssignments.delete({
    entity_type: "tables",
    entity_name: "shop.sales.orders",
    tag_key: "pii",
  });
  await refused(404, "RESOURCE_DOES_NOT_EXIST", () =>
    w.entityTagAssignments.get({
      entity_type: "tables",
      entity_name: "shop.sales.orders",
      tag_key: "pii",
    }),
  );
  await refused(400, "INVALID_PARAMETER_VALUE", () =>
    w.entityTagAssignments.create({
      tag_assignment: { entity_type: "clusters", entity_name: "x", tag_key: "k" },
    }),
  );
});

await check("uc: tables update owner, refuse comment, delete view and table", async () => {
  const u = await rest("PATCH", "/api/2.1/unity-catalog/tables/shop.sales.orders", {
    owner: "table-owners",
  });
  equal([u.status, u.json], [200, {}], "PATCH answer");
  equal((await w.tables.get({ full_name: "shop.sales.orders" })).owner, "table-owners", "owner");
  const c = await rest("PATCH", "/api/2.1/unity-catalog/tables/shop.sales.orders", {
    comment: "x",
  });
  equal(c.status, 400, "comment through the Tables API");
  await w.tables.delete({ full_name: "shop.sales.big_orders" });
  equal(
    (await w.tables.exists({ full_name: "shop.sales.big_orders" })).table_exists,
    false,
    "view deleted",
  );
  await refused(404, "TABLE_DOES_NOT_EXIST", () =>
    w.tables.delete({ full_name: "shop.sales.big_orders" }),
  );
});

await check("uc: deletes refuse what is not empty and take force", async () => {
  await refused(400, "INVALID_STATE", () => w.schemas.delete({ full_name: "js_cat.s" }));
  await refused(400, "INVALID_STATE", () => w.catalogs.delete({ name: "js_cat" }));
  await w.functions.delete({ name: "js_cat.s.plus1" });
  await refused(404, "FUNCTION_DOES_NOT_EXIST", () => w.functions.get({ name: "js_cat.s.plus1" }));
  await w.volumes.delete({ name: "js_cat.s.files" });
  await refused(404, "VOLUME_DOES_NOT_EXIST", () => w.volumes.read({ name: "js_cat.s.files" }));
  await w.catalogs.delete({ name: "js_cat", force: true });
  await refused(404, "CATALOG_DOES_NOT_EXIST", () => w.catalogs.get({ name: "js_cat" }));
});

await check("uc: APIs the emulator does not serve answer 501", async () => {
  await refused(501, "NOT_IMPLEMENTED", () =>
    w.externalLocations.create({ name: "l", url: "s3://b/p", credential_name: "c" }),
  );
});

// --- 3. Statement Execution ---------------------------------------------------------------

await check("sql: synchronous INLINE rows with a typed manifest", async () => {
  const r = await run("SELECT id, amount, placed, note FROM shop.sales.orders ORDER BY id");
  equal(r.status.state, "SUCCEEDED", "state");
  equal(
    r.manifest.schema.columns.map((c) => c.type_name),
    ["LONG", "DECIMAL", "DATE", "STRING"],
    "types",
  );
  equal(r.result.data_array[0], ["1", "9.99", "2024-01-01", "first"], "first row");
  equal(r.result.data_array[1][3], null, "a NULL");
});

await check("sql: named parameters", async () => {
  const r = await run("SELECT :n + 1 AS n, :s AS s", {
    parameters: [
      { name: "n", value: "41", type: "INT" },
      { name: "s", value: "it's" },
    ],
  });
  equal(r.result.data_array, [["42", "it's"]], "rows");
});

await check("sql: a failure carries the Spark error class", async () => {
  const r = await run("SELECT * FROM shop.sales.missing");
  equal(r.status.state, "FAILED", "state");
  assert(/TABLE_OR_VIEW_NOT_FOUND/.test(r.status.error.message), r.status.error.message);
});

await check("sql: result chunks by index", async () => {
  const r = await run("SELECT id FROM shop.sales.orders ORDER BY id");
  equal(r.manifest.total_chunk_count, 2, "chunks");
  equal(r.result.next_chunk_index, 1, "next_chunk_index");
  const c = await w.statementExecution.getStatementResultChunkN({
    statement_id: r.statement_id,
    chunk_index: 1,
  });
  equal([c.row_offset, c.data_array], [2, [["3"]]], "chunk 1");
});

await check("sql: asynchronous with wait_timeout 0s, then polling", async () => {
  const r = await run("SELECT count(*) AS n FROM shop.sales.orders", { wait_timeout: "0s" });
  assert(["PENDING", "RUNNING", "SUCCEEDED"].includes(r.status.state), r.status.state);
  const done = await poll(r.statement_id);
  equal(done.result.data_array, [["3"]], "rows");
});

await check("sql: row_limit and byte_limit truncate", async () => {
  const rows = await run("SELECT id FROM shop.sales.orders", { row_limit: 1 });
  equal([rows.manifest.total_row_count, rows.manifest.truncated], [1, true], "row_limit");
  const bytes = await run("SELECT id FROM shop.sales.orders", { byte_limit: 10 });
  equal(bytes.manifest.truncated, true, "byte_limit");
});

async function download(link, extraHeaders = {}) {
  return fetch(link.external_link, { headers: { ...link.http_headers, ...extraHeaders } });
}

await check("sql: EXTERNAL_LINKS JSON_ARRAY, fetched without the token", async () => {
  const r = await run("SELECT id FROM shop.sales.orders ORDER BY id", {
    disposition: "EXTERNAL_LINKS",
  });
  const link = r.result.external_links[0];
  const ok = await download(link);
  equal(await ok.json(), [["1"], ["2"]], "chunk 0");
  equal(ok.status, 200, "status");
  const withToken = await download(link, { Authorization: `Bearer ${token}` });
  equal(withToken.status, 403, "with the Authorization header");
});

await check("sql: EXTERNAL_LINKS CSV, the header in the first chunk only", async () => {
  const r = await run("SELECT id, note FROM shop.sales.orders ORDER BY id", {
    disposition: "EXTERNAL_LINKS",
    format: "CSV",
  });
  equal(r.manifest.format, "CSV", "format");
  equal(await (await download(r.result.external_links[0])).text(), "id,note\n1,first\n2,null\n", "chunk 0");
  const c = await w.statementExecution.getStatementResultChunkN({
    statement_id: r.statement_id,
    chunk_index: 1,
  });
  equal(await (await download(c.external_links[0])).text(), '3,"a,b"\n', "chunk 1");
});

await check("sql: EXTERNAL_LINKS ARROW_STREAM, typed columns Apache Arrow reads", async () => {
  const r = await run("SELECT id, amount, placed, note FROM shop.sales.orders ORDER BY id", {
    disposition: "EXTERNAL_LINKS",
    format: "ARROW_STREAM",
  });
  equal(r.manifest.format, "ARROW_STREAM", "format");
  const response = await download(r.result.external_links[0]);
  const bytes = new Uint8Array(await response.arrayBuffer());
  equal(bytes.length, r.result.external_links[0].byte_count, "byte_count");
  const table = tableFromIPC(bytes);
  equal(
    table.schema.fields.map((f) => `${f.name}:${f.type}`),
    ["id:Int64", "amount:Decimal[10e+2]", "placed:Date32<DAY>", "note:Utf8"],
    "schema",
  );
  equal(table.numRows, 2, "rows of chunk 0");
  const second = table.get(1).toJSON();
  equal([String(second.id), second.placed, second.note], ["2", Date.UTC(2024, 0, 2), null], "row 1");
});

await check("sql: formats a disposition does not take are 400", async () => {
  await refused(400, "INVALID_PARAMETER_VALUE", () => run("SELECT 1", { format: "CSV" }));
  await refused(400, "INVALID_PARAMETER_VALUE", () => run("SELECT 1", { format: "ARROW_STREAM" }));
  await refused(400, "INVALID_PARAMETER_VALUE", () => run("SELECT 1", { wait_timeout: "3s" }));
});

// Last, as it stops the warehouse: statements wait PENDING while it starts again (the
// emulator runs with --warehouse-start-ms 7000), past the 5 s wait_timeout.
await check("sql: cancel, and on_wait_timeout CANCEL and CONTINUE", async () => {
  await w.warehouses.stop({ id: warehouseId });
  const pending = await run("SELECT 3 AS n", { wait_timeout: "0s" });
  equal(pending.status.state, "PENDING", "async on a stopped warehouse");
  await w.statementExecution.cancelExecution({ statement_id: pending.statement_id });
  equal((await poll(pending.statement_id)).status.state, "CANCELED", "cancelled");
  // Stopped again, so the next statements start it afresh: they wait the whole 5 s.
  await w.warehouses.stop({ id: warehouseId });
  const [cancelled, continued] = await Promise.all([
    run("SELECT 1 AS n", { wait_timeout: "5s", on_wait_timeout: "CANCEL" }),
    run("SELECT 2 AS n", { wait_timeout: "5s", on_wait_timeout: "CONTINUE" }),
  ]);
  equal(cancelled.status.state, "CANCELED", "CANCEL");
  equal(continued.status.state, "PENDING", "CONTINUE");
  const done = await poll(continued.statement_id);
  equal([done.status.state, done.result.data_array], ["SUCCEEDED", [["2"]]], "continued");
});

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${passed} passed, ${failed} failed (${seconds} s)`);
process.exit(failed === 0 ? 0 : 1);
