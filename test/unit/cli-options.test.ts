import assert from 'node:assert/strict';
import { parseReplayOptions } from '../../src/cli/replay-options';
import { parseRunOptions } from '../../src/cli/run-options';
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
