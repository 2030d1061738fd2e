import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { localSnapshot } from '../../../src/extension/client/local-client';
import { archiveDescription } from '../../../src/extension/tree/labels';
import { childNodes, rootNodes } from '../../../src/extension/tree/nodes';

const settings = { showEmptyGroups: false, showMessageCounts: true, showClosedShards: true };

describe('the Resources tree: archives', () => {
  it('shows an archive under its bus, after its rules, with what it holds', () => {
    const broker = new Broker();
    try {
      const ops = broker.eventbridge.operations;
      ops.CreateEventBus({ Name: 'shop' });
      ops.CreateArchive({ ArchiveName: 'orders', EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/shop', EventPattern: '{"source":["shop"]}', RetentionDays: 7 });
      ops.PutEvents({ Entries: [{ EventBusName: 'shop', Source: 'shop', DetailType: 'Order', Detail: '{"id":1}' }] });
      const snapshot = localSnapshot(broker, '');
      const [group] = rootNodes(snapshot, settings);
      const shop = childNodes(group, snapshot, settings).find((b) => b.name === 'shop')!;
      const rows = childNodes(shop, snapshot, settings);
      assert.deepEqual(rows.map((r) => [r.kind, r.name]), [['rule', 'Events-Archive-orders'], ['archive', 'orders']]);
      const archive = rows[1];
      assert.equal(archive.kind === 'archive' && archiveDescription(archive.archive), '1 event · 37 B · kept 7 days');
      assert.equal(archiveDescription({ EventCount: 0, SizeBytes: 2048, RetentionDays: 0, State: 'ENABLED' }), '0 events · 2.0 KB · kept indefinitely');
      assert.deepEqual(childNodes(archive, snapshot, settings), []);
    } finally {
      broker.dispose();
    }
  });
});
