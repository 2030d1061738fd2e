import assert from 'node:assert/strict';
import { parseProgram, SqlError } from '../../../src/broker/kinesisanalytics/sql/parser';

// Application code from AWS's "Kinesis Data Analytics for SQL Applications" developer guide examples.
const TUMBLING = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol VARCHAR(4),
    ticker_symbol_count INTEGER);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS
  INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM ticker_symbol, COUNT(*) AS ticker_symbol_count
    FROM "SOURCE_SQL_STREAM_001"
    GROUP BY ticker_symbol,
             STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`;

const SLIDING = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol VARCHAR(4),
    avg_price     DOUBLE);
-- Average price per ticker over the last minute, one row per input row.
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM ticker_symbol,
              AVG(price) OVER W1 AS avg_price
FROM   "SOURCE_SQL_STREAM_001"
WINDOW W1 AS (
        PARTITION BY ticker_symbol
        RANGE INTERVAL '1' MINUTE PRECEDING);`;

const FILTER = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM ticker_symbol, sector, change, price
      FROM   "SOURCE_SQL_STREAM_001"
      WHERE sector SIMILAR_PLACEHOLDER
`;

describe('Kinesis Analytics SQL parser', () => {
  it('parses the tumbling-window example: a stream with typed columns, a pump with COUNT(*) grouped by STEP on ROWTIME', () => {
    const [stream, pump] = parseProgram(TUMBLING);
    assert.deepEqual(stream, {
      kind: 'createStream',
      orReplace: true,
      name: 'DESTINATION_SQL_STREAM',
      columns: [
        { name: 'TICKER_SYMBOL', type: { name: 'VARCHAR', params: [4] } },
        { name: 'TICKER_SYMBOL_COUNT', type: { name: 'INTEGER', params: [] } },
      ],
      at: { line: 1, column: 1 },
    });
    assert.equal(pump.kind, 'createPump');
    if (pump.kind !== 'createPump') return;
    assert.equal(pump.name, 'STREAM_PUMP');
    assert.equal(pump.target, 'DESTINATION_SQL_STREAM');
    assert.equal(pump.select.from.stream, 'SOURCE_SQL_STREAM_001');
    const [symbol, count] = pump.select.items;
    assert.deepEqual(symbol, { kind: 'expr', expr: { kind: 'column', name: 'TICKER_SYMBOL', at: { line: 7, column: 19 } } });
    assert.equal(count.kind === 'expr' && count.alias, 'TICKER_SYMBOL_COUNT');
    assert.equal(count.kind === 'expr' && count.expr.kind === 'call' && count.expr.star, true);
    const step = pump.select.groupBy[1];
    assert.equal(step.kind, 'step');
    if (step.kind !== 'step') return;
    assert.equal(step.ms, 60_000);
    assert.deepEqual(step.arg, { kind: 'column', qualifier: 'SOURCE_SQL_STREAM_001', name: 'ROWTIME', at: { line: 10, column: 19 } });
  });

  it('parses the sliding-window example: a named WINDOW with PARTITION BY and RANGE INTERVAL ... PRECEDING', () => {
    const [, pump] = parseProgram(SLIDING);
    if (pump.kind !== 'createPump') return assert.fail('not a pump');
    const avg = pump.select.items[1];
    assert.ok(avg.kind === 'expr' && avg.expr.kind === 'call');
    assert.equal(avg.expr.kind === 'call' && avg.expr.over, 'W1');
    assert.deepEqual(pump.select.windows.get('W1')?.frame, { kind: 'range', ms: 60_000 });
    assert.equal(pump.select.windows.get('W1')?.partitionBy.length, 1);
  });

  it('parses expressions: arithmetic precedence, CASE, CAST, LIKE, BETWEEN, IN, IS NULL, FLOOR TO MINUTE, ROWS n PRECEDING', () => {
    const [, pump] = parseProgram(`CREATE STREAM s (a DOUBLE, b VARCHAR(8), c TIMESTAMP, d BIGINT);
      CREATE PUMP p AS INSERT INTO s
      SELECT STREAM price * 2 + 1, CASE WHEN x > 1 THEN 'big' ELSE 'small' END, FLOOR(src.ROWTIME TO MINUTE),
             SUM(n) OVER (ROWS 5 PRECEDING)
      FROM "SOURCE_SQL_STREAM_001" AS src
      WHERE CAST(n AS INTEGER) BETWEEN 1 AND 9 AND b LIKE 'A%' AND k NOT IN ('x', 'y') AND m IS NOT NULL`);
    if (pump.kind !== 'createPump') return assert.fail('not a pump');
    const first = pump.select.items[0];
    assert.ok(first.kind === 'expr' && first.expr.kind === 'binary' && first.expr.op === '+', 'multiplication binds tighter than addition');
    const floor = pump.select.items[2];
    assert.ok(floor.kind === 'expr' && floor.expr.kind === 'floor' && floor.expr.unit === 'MINUTE');
    const sum = pump.select.items[3];
    assert.ok(sum.kind === 'expr' && sum.expr.kind === 'call' && typeof sum.expr.over === 'object');
    assert.deepEqual(sum.kind === 'expr' && sum.expr.kind === 'call' && typeof sum.expr.over === 'object' && sum.expr.over.frame, { kind: 'rows', count: 5 });
    assert.equal(pump.select.from.alias, 'SRC');
    assert.equal(pump.select.where?.kind, 'binary');
  });

  it('points at the line and column of a syntax error', () => {
    assert.throws(() => parseProgram(FILTER), (e: SqlError) => {
      assert.ok(e instanceof SqlError);
      assert.equal(e.line, 5);
      assert.equal(e.column, 20);
      assert.match(e.message, /at line 5, column 20$/);
      return true;
    });
    assert.throws(() => parseProgram('CREATE STREAM s (a INTEGER);\nCREATE PUMP p AS INSERT INTO s SELECT a FROM t;'), (e: SqlError) => {
      assert.equal(e.line, 2);
      assert.equal(e.column, 39, 'SELECT must be followed by STREAM');
      return true;
    });
    assert.throws(() => parseProgram('CREATE STREAM s (a INTEGER) # x'), (e: SqlError) => e.line === 1 && e.column === 29 && /Unexpected character '#'/.test(e.message));
    assert.throws(() => parseProgram("CREATE PUMP p AS INSERT INTO s SELECT STREAM a FROM t GROUP BY STEP(t.ROWTIME BY INTERVAL 'x' SECOND)"), /Interval 'x'/);
  });

  it('keeps quoted names as written and upper-cases unquoted ones', () => {
    const [stream] = parseProgram('create or replace stream "MixedCase" (lower_col integer, "Quoted""Col" varchar(2))');
    assert.ok(stream.kind === 'createStream');
    assert.equal(stream.name, 'MixedCase');
    assert.deepEqual(stream.kind === 'createStream' && stream.columns.map((c) => c.name), ['LOWER_COL', 'Quoted"Col']);
  });
});
