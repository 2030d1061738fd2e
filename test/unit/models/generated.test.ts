import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('generated service models', () => {
  it('src/server/models/*.json are what scripts/generate-models.mjs writes from the installed SDK schemas', function () {
    this.timeout(60_000); // loads four SDK clients
    const root = path.resolve(__dirname, '../../..');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/generate-models.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr || r.stdout);
  });
});

describe('the Kinesis Analytics model', () => {
  it('src/server/models/kinesisanalytics.json is what scripts/generate-kinesisanalytics-model.mjs writes from the client declarations', function () {
    this.timeout(60_000);
    const root = path.resolve(__dirname, '../../..');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/generate-kinesisanalytics-model.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr || r.stdout);
  });
});
