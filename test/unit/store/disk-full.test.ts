import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAwsError } from '../../../src/broker/errors';
import { Restartable } from './support';

const haveDevFull = fs.existsSync('/dev/full');

describe('Store: a disk that refuses writes', () => {
  (haveDevFull ? it : it.skip)('answers ServiceUnavailable instead of success, and recovers with a compaction into a fresh journal', async () => {
    const env = new Restartable();
    try {
      const ops = env.broker.sqs.operations;
      const url = ops.CreateQueue({ QueueName: 'q' }).QueueUrl;
      ops.SendMessage({ QueueUrl: url, MessageBody: 'before' });
      await env.durable();
      // The next journal generation is /dev/full: every write to it fails with ENOSPC, as on a full disk.
      fs.symlinkSync('/dev/full', path.join(env.dir, 'journal-0000000001.log'));
      await env.broker.store!.store.compact();

      ops.SendMessage({ QueueUrl: url, MessageBody: 'not kept' });
      await assert.rejects(env.broker.store!.durable()!, (e: unknown) => {
        assert.ok(isAwsError(e));
        assert.equal(e.code, 'ServiceUnavailable');
        assert.equal(e.status, 503);
        assert.match(e.message, /writing Eventyard's data folder failed \(ENOSPC/);
        return true;
      });
      // The failure starts a compaction into a fresh journal (a regular file again): writes work afterwards.
      await env.broker.store!.store.compact();
      env.broker.store!.checkWritable();
      ops.SendMessage({ QueueUrl: url, MessageBody: 'after' });
      await env.durable();

      await env.restart();
      const bodies = env.broker.sqs.peek('q').messages.map((m) => m.body);
      // The snapshot holds what memory held, including the send whose answer was an error: at least once.
      assert.deepEqual(bodies, ['before', 'not kept', 'after']);
      assert.ok(!fs.existsSync(path.join(env.dir, 'journal-0000000001.log')));
    } finally {
      await env.cleanup();
    }
  });
});
