import assert from 'node:assert/strict';
import type { Expr } from '../../../src/broker/kinesisanalytics/sql/ast';
import { evaluate, EvaluationError } from '../../../src/broker/kinesisanalytics/sql/evaluate';
import { parseProgram } from '../../../src/broker/kinesisanalytics/sql/parser';

/** The expression of `SELECT STREAM <expr> FROM s`, parsed by the real grammar. */
function expr(text: string): Expr {
  const [pump] = parseProgram(`CREATE PUMP p AS INSERT INTO d SELECT STREAM ${text} FROM s`);
  if (pump.kind !== 'createPump' || pump.select.items[0].kind !== 'expr') throw new Error('not an expression');
  return pump.select.items[0].expr;
}

const row = { TICKER_SYMBOL: 'QXZ', SECTOR: 'HEALTHCARE', CHANGE: -0.05, PRICE: 84.51, NOTE: null, ROWTIME: new Date('2026-01-01T10:00:42.5Z') };
const run = (text: string) => evaluate(expr(text), row);

describe('Kinesis Analytics SQL expressions', () => {
  it('computes arithmetic, concatenation and the string and numeric functions of the reference', () => {
    assert.equal(run('price * 2 + 1'), 170.02);
    assert.equal(run("ticker_symbol || '-' || LOWER(sector)"), 'QXZ-healthcare');
    assert.equal(run("INITCAP('hello wORLD')"), 'Hello World');
    assert.equal(run('CHAR_LENGTH(sector)'), 10);
    assert.equal(run('ABS(change)'), 0.05);
    assert.equal(run('MOD(7, 3) + POWER(2, 3) + CEIL(1.2)'), 11);
  });

  it("replaces and extracts substrings as the developer guide's string examples do (REGEX_REPLACE, SUBSTRING)", () => {
    assert.equal(run("REGEX_REPLACE('http://www.example.com', 'http', 'https', 1, 0)"), 'https://www.example.com');
    assert.equal(run("REGEX_REPLACE('a1b22c333', '([0-9]+)', '<$1>', 1, 2)"), 'a1b<22>c333', 'only the second occurrence');
    assert.equal(run("REGEX_REPLACE('aaa', 'a', 'b', 2, 0)"), 'abb', 'from the second character');
    assert.equal(run("SUBSTRING('http://www.example.com', 12, 7)"), 'example');
    assert.equal(run("SUBSTRING('ticker', 3)"), 'cker');
    assert.equal(run('SUBSTRING(note, 1, 2)'), null);
    assert.throws(() => run("REGEX_REPLACE('x', '(', 'y', 1, 0)"), EvaluationError);
  });

  it('filters with SQL logic: comparisons, LIKE, BETWEEN, IN, IS NULL, three-valued AND/OR', () => {
    assert.equal(run("sector = 'HEALTHCARE' AND price > 50"), true);
    assert.equal(run("ticker_symbol LIKE 'Q_Z'"), true);
    assert.equal(run("sector NOT LIKE 'TECH%'"), true);
    assert.equal(run('price BETWEEN 80 AND 90'), true);
    assert.equal(run("ticker_symbol IN ('AMZN', 'QXZ')"), true);
    assert.equal(run('note IS NULL AND price IS NOT NULL'), true);
    assert.equal(run('note = 1'), null);
    assert.equal(run('note = 1 OR price > 1'), true);
    assert.equal(run('note = 1 AND price > 1'), null);
    assert.equal(run('note + 1'), null);
  });

  it('evaluates CASE, CAST and the window starts of STEP and FLOOR on ROWTIME', () => {
    assert.equal(run("CASE WHEN change < 0 THEN 'down' ELSE 'up' END"), 'down');
    assert.equal(run("CASE ticker_symbol WHEN 'QXZ' THEN 1 WHEN 'AMZN' THEN 2 END"), 1);
    assert.equal(run('CAST(price AS INTEGER)'), 84);
    assert.equal(run("CAST('12' AS DOUBLE) / 4"), 3);
    assert.deepEqual(run("STEP(s.ROWTIME BY INTERVAL '10' SECOND)"), new Date('2026-01-01T10:00:40Z'));
    assert.deepEqual(run('FLOOR(s.ROWTIME TO MINUTE)'), new Date('2026-01-01T10:00:00Z'));
    assert.equal(run('FLOOR(price)'), 84);
  });

  it('fails a row with a reason on a runtime error', () => {
    assert.throws(() => run('price / 0'), (e: Error) => e instanceof EvaluationError && e.message === 'Division by zero');
    assert.throws(() => run('missing_column'), /Column MISSING_COLUMN is not in the row/);
    assert.throws(() => run("CAST('x' AS INTEGER)"), /is not of type INTEGER/);
  });
});
