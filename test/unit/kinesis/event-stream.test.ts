import assert from 'node:assert/strict';
import { crc32 } from '../../../src/broker/store/crc32';
import { eventMessage } from '../../../src/server/kinesis/event-stream';

describe('AWS event stream framing', () => {
  it('computes the IEEE CRC-32 the framing requires', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });

  it('frames a message with lengths, string headers, payload and both checksums', () => {
    const payload = Buffer.from('{}');
    const m = eventMessage('initial-response', 'application/json', payload);
    assert.equal(m.readUInt32BE(0), m.length);
    const headersLength = m.readUInt32BE(4);
    assert.equal(m.readUInt32BE(8), crc32(m.subarray(0, 8)));
    assert.equal(m.readUInt32BE(m.length - 4), crc32(m.subarray(0, m.length - 4)));
    assert.deepEqual(m.subarray(12 + headersLength, m.length - 4), payload);
    const headers = m.subarray(12, 12 + headersLength);
    assert.equal(headers.readUInt8(0), ':event-type'.length);
    assert.equal(headers.subarray(1, 12).toString(), ':event-type');
    assert.equal(headers.readUInt8(12), 7, 'string header type');
    assert.equal(headers.subarray(15, 15 + headers.readUInt16BE(13)).toString(), 'initial-response');
  });
});
