import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { localClient } from '../../../src/extension/client/local-client';
import { envelopeOf, eventFields, eventForMatching, parseEvents, patternFromFields, testPattern } from '../../../src/extension/commands/event-json';

const identity = { accountId: '000000000000', region: 'us-east-1' };
const placed = { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: { orderId: 'o-1', total: 42.5, items: ['book', 'pen'], customer: { tier: 'gold' } } };

describe('EventBridge commands: event JSON', () => {
  it('reads a PutEvents entry, an envelope as targets receive it, and arrays of up to 10', () => {
    assert.deepEqual(parseEvents(JSON.stringify(placed)), [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(placed.Detail) }]);
    const envelope = { version: '0', id: 'x', 'detail-type': 'OrderPlaced', source: 'shop.orders', time: '2026-01-01T00:00:00Z', resources: ['arn:r'], detail: { a: 1 } };
    assert.deepEqual(parseEvents(JSON.stringify(envelope)), [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"a":1}', Resources: ['arn:r'] }]);
    assert.equal(parseEvents(JSON.stringify([placed, placed])).length, 2);
    assert.deepEqual(parseEvents('{"Source":"s","DetailType":"t","Detail":"{\\"k\\":1}","EventBusName":"shop"}'), [{ Source: 's', DetailType: 't', Detail: '{"k":1}', EventBusName: 'shop' }]);
  });

  it('says in a sentence what is wrong with an event', () => {
    assert.throws(() => parseEvents('{'), /^Error: The event is not JSON/);
    assert.throws(() => parseEvents('{"DetailType":"t","Detail":{}}'), /The event has no "Source" string\./);
    assert.throws(() => parseEvents('{"source":"s","detail-type":"t"}'), /The event has no "detail" object\./);
    assert.throws(() => parseEvents(JSON.stringify([placed, { Source: 's' }])), /Event 2 has no "DetailType" string\./);
    assert.throws(() => parseEvents(JSON.stringify(Array(11).fill(placed))), /at most 10 events at once; this holds 11/);
  });

  it('lists an event\'s fields and makes a pattern of the chosen ones, nested as the event nests them', () => {
    const event = envelopeOf(parseEvents(JSON.stringify(placed))[0], identity);
    const fields = eventFields(event as unknown as Record<string, unknown>);
    assert.deepEqual(fields.map((f) => f.path), ['detail-type', 'source', 'account', 'region', 'detail.orderId', 'detail.total', 'detail.items', 'detail.customer.tier'],
      'id, time and version are left out: they differ for every event');
    const chosen = fields.filter((f) => ['source', 'detail-type', 'detail.customer.tier', 'detail.items'].includes(f.path));
    const pattern = patternFromFields(chosen);
    assert.deepEqual(pattern, { 'detail-type': ['OrderPlaced'], source: ['shop.orders'], detail: { items: ['book', 'pen'], customer: { tier: ['gold'] } } });
    assert.equal(testPattern(JSON.stringify(pattern), event).matched, true, 'the event matches the pattern made from it');
    assert.throws(() => patternFromFields([]), /Choose at least one field/);
  });

  it('tests a pattern: matched, or the first field that failed and the event\'s value there', () => {
    const event = eventForMatching(JSON.stringify(placed), identity);
    assert.deepEqual(testPattern('{"source":["shop.orders"]}', event), { matched: true });
    assert.deepEqual(testPattern('{"source":["shop.orders"],"detail":{"customer":{"tier":["silver"]}}}', event), {
      matched: false, path: 'detail.customer.tier', seen: ['gold'], text: 'detail.customer.tier: "gold" does not match ["silver"]',
    });
    const missing = testPattern('{"detail":{"coupon":[{"exists":true}]}}', event);
    assert.equal(missing.matched === false && missing.text, 'detail.coupon: the event has no such field; the pattern wants [{"exists":true}]');
    assert.throws(() => testPattern('{"source":"shop"}', event), { code: 'InvalidEventPatternException', message: /^Event pattern is not valid\. Reason: "source" must be an object or an array/ },
      'a pattern AWS refuses is refused with AWS\'s words');
  });

  it('keeps an envelope with its id and time as it is', () => {
    const envelope = { version: '0', id: 'e-1', 'detail-type': 'T', source: 's', account: '1', time: '2026-01-01T00:00:00Z', region: 'r', resources: [], detail: {} };
    assert.deepEqual(eventForMatching(JSON.stringify(envelope), identity), envelope);
  });

  it('the editor\'s reset deletes every rule with its targets and every bus but the default', async () => {
    const broker = new Broker();
    try {
      const ops = broker.eventbridge.operations;
      ops.CreateEventBus({ Name: 'shop' });
      ops.PutRule({ Name: 'r', EventBusName: 'shop', EventPattern: '{"source":["s"]}' });
      ops.PutTargets({ Rule: 'r', EventBusName: 'shop', Targets: [{ Id: 'q', Arn: broker.sqs.queueArn('q') }] });
      ops.PutRule({ Name: 'tick', ScheduleExpression: 'rate(1 minute)' });
      const deleted: string[] = [];
      broker.events.on((e) => {
        if (e.service === 'events' && (e.type === 'ruleDeleted' || e.type === 'busDeleted')) deleted.push(e.type);
      });
      await localClient(broker, '').reset();
      assert.deepEqual(broker.eventbridge.listBusSummaries().map((b) => [b.name, b.rules.length]), [['default', 0]]);
      assert.deepEqual(deleted.sort(), ['busDeleted', 'ruleDeleted', 'ruleDeleted'], 'each deletion is an event the tree and the data folder follow');
    } finally {
      broker.dispose();
    }
  });
});
