import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Broker } from '../../src/broker/broker';
import { FakeClock } from '../../src/broker/clock';
import type { BrokerEvent } from '../../src/broker/events';
import { FsObjectWriter } from '../../src/broker/firehose/fs-object-writer';
import { resolveDefinitionPaths } from '../../src/broker/functions/definitions';

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** Names from configuration or requests cannot make Eventyard write or run files outside their folders. */
describe('path confinement', () => {
  let sandbox: string;
  let buckets: string;
  beforeEach(() => {
    sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-confine-'));
    buckets = path.join(sandbox, 'buckets');
    fs.mkdirSync(buckets);
  });
  afterEach(() => fs.rmSync(sandbox, { recursive: true, force: true }));

  it('the S3 folder refuses bucket names and object keys that climb out, are absolute or hold NUL bytes', async () => {
    const writer = new FsObjectWriter(buckets);
    const attempts: [string, string][] = [
      ['..', 'escape'], ['.', 'escape'], ['a..b', 'escape'], ['ok/..', 'escape'], ['..%2f', 'escape'], ['', 'escape'],
      ['bucket', '../../escape'], ['bucket', '../bucket2/escape'], ['bucket', '/tmp/escape'], ['bucket', 'a/../../escape'],
      ['bucket', '..'], ['bucket', ''], ['bucket', 'nul\u0000byte'], ['bucket', 'a/\u0000/b'],
    ];
    for (const [bucket, key] of attempts) {
      await assert.rejects(writer.put(bucket, key, Buffer.from('x')), `${bucket} / ${JSON.stringify(key)}`);
    }
    await writer.put('bucket', 'a/../b/./c.txt', Buffer.from('inside'));
    assert.deepEqual(filesUnder(sandbox), [path.join('buckets', 'bucket', 'b', 'c.txt')]);
  });

  it('Firehose prefixes with ../ or absolute paths deliver nothing outside the buckets folder, and say why', async () => {
    const events: BrokerEvent[] = [];
    const broker = new Broker({ clock: new FakeClock(), firehose: { bucketsRoot: buckets } });
    broker.events.on((e) => events.push(e));
    try {
      const create = (name: string, Prefix: string, ErrorOutputPrefix: string) =>
        broker.firehose.operations.CreateDeliveryStream({
          DeliveryStreamName: name,
          ExtendedS3DestinationConfiguration: { RoleARN: 'arn:aws:iam::000000000000:role/r', BucketARN: 'arn:aws:s3:::confined', Prefix, ErrorOutputPrefix },
        });
      create('climbs', '../../../escape-', '../../errors-');
      create('absolute', `${sandbox}/absolute-`, '/tmp/eventyard-absolute-errors-');
      create('fine', 'data/', 'errors/');
      for (const name of ['climbs', 'absolute', 'fine']) {
        broker.firehose.operations.PutRecord({ DeliveryStreamName: name, Record: { Data: Buffer.from('record\n') } });
      }
      await broker.firehose.flushAll();
      await broker.firehose.whenIdle();
      const all = filesUnder(sandbox);
      assert.ok(all.every((f) => f.startsWith(`buckets${path.sep}`)), all.join(', '));
      // S3 keeps what it knows of each object beside the buckets, in .s3/.
      const files = all.filter((f) => !f.startsWith(path.join('buckets', '.s3')));
      assert.equal(files.length, 1, files.join(', '));
      assert.match(files[0], new RegExp(`^buckets/confined/data/`));
      const failed = events.filter((e) => e.type === 'deliveryFailed').map((e) => (e as { deliveryStreamName: string; error?: string }));
      assert.deepEqual(failed.map((e) => e.deliveryStreamName).sort(), ['absolute', 'climbs']);
      for (const e of failed) assert.match(e.error ?? '', /does not fit in bucket confined/);
    } finally {
      broker.dispose();
    }
  });

  it('function handler modules must sit inside the folder of the file that declares them', () => {
    const project = path.join(sandbox, 'project');
    fs.mkdirSync(path.join(project, 'handlers'), { recursive: true });
    fs.writeFileSync(path.join(project, 'handlers', 'ok.js'), 'exports.handler = async () => "ok";');
    fs.writeFileSync(path.join(sandbox, 'outside.js'), 'require("fs").writeFileSync(__dirname + "/ran", "x"); exports.handler = async () => 1;');
    const broker = new Broker({ clock: new FakeClock() });
    try {
      const declare = (name: string, module: string) => resolveDefinitionPaths({ name, module }, project);
      const failures = broker.functions.apply([
        declare('inside', 'handlers/ok.js'),
        declare('climbs', '../outside.js'),
        declare('sneaks', 'handlers/../../outside.js'),
        declare('absolute', path.join(sandbox, 'outside.js')),
        declare('nul', 'handlers/ok.js\u0000.txt'),
      ]);
      assert.deepEqual(failures.map((f) => f.name).sort(), ['absolute', 'climbs', 'nul', 'sneaks']);
      for (const f of failures.filter((x) => x.name !== 'nul')) assert.match(f.error, /is outside .*project, the folder of the file that declares it/);
      assert.deepEqual(broker.functions.list().map((f) => f.functionName), ['inside']);
      assert.ok(!fs.existsSync(path.join(sandbox, 'ran')), 'the outside module never ran');
    } finally {
      broker.dispose();
    }
  });
});
