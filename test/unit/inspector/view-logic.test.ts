import assert from 'node:assert/strict';
import { checkJson, formatBody, formatBytes } from '../../../webview/logic/body-format';
import { countdown, formatRemaining } from '../../../webview/logic/countdown';
import { matchesAttribute, matchesText } from '../../../src/extension/inspector/message-filter';
import { PageCache } from '../../../webview/logic/page-cache';
import { Throughput } from '../../../webview/logic/throughput';

describe('inspector: view logic', () => {
  describe('countdown', () => {
    it('runs from full to zero over the hidden period and never below', () => {
      assert.deepEqual(countdown(1000, 31000, 1000, 99), { remainingMs: 30000, fraction: 1 });
      assert.deepEqual(countdown(16000, 31000, 1000, 99), { remainingMs: 15000, fraction: 0.5 });
      assert.deepEqual(countdown(40000, 31000, 1000, 99), { remainingMs: 0, fraction: 0 });
    });
    it('falls back to the queue timeout when it did not see the period start', () => {
      assert.equal(countdown(0, 10000, undefined, 20000).fraction, 0.5);
      assert.equal(countdown(0, 60000, undefined, 20000).fraction, 1, 'an extended timeout starts full');
    });
    it('formats seconds, minutes and hours', () => {
      assert.equal(formatRemaining(12345), '12.3 s');
      assert.equal(formatRemaining(245000), '4 min 05 s');
      assert.equal(formatRemaining(43200000), '12 h 00 min');
    });
  });

  describe('search', () => {
    const m = { messageId: 'ID-1', body: '{"Order": 42}', messageGroupId: 'tenant-a', messageAttributes: { Kind: { StringValue: 'Refund' } } };
    it('matches body, id, group and attributes case-insensitively', () => {
      for (const t of ['order', 'id-1', 'TENANT', 'kind', 'refund']) assert.ok(matchesText(m, t), t);
      assert.ok(!matchesText(m, 'missing'));
    });
    it('matches an attribute by name or exact value', () => {
      assert.ok(matchesAttribute(m.messageAttributes, 'Kind'));
      assert.ok(matchesAttribute(m.messageAttributes, 'Kind = Refund'));
      assert.ok(!matchesAttribute(m.messageAttributes, 'Kind=Ref'));
      assert.ok(!matchesAttribute(m.messageAttributes, 'Other'));
      assert.ok(matchesAttribute({ L: { StringListValues: ['x', 'y'] } }, 'L=y'));
    });
  });

  describe('body format', () => {
    it('pretty-prints JSON and leaves anything else as it is', () => {
      assert.deepEqual(formatBody('{"a":[1]}'), { json: true, text: '{\n  "a": [\n    1\n  ]\n}' });
      assert.deepEqual(formatBody('<img src=x onerror=alert(1)>'), { json: false, text: '<img src=x onerror=alert(1)>' });
      assert.deepEqual(formatBody('{broken'), { json: false, text: '{broken' });
    });
    it('says why a body is not JSON', () => {
      assert.equal(checkJson('[1,2]'), undefined);
      assert.match(checkJson('{"a":}')!, /JSON|Unexpected/);
    });
    it('formats sizes', () => {
      assert.equal(formatBytes(900), '900 B');
      assert.equal(formatBytes(262144), '256.0 KiB');
    });
  });

  describe('throughput', () => {
    it('averages events per second over the window and decays to zero', () => {
      const t = new Throughput(5000);
      t.add(1000, { messageSent: 10 });
      t.add(2000, { messageSent: 15, messageReceived: 5 });
      assert.equal(t.perSecond('messageSent', 2000), 5);
      assert.equal(t.perSecond('messageReceived', 2000), 1);
      assert.equal(t.perSecond('messageSent', 6500), 3, 'the first sample left the window');
      assert.equal(t.perSecond('messageSent', 8000), 0);
    });
  });

  describe('page cache', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `row${i}`);
    function source(data: { rows: string[] }) {
      const calls: number[] = [];
      const fetch = async (offset: number, limit: number) => {
        calls.push(offset);
        return { total: data.rows.length, items: data.rows.slice(offset, offset + limit) };
      };
      return { calls, fetch };
    }
    const settle = () => new Promise((r) => setImmediate(r));

    it('loads only the pages in view', async () => {
      const data = { rows: rows(1000) };
      const src = source(data);
      const cache = new PageCache(src.fetch, () => undefined, 100);
      cache.ensure(250, 320);
      await settle();
      assert.deepEqual(src.calls, [200, 300]);
      assert.equal(cache.total, 1000);
      assert.equal(cache.get(250), 'row250');
      assert.equal(cache.get(50), undefined);
    });

    it('keeps showing old rows while a change is refetched, then shows the new ones', async () => {
      const data = { rows: rows(300) };
      const src = source(data);
      const cache = new PageCache(src.fetch, () => undefined, 100);
      cache.ensure(0, 50);
      await settle();
      data.rows = ['new', ...data.rows];
      cache.invalidate();
      assert.equal(cache.get(0), 'row0', 'stale row stays until the refetch lands');
      await settle();
      assert.equal(cache.get(0), 'new');
      assert.equal(cache.total, 301);
    });

    it('ignores answers to a query that was replaced', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let query = 'old';
      const cache = new PageCache(
        async () => {
          const q = query;
          if (q === 'old') await gate;
          return { total: 1, items: [q] };
        },
        () => undefined,
      );
      cache.ensure(0, 10);
      query = 'new';
      cache.reset();
      await settle();
      release();
      await settle();
      assert.equal(cache.get(0), 'new');
    });
  });
});
