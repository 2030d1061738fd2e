import assert from 'node:assert/strict';
import { parseReplayOptions } from '../../src/cli/replay-options';
import { parseRunOptions } from '../../src/cli/run-options';
import { parseExportOptions, parseImportOptions } from '../../src/cli/transfer-options';
import { UsageError } from '../../src/cli/serve-options';

describe('cli: run and replay options (one parseArgs helper)', () => {
  it('answers help for -h and --help', () => {
    assert.equal(parseRunOptions(['-h']), 'help');
    assert.equal(parseReplayOptions(['--help']), 'help');
  });

  it('reads the options and trims the endpoint\'s slash', () => {
    assert.deepEqual(parseRunOptions(['a.events.yaml', '--endpoint', 'http://127.0.0.1:4566/', '--seed', '7']), {
      files: ['a.events.yaml'], endpoint: 'http://127.0.0.1:4566', config: undefined, junit: undefined, environment: undefined, seed: 7, region: undefined,
    });
    assert.deepEqual(parseReplayOptions(['r.ndjson', '--endpoint', 'http://localhost:9000', '--speed', 'max']), {
      file: 'r.ndjson', endpoint: 'http://localhost:9000', speed: Infinity, transform: undefined, region: undefined,
    });
  });

  it('refuses unknown options and bad endpoints as usage errors', () => {
    assert.throws(() => parseRunOptions(['--bogus', 'a']), (e) => e instanceof UsageError && /Unknown option '--bogus'/.test(e.message));
    assert.throws(() => parseReplayOptions(['--endpoint', 'nope', 'r.ndjson']), (e) => e instanceof UsageError && /--endpoint must be a URL/.test(e.message));
    assert.throws(() => parseRunOptions(['--endpoint', 'ftp://x', 'a']), /--endpoint must be a URL/);
    assert.throws(() => parseReplayOptions([]), /needs one recording file/);
  });
});

describe('cli: export and import options', () => {
  it('reads the resource, format, file and endpoint; the format defaults to NDJSON on export and to the file on import', () => {
    assert.equal(parseExportOptions(['-h']), 'help');
    assert.equal(parseImportOptions(['--help']), 'help');
    assert.deepEqual(parseExportOptions(['queue:orders.fifo', '--format', 'csv', '--out', 'o.csv', '--endpoint', 'http://127.0.0.1:4566/']), {
      target: { kind: 'queue', name: 'orders.fifo' }, format: 'csv', out: 'o.csv', endpoint: 'http://127.0.0.1:4566', region: undefined,
    });
    assert.deepEqual(parseExportOptions(['stream:clicks', '--endpoint', 'http://h:1']), {
      target: { kind: 'stream', name: 'clicks' }, format: 'json', out: undefined, endpoint: 'http://h:1', region: undefined,
    });
    assert.deepEqual(parseImportOptions(['o.csv', '--into', 'arn:aws:sns:us-east-1:000000000000:alerts', '--endpoint', 'http://h:1']), {
      file: 'o.csv', target: { kind: 'topic', name: 'alerts' }, format: undefined, endpoint: 'http://h:1', region: undefined,
    });
  });

  it('says what is missing or wrong as usage errors', () => {
    assert.throws(() => parseExportOptions([]), (e) => e instanceof UsageError && /needs one resource, e\.g\. queue:orders/.test(e.message));
    assert.throws(() => parseExportOptions(['orders']), (e) => e instanceof UsageError && /names no queue, topic or stream/.test(e.message));
    assert.throws(() => parseExportOptions(['queue:q', '--format', 'xml']), (e) => e instanceof UsageError && /--format must be json or csv, not "xml"/.test(e.message));
    assert.throws(() => parseImportOptions(['f.ndjson']), (e) => e instanceof UsageError && /needs --into RESOURCE/.test(e.message));
    assert.throws(() => parseImportOptions(['--into', 'queue:q']), /needs one file/);
  });
});
