import assert from 'node:assert/strict';
import { SlidingWindows } from '../../../src/broker/kinesisanalytics/sql/sliding';
import { pumpSelect, tick } from './pump-fixture';

describe('Kinesis Analytics sliding windows', () => {
  it('averages each ticker\'s price over the minute before each row (the developer guide\'s WINDOW W1 example)', () => {
    const windows = new SlidingWindows(
      pumpSelect(`CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ticker_symbol, AVG(price) OVER W1 AS avg_price
        FROM "SOURCE_SQL_STREAM_001"
        WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING);`),
    );
    const out = [tick(0, 'QXZ', 10), tick(10, 'AMZN', 100), tick(30, 'QXZ', 20), tick(70, 'QXZ', 60)].map((r) => windows.add(r));
    assert.deepEqual(out.map((r) => [r.TICKER_SYMBOL, r.AVG_PRICE]), [
      ['QXZ', 10],
      ['AMZN', 100],
      ['QXZ', 15],
      ['QXZ', 40], // the row at 0 s left the minute; 30 s and 70 s remain
    ]);
  });

  it('counts and sums over ROWS n PRECEDING in an inline OVER', () => {
    const windows = new SlidingWindows(
      pumpSelect(`CREATE PUMP p AS INSERT INTO d
        SELECT STREAM price, SUM(price) OVER (ROWS 2 PRECEDING) AS last3, COUNT(*) OVER (ROWS 2 PRECEDING) AS n
        FROM "SOURCE_SQL_STREAM_001"`),
    );
    const out = [1, 2, 3, 4].map((p, i) => windows.add(tick(i, 'X', p)));
    assert.deepEqual(out.map((r) => [r.PRICE, r.LAST3, r.N]), [
      [1, 1, 1],
      [2, 3, 2],
      [3, 6, 3],
      [4, 9, 3],
    ]);
  });
});
