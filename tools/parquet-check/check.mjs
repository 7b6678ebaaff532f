#!/usr/bin/env node
// Independent Parquet reader for the ccx-pipeline tests and benchmark: DuckDB, not parquet-java.
//
//   node check.mjs FILE [--rows]
//     prints {"file", "rows": N, "columns": [{"name", "type"}], "parquet": [{"name", "physical", "converted",
//     "logical"}], "data": [...]} as one JSON line. "type" is DuckDB's (VARCHAR, TIMESTAMP,
//     BOOLEAN, INTEGER, BIGINT...); "parquet" is the file footer as DuckDB reads it; "data" (only
//     with --rows) has one object per row, values as DuckDB's lossless JSON form (BIGINT as text,
//     TIMESTAMP WITH TIME ZONE as "YYYY-MM-DD HH:MM:SS+00", in UTC).
//
//   node check.mjs --convert IN.jsonl OUT.parquet
//     COPY (SELECT * FROM read_json_auto(IN)) TO OUT (FORMAT parquet, COMPRESSION snappy); prints
//     {"rows": N, "millis": T} where T is the COPY alone (the benchmark's DuckDB baseline).
// TIMESTAMPTZ values print in the process's zone (fixed when the API loads) and the session's:
// make both UTC, whatever the machine's zone, before loading the API.
process.env.TZ = 'UTC';
const { DuckDBInstance } = await import('@duckdb/node-api');

const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

async function describe(connection, file, withRows) {
  const source = `read_parquet(${quote(file)})`;
  const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`))
    .getRowObjectsJson().map((c) => ({ name: c.column_name, type: c.column_type }));
  const count = (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${source}`)).getRowObjectsJson()[0].n;
  // parquet_schema lists the root first (no type); leaves carry the physical type.
  const parquet = (await connection.runAndReadAll(
    `SELECT name, type, converted_type, logical_type FROM parquet_schema(${quote(file)})`))
    .getRowObjectsJson().filter((c) => c.type !== null)
    .map((c) => ({ name: c.name, physical: c.type, converted: c.converted_type, logical: c.logical_type }));
  const out = { file, rows: Number(count), columns, parquet };
  if (withRows) {
    out.data = (await connection.runAndReadAll(`SELECT * FROM ${source}`)).getRowObjectsJson();
  }
  return out;
}

async function convert(connection, input, output) {
  const started = process.hrtime.bigint();
  await connection.run(`COPY (SELECT * FROM read_json_auto(${quote(input)}, format = 'newline_delimited')) `
    + `TO ${quote(output)} (FORMAT parquet, COMPRESSION snappy)`);
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  const count = (await connection.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${quote(output)})`))
    .getRowObjectsJson()[0].n;
  return { rows: Number(count), millis };
}

async function main(args) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  try {
    if (args[0] === '--convert' && args.length === 3) {
      return await convert(connection, args[1], args[2]);
    }
    const files = args.filter((a) => !a.startsWith('--'));
    if (files.length !== 1) {
      throw new Error('usage: check.mjs FILE [--rows] | check.mjs --convert IN.jsonl OUT.parquet');
    }
    return await describe(connection, files[0], args.includes('--rows'));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

try {
  process.stdout.write(JSON.stringify(await main(process.argv.slice(2))) + '\n');
} catch (e) {
  process.stderr.write(`parquet-check: ${e.message}\n`);
  process.exit(1);
}
