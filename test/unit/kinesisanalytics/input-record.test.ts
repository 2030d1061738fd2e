import assert from 'node:assert/strict';
import type { SourceSchema } from '../../../src/broker/kinesisanalytics/api';
import { parseRecord } from '../../../src/broker/kinesisanalytics/input-record';

// The stock-ticker schema of AWS's getting-started example (the demo stream's records).
const json: SourceSchema = {
  RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
  RecordColumns: [
    { Name: 'TICKER_SYMBOL', Mapping: '$.TICKER_SYMBOL', SqlType: 'VARCHAR(4)' },
    { Name: 'SECTOR', Mapping: '$.SECTOR', SqlType: 'VARCHAR(16)' },
    { Name: 'CHANGE', Mapping: '$.CHANGE', SqlType: 'REAL' },
    { Name: 'PRICE', Mapping: '$.PRICE', SqlType: 'DECIMAL(5,2)' },
  ],
};
const bytes = (s: string) => Buffer.from(s);

describe('Kinesis Analytics input records', () => {
  it('maps a JSON record to a row by the columns\' paths, with SQL types', () => {
    assert.deepEqual(parseRecord(json, bytes('{"TICKER_SYMBOL":"QXZ","SECTOR":"HEALTHCARE","CHANGE":-0.05,"PRICE":84.51}')), {
      ok: true,
      rows: [{ TICKER_SYMBOL: 'QXZ', SECTOR: 'HEALTHCARE', CHANGE: -0.05, PRICE: 84.51 }],
    });
  });

  it('makes one row per element when RecordRowPath selects an array, and nested mappings', () => {
    const schema: SourceSchema = {
      RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$.events[0:]' } } },
      RecordColumns: [
        { Name: 'page', Mapping: '$.page.url', SqlType: 'VARCHAR(32)' },
        { Name: 'n', Mapping: '$.n', SqlType: 'INTEGER' },
      ],
    };
    assert.deepEqual(parseRecord(schema, bytes('{"events":[{"page":{"url":"/a"},"n":"2"},{"page":{"url":"/b"}}]}')), {
      ok: true,
      rows: [{ page: '/a', n: 2 }, { page: '/b', n: null }],
    });
  });

  it('splits CSV by the row and column delimiters', () => {
    const schema: SourceSchema = {
      RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: '|' } } },
      RecordColumns: [
        { Name: 'SYMBOL', SqlType: 'VARCHAR(4)' },
        { Name: 'UP', SqlType: 'BOOLEAN' },
        { Name: 'AT', SqlType: 'TIMESTAMP' },
      ],
    };
    assert.deepEqual(parseRecord(schema, bytes('AMZN|true|2026-01-01 10:00:00\nQXZ|FALSE|2026-01-01 10:00:01\n')), {
      ok: true,
      rows: [
        { SYMBOL: 'AMZN', UP: true, AT: new Date('2026-01-01T10:00:00Z') },
        { SYMBOL: 'QXZ', UP: false, AT: new Date('2026-01-01T10:00:01Z') },
      ],
    });
  });

  it('refuses records that do not fit, saying why (the error_stream\'s reason)', () => {
    assert.deepEqual(parseRecord(json, bytes('not json')), { ok: false, reason: 'Record is not JSON: not json' });
    assert.deepEqual(parseRecord(json, bytes('{"TICKER_SYMBOL":"TOOLONG","PRICE":1}')), {
      ok: false,
      reason: 'Value "TOOLONG" of column TICKER_SYMBOL is not of type VARCHAR(4)',
    });
    assert.deepEqual(parseRecord(json, bytes('{"TICKER_SYMBOL":"A","PRICE":"cheap"}')), {
      ok: false,
      reason: 'Value "cheap" of column PRICE is not of type DECIMAL(5,2)',
    });
  });
});
