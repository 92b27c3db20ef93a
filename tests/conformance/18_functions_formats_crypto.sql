-- Spark's number formats: to_char writes a number by the format, to_number reads one into the
-- format's DECIMAL; try_to_number is NULL for a mismatch.
-- rows: [["12,454.8-", "12,454", "454.00", "$78.12", "454", "  5", "###"]]
SELECT to_char(-12454.8, '99G999D9S'), to_char(12454, '99G999'), to_char(454.00, '000D00'), to_varchar(78.12, '$99.99'), to_varchar(454, '999'), to_char(5, '999'), to_char(1234, '999');
-- rows: [["-12454.8", "454.00", "12454", "78.12", null]]
SELECT to_number('12,454.8-', '99,999.9S'), to_number('454.00', '000.00'), to_number('12,454', '99,999'), to_number('$78.12', '$99.99'), try_to_number('$78.12', '99.99');
-- error: INVALID_FORMAT.MISMATCH_INPUT
SELECT to_number('abc', '999');
-- error: INVALID_FORMAT.UNEXPECTED_TOKEN
SELECT to_char(1, 'X99');
-- to_char of a binary by 'hex', 'base64' or 'utf-8', of a date by a date-time pattern.
-- rows: [["537061726B2053514C", "U3BhcmsgU1FM", "abc", "2016"]]
SELECT to_varchar(x'537061726b2053514c', 'hex'), to_char(x'537061726b2053514c', 'base64'), to_char(encode('abc', 'utf-8'), 'utf-8'), to_char(date'2016-04-08', 'y');
-- AES in Spark's layouts (ECB; CBC and GCM carry their IV first), a bad key named.
-- rows: [["3lmwu+Mw0H3fi5NDvcu9lg==", "Spark SQL", "Spark", "Apache Spark", null, true]]
SELECT base64(aes_encrypt('Spark SQL', '1234567890abcdef', 'ECB', 'PKCS')), CAST(aes_decrypt(unbase64('3lmwu+Mw0H3fi5NDvcu9lg=='), '1234567890abcdef', 'ECB', 'PKCS') AS STRING), CAST(aes_decrypt(unhex('83F16B2AA704794132802D248E6BFD4E380078182D1544813898AC97E709B28A94'), '0000111122223333') AS STRING), CAST(aes_decrypt(unbase64('2NYmDCjgXTbbxGA3/SnJEfFC/JQ7olk2VQWReIAAFKo='), '1234567890abcdef', 'CBC') AS STRING), try_aes_decrypt(x'00', '1234567890abcdef'), CAST(aes_decrypt(aes_encrypt('round trip', 'abcdefghijklmnop12345678ABCDEFGH'), 'abcdefghijklmnop12345678ABCDEFGH') AS STRING) = 'round trip';
-- error: INVALID_PARAMETER_VALUE.AES_KEY_LENGTH
SELECT aes_encrypt('a', 'short');
-- error: INVALID_PARAMETER_VALUE.AES_CRYPTO_ERROR
SELECT aes_decrypt(unhex('83F16B2AA704794132802D248E6BFD4E380078182D1544813898AC97E709B28A94'), '0000111122223334');
-- Spark's bitmaps: positions and buckets of values, set bits, and the three aggregates.
-- rows: [[0, 122, 1, 0, 2, 16]]
SELECT bitmap_bit_position(1), bitmap_bit_position(123), bitmap_bucket_number(123), bitmap_bucket_number(0), bitmap_count(X'1010'), bitmap_count(X'FFFF');
-- rows: [["070000", "700000", "300000", 4096]]
SELECT substring(hex(bitmap_construct_agg(bitmap_bit_position(p))), 0, 6), substring(hex(bitmap_or_agg(b)), 0, 6), substring(hex(bitmap_and_agg(c)), 0, 6), length(bitmap_or_agg(b)) FROM VALUES (1, X'10', X'F0'), (2, X'20', X'70'), (3, X'40', X'30') AS tab(p, b, c);
-- reflect calls the Java methods people call through it; try_reflect is NULL where Java fails.
-- rows: [[null, "a b c", 36, "a+b"]]
SELECT try_reflect('java.net.URLDecoder', 'decode', '%'), reflect('java.net.URLDecoder', 'decode', 'a%20b+c'), length(java_method('java.util.UUID', 'randomUUID')), reflect('java.net.URLEncoder', 'encode', 'a b');
-- error: UNSUPPORTED_FEATURE
SELECT reflect('java.lang.System', 'exit', 0);
-- listagg and string_agg: distinct values in order, WITHIN GROUP's order inside.
-- rows: [["abc", "cbaa", "a-a-b-c", "c,b,a"]]
SELECT listagg(DISTINCT col), listagg(col) WITHIN GROUP (ORDER BY col DESC), string_agg(col, '-') WITHIN GROUP (ORDER BY col), listagg(DISTINCT col, ',') WITHIN GROUP (ORDER BY col DESC) FROM VALUES ('b'), ('a'), ('c'), ('a') AS t(col);
-- json_tuple: a column per key (c0, c1, …), strings unquoted, other values as JSON text, NULL
-- for a missing key and for text that is not a JSON object; also as a LATERAL VIEW.
-- rows: [["1", "x", "{\"d\":[1]}", null]]
SELECT json_tuple('{"a":1, "b":"x", "c":{"d":[1]}}', 'a', 'b', 'c', 'zz');
-- rows: [[1, "1", null], [2, null, null], [3, null, null]]
SELECT id, json_tuple(j, 'a', 'b') FROM VALUES (1, '{"a":1}'), (2, 'nope'), (3, '[1]') AS t(id, j) ORDER BY id;
-- rows: [[1, "1", "2"], [2, null, null]]
SELECT id, x, y FROM VALUES (1, '{"a":1,"b":2}'), (2, 'nope') AS t(id, j) LATERAL VIEW json_tuple(j, 'a', 'b') v AS x, y ORDER BY id;
-- error: WRONG_NUM_ARGS.WITHOUT_SUGGESTION
SELECT json_tuple('{}');
-- The `:` JSON path operator: names ignore case (backticks too), brackets match exactly,
-- indexes count from 0, [*] collects; strings come back as their value, other values as
-- the document's own text; a path item is named after its last field.
CREATE TABLE store_data AS SELECT '{"store":{"fruit":[{"weight":8,"type":"apple"},{"weight":9,"type":"pear"}],"basket":[[1,2,{"b":"y","a":"x"}],[3,4],[5,6]],"bicycle":{ "price":19.95, "color":"red" }},"owner":"amy","zip code":"94025","fb:testid":"1234","gone":null}' AS raw;
-- rows: [["amy", "amy", "amy", null, "94025", "94025", "1234", null, null]]
SELECT raw:owner, raw:OWNER, raw:['owner'], raw:['OWNER'], raw:`zip code`, raw:`Zip Code`, raw:['fb:testid'], raw:gone, raw:nothing.deeper FROM store_data;
-- rows: [["{ \"price\":19.95, \"color\":\"red\" }", "{ \"price\":19.95, \"color\":\"red\" }", "{\"weight\":9,\"type\":\"pear\"}", "apple"]]
SELECT raw:store.bicycle, raw:['store']['bicycle'], raw:store.fruit[1], raw:store.fruit[0].type FROM store_data;
-- rows: [["[\"apple\",\"pear\"]", "[1,3,5]", "[1,2,{\"b\":\"y\",\"a\":\"x\"}]", "[1,2,{\"b\":\"y\",\"a\":\"x\"},3,4,5,6]"]]
SELECT raw:store.fruit[*].type, raw:store.basket[*][0], raw:store.basket[0][*], raw:store.basket[*][*] FROM store_data;
-- rows: [[19.95, 9, "amy"]]
SELECT raw:store.bicycle.price::double, s.raw:store.fruit[0].weight::int + 1, s.raw:owner FROM store_data AS s WHERE s.raw:owner = 'amy';
-- columns: owner, bicycle, price
SELECT raw:owner, raw:store.bicycle, raw:store.bicycle.price::double FROM store_data;
-- error: CAST_INVALID_INPUT
SELECT raw:store.bicycle.price::int FROM store_data;
-- error: AMBIGUOUS_REFERENCE_TO_FIELDS
SELECT j:a FROM VALUES ('{"a":1,"A":2}') AS t(j);
-- rows: [[null, "2"]]
SELECT j:b, j:['A'] FROM VALUES ('{"a":1,"A":2}') AS t(j);
-- CSV: from_csv reads a record into the schema's types (what does not read is NULL; missing
-- fields NULL), to_csv quotes and escapes as Spark's writer, dates and timestamps in the
-- options' patterns or Spark's defaults; schema_of_csv infers from a literal record.
-- rows: [[{"time": "2015-08-26T00:00:00.000Z"}, "26/08/2015", {"a": 1, "b": 0.8}, "STRUCT<_c0: INT, _c1: STRING>", {"_c0": 1, "_c1": "abc"}]]
SELECT from_csv('26/08/2015', 'time Timestamp', map('timestampFormat', 'dd/MM/yyyy')), to_csv(named_struct('time', to_timestamp('2015-08-26', 'yyyy-MM-dd')), map('timestampFormat', 'dd/MM/yyyy')), from_csv('1, 0.8', 'a INT, b DOUBLE'), schema_of_csv('1,abc'), from_csv('1,abc', schema_of_csv('1,abc'));
-- rows: [["\"x,y\",,\"q\\\"t\",1.5,2020-01-02,2020-01-02T03:04:05.000Z,true,12.30"]]
SELECT to_csv(named_struct('a', 'x,y', 'b', NULL, 'c', 'q"t', 'd', 1.5D, 'e', DATE'2020-01-02', 'f', TIMESTAMP'2020-01-02 03:04:05Z', 'g', true, 'h', 12.30));
-- rows: [[{"a": "x", "b": 2, "c": null, "d": "q;r", "e": null}]]
SELECT from_csv('x;2;;"q;r"', 'a STRING, b INT, c STRING, d STRING, e INT', map('sep', ';'));
-- rows: [[{"a": 1, "b": "2020-03-02"}], [{"a": null, "b": null}]]
SELECT from_csv(t, 'a INT, b DATE', map('dateFormat', 'dd/MM/yyyy')) FROM VALUES ('1,02/03/2020'), ('x,bad') AS v(t);
-- error: INVALID_OPTION_VALUE
SELECT from_csv('1', 'a INT', map('quote', 'ab'));
-- error: INVALID_SCHEMA.NON_STRING_LITERAL
SELECT from_csv('1', t) FROM VALUES ('a INT') AS v(t);
-- error: DATATYPE_MISMATCH.NON_FOLDABLE_INPUT
SELECT schema_of_csv(t) FROM VALUES ('1') AS v(t);
-- error: DATATYPE_MISMATCH.UNSUPPORTED_INPUT_TYPE
SELECT to_csv(named_struct('a', array(1)));
