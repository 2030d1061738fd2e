import assert from 'node:assert/strict';
import { TumblingAggregate } from '../../../src/broker/kinesisanalytics/sql/tumbling';
import { pumpSelect, T0, tick } from './pump-fixture';

describe('Kinesis Analytics tumbling windows', () => {
  it('counts per ticker per minute (the developer guide\'s STEP example), emitted when the window closes', () => {
    const window = new TumblingAggregate(
      pumpSelect(`CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
        SELECT STREAM ticker_symbol, COUNT(*) AS ticker_symbol_count
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`),
    );
    for (const row of [tick(1, 'QXZ', 1), tick(5, 'AMZN', 2), tick(30, 'QXZ', 3), tick(59, 'QXZ', 4), tick(61, 'AMZN', 5)]) window.add(row);
    assert.equal(window.nextClose(), T0 + 60_000);
    assert.deepEqual(window.close(T0 + 59_999), [], 'nothing before the window ends');
    assert.deepEqual(window.close(T0 + 60_000), [
      { ROWTIME: new Date(T0 + 60_000), TICKER_SYMBOL: 'QXZ', TICKER_SYMBOL_COUNT: 3 },
      { ROWTIME: new Date(T0 + 60_000), TICKER_SYMBOL: 'AMZN', TICKER_SYMBOL_COUNT: 1 },
    ]);
    assert.equal(window.nextClose(), T0 + 120_000);
    assert.deepEqual(window.close(T0 + 120_000), [{ ROWTIME: new Date(T0 + 120_000), TICKER_SYMBOL: 'AMZN', TICKER_SYMBOL_COUNT: 1 }]);
    assert.equal(window.nextClose(), undefined);
  });

  it('computes SUM, AVG, MIN and MAX over FLOOR(ROWTIME TO MINUTE), with the window start selected', () => {
    const window = new TumblingAggregate(
      pumpSelect(`CREATE PUMP p AS INSERT INTO d
        SELECT STREAM FLOOR(s.ROWTIME TO MINUTE) AS minute_start, ticker_symbol, SUM(price) AS total, AVG(price) AS avg_price,
               MIN(price) AS low, MAX(price) AS high
        FROM "SOURCE_SQL_STREAM_001" AS s
        GROUP BY FLOOR(s.ROWTIME TO MINUTE), ticker_symbol`),
    );
    for (const row of [tick(10, 'QXZ', 2), tick(20, 'QXZ', 6), tick(30, 'QXZ', 4)]) window.add(row);
    assert.deepEqual(window.close(T0 + 60_000), [
      { ROWTIME: new Date(T0 + 60_000), MINUTE_START: new Date(T0), TICKER_SYMBOL: 'QXZ', TOTAL: 12, AVG_PRICE: 4, LOW: 2, HIGH: 6 },
    ]);
  });

  it('keeps only the groups HAVING accepts, and computes expressions over aggregates', () => {
    const window = new TumblingAggregate(
      pumpSelect(`CREATE PUMP p AS INSERT INTO d
        SELECT STREAM ticker_symbol, COUNT(*) * 10 AS score, MAX(price) - MIN(price) AS spread
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND)
        HAVING COUNT(*) >= 2 AND SUM(price) > 5`),
    );
    for (const row of [tick(1, 'QXZ', 1), tick(2, 'QXZ', 7), tick(3, 'AMZN', 9), tick(4, 'ASD', 1), tick(5, 'ASD', 2)]) window.add(row);
    assert.deepEqual(window.close(T0 + 10_000), [{ ROWTIME: new Date(T0 + 10_000), TICKER_SYMBOL: 'QXZ', SCORE: 20, SPREAD: 6 }]);
  });
});
