import assert from 'node:assert/strict';
import { Broker } from '../../../src/broker/broker';
import { parseDefinitions } from '../../../src/broker/definitions/parse';
import { applyText as apply } from '../support/apply-definitions';


const FILE = `
buses:
  - name: shop
archives:
  - name: shop-orders
    bus: shop
    description: orders for replay
    eventPattern: { source: [shop.orders] }
    retentionDays: 7
  - name: everything
connections:
  - name: partner
    authorizationType: API_KEY
    apiKey: { name: x-api-key, value: '\${env:EVENTYARD_TEST_PARTNER_KEY}' }
  - name: legacy
    description: the old billing system
    authorizationType: BASIC
    basic: { username: shop, password: s3cret }
apiDestinations:
  - name: partner-orders
    connection: partner
    endpoint: https://partner.example/orders
    method: POST
    rateLimitPerSecond: 10
`;

describe('workspace definitions: EventBridge archives, connections and API destinations', () => {
  const saved = process.env.EVENTYARD_TEST_PARTNER_KEY;
  beforeEach(() => {
    process.env.EVENTYARD_TEST_PARTNER_KEY = 'key-from-env';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.EVENTYARD_TEST_PARTNER_KEY;
    else process.env.EVENTYARD_TEST_PARTNER_KEY = saved;
  });

  it('creates them as DescribeArchive, DescribeConnection and DescribeApiDestination answer, a ${env:NAME} secret read from the environment', async () => {
    const broker = new Broker();
    try {
      const { issues, declared } = await apply(broker, FILE);
      assert.deepEqual(issues, []);
      assert.ok(['archive:shop-orders', 'connection:partner', 'apiDestination:partner-orders'].every((k) => declared.has(k)));
      const events = broker.eventbridge.operations;
      const archive = events.DescribeArchive({ ArchiveName: 'shop-orders' });
      assert.deepEqual([archive.EventSourceArn, archive.Description, JSON.parse(archive.EventPattern!), archive.RetentionDays],
        [broker.eventbridge.state.busArn('shop'), 'orders for replay', { source: ['shop.orders'] }, 7]);
      assert.equal(events.DescribeArchive({ ArchiveName: 'everything' }).EventSourceArn, broker.eventbridge.state.busArn('default'));
      const partner = events.DescribeConnection({ Name: 'partner' });
      assert.equal(partner.AuthorizationType, 'API_KEY');
      assert.equal(partner.AuthParameters.ApiKeyAuthParameters?.ApiKeyName, 'x-api-key');
      assert.equal(broker.eventbridge.state.connections.get('partner')?.authParameters.ApiKeyAuthParameters?.ApiKeyValue, 'key-from-env');
      const legacy = events.DescribeConnection({ Name: 'legacy' });
      assert.deepEqual([legacy.AuthorizationType, legacy.Description, legacy.AuthParameters.BasicAuthParameters?.Username], ['BASIC', 'the old billing system', 'shop']);
      const destination = events.DescribeApiDestination({ Name: 'partner-orders' });
      assert.deepEqual([destination.ConnectionArn, destination.InvocationEndpoint, destination.HttpMethod, destination.InvocationRateLimitPerSecond],
        [partner.ConnectionArn, 'https://partner.example/orders', 'POST', 10]);
    } finally {
      broker.dispose();
    }
  });

  it('re-applying an unchanged file changes nothing; a changed one updates in place; what the file drops is deleted', async () => {
    const broker = new Broker();
    try {
      const first = await apply(broker, FILE);
      let changes = 0;
      broker.events.on((e) => {
        if (e.service === 'events') changes++;
      });
      await apply(broker, FILE, first.declared);
      assert.equal(changes, 0, 'nothing changed, nothing was updated');

      const changed = FILE.replace('retentionDays: 7', 'retentionDays: 30').replace('password: s3cret', 'password: n3w').replace('rateLimitPerSecond: 10', 'rateLimitPerSecond: 20');
      const second = await apply(broker, changed, first.declared);
      assert.deepEqual(second.issues, []);
      const events = broker.eventbridge.operations;
      assert.equal(events.DescribeArchive({ ArchiveName: 'shop-orders' }).RetentionDays, 30);
      assert.equal(broker.eventbridge.state.connections.get('legacy')?.authParameters.BasicAuthParameters?.Password, 'n3w');
      assert.equal(events.DescribeApiDestination({ Name: 'partner-orders' }).InvocationRateLimitPerSecond, 20);

      const third = await apply(broker, 'buses:\n  - name: shop\n', second.declared);
      assert.deepEqual(third.issues, []);
      assert.deepEqual(events.ListArchives({}).Archives, []);
      assert.deepEqual(events.ListConnections({}).Connections, []);
      assert.deepEqual(events.ListApiDestinations({}).ApiDestinations, []);
    } finally {
      broker.dispose();
    }
  });

  it('reports a missing environment variable, an unknown connection and AWS\'s refusals on their lines, and keeps going', async () => {
    delete process.env.EVENTYARD_TEST_PARTNER_KEY;
    const broker = new Broker();
    try {
      const text = [
        'archives:',
        '  - name: on-missing-bus',
        '    bus: nowhere',
        '  - name: fine',
        'connections:',
        '  - name: partner',
        '    authorizationType: API_KEY',
        "    apiKey: { name: x-api-key, value: '${env:EVENTYARD_TEST_PARTNER_KEY}' }",
        '  - name: no-parameters',
        '    authorizationType: BASIC',
        'apiDestinations:',
        '  - name: orphan',
        '    connection: partner',
        '    endpoint: https://partner.example/',
        '    method: POST',
      ].join('\n');
      const { located } = await apply(broker, text);
      const byLine = located.map((i) => [i.range.start.line, i.code ?? '', i.message.split('\n')[0]]);
      assert.equal(byLine.length, 4, JSON.stringify(byLine));
      assert.deepEqual(byLine[0].slice(0, 2), [1, 'ResourceNotFoundException']);
      assert.deepEqual(byLine.slice(1), [
        [5, '', 'apiKey.value refers to the environment variable EVENTYARD_TEST_PARTNER_KEY, which is not set.'],
        [8, '', 'A BASIC connection needs basic (username and password).'],
        [11, '', 'No connection named partner: declare it under connections.'],
      ]);
      assert.deepEqual(broker.eventbridge.operations.ListArchives({}).Archives.map((a) => a.ArchiveName), ['fine']);
    } finally {
      broker.dispose();
    }
  });

  it('the schema refuses a connection without an authorization type and an unknown method', () => {
    const { issues } = parseDefinitions('connections:\n  - name: c\napiDestinations:\n  - { name: d, connection: c, endpoint: https://x.example, method: FETCH }\n');
    assert.deepEqual(issues.map((i) => [i.range.start.line, i.message]), [
      [1, '"0" needs "authorizationType".'],
      [3, '"method" must be one of "POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE".'],
    ]);
  });
});
