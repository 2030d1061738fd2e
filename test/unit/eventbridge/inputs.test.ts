import assert from 'node:assert/strict';
import { accountQueueArn, makeQueue, newBroker, receiveAll, recordedEntry } from './helpers';

/**
 * Input, InputPath and InputTransformer against the answers recorded in
 * test/fixtures/aws-reference/events/test_events_inputs.snapshot.json: the template, then the SQS body AWS
 * delivered (undefined: nothing delivered). The recorder's "date" stands for the event time.
 */
const nestedDetail = JSON.stringify({
  command: 'update-account',
  payload: { acc_id: '0a787ecb-4015', sf_id: 'baz' },
  listsingle: ['HIGH'],
  listmulti: ['ACTIVE', 'INACTIVE'],
  valid: true,
});
const pathsMap = {
  userId: '$.detail.payload.acc_id',
  payload: '$.detail.payload',
  listsingle: '$.detail.listsingle',
  listmulti: '$.detail.listmulti',
  systemstring: '$.detail.absent',
  valid: '$.detail.valid',
};
const recordedTemplates: [string, string | undefined][] = [
  ['{"method": "PUT", "path": "users-service/users/<userId>", "bod": <payload>}', '{"method": "PUT", "path": "users-service/users/0a787ecb-4015", "bod": {"acc_id":"0a787ecb-4015","sf_id":"baz"}}'],
  ['"Payload of <payload> with path users-service/users/<userId> and <userId>"', '"Payload of {acc_id:0a787ecb-4015,sf_id:baz} with path users-service/users/0a787ecb-4015 and 0a787ecb-4015"'],
  ['{"method": "PUT", "path": "users-service/users/<userId>", "id": <userId>, "body": <payload>}', '{"method": "PUT", "path": "users-service/users/0a787ecb-4015", "id": "0a787ecb-4015", "body": {"acc_id":"0a787ecb-4015","sf_id":"baz"}}'],
  ['{"method": "PUT", "path": "users-service/users/<userId>", "bod": [<userId>, "hardcoded"]}', '{"method": "PUT", "path": "users-service/users/0a787ecb-4015", "bod": ["0a787ecb-4015", "hardcoded"]}'],
  ['"<listsingle> single list item"\n"<listmulti> multiple list items"\n"<systemstring> system account id"\n"<payload> payload"\n"<userId> user id"', '"[HIGH] single list item"\n"[ACTIVE,INACTIVE] multiple list items"\n" system account id"\n"{acc_id:0a787ecb-4015,sf_id:baz} payload"\n"0a787ecb-4015 user id"'],
  ['{"id" : <userId>}', '{"id" : "0a787ecb-4015"}'],
  ['<listsingle> single list item', undefined],
  ['<listmulti> multiple list items', undefined],
  ['"<listsingle> single list item"', '"[HIGH] single list item"'],
  ['"<listmulti> multiple list items"', '"[ACTIVE,INACTIVE] multiple list items"'],
  ['{"singlelistitem": "<listsingle>", "multiplelistitems": "<listmulti>"}', undefined],
  ['{"singlelistitem": "<listsingle>"}', undefined],
  ['{"singlelistitem": <listsingle>}', '{"singlelistitem": ["HIGH"]}'],
  ['{"multi_replacement": "users/<userId>/second/<userId>"}', '{"multi_replacement": "users/0a787ecb-4015/second/0a787ecb-4015"}'],
  ['{"id" : "<userId>"}', '{"id" : "0a787ecb-4015"}'],
  ['"Command is <valid>!"', '"Command is true!"'],
];

async function deliver(target: Record<string, unknown>, entry: Record<string, unknown> = recordedEntry) {
  const ctx = newBroker();
  const { url } = makeQueue(ctx.broker, 'q');
  ctx.ops.PutRule({ Name: 'rule', EventPattern: '{"source":["core.update-account-command"]}' });
  ctx.ops.PutTargets({ Rule: 'rule', Targets: [{ Id: 't', Arn: accountQueueArn('q'), ...target }] });
  const { Entries } = ctx.ops.PutEvents({ Entries: [entry as typeof recordedEntry] });
  const messages = await receiveAll(ctx.broker, url);
  return { body: messages[0]?.Body, eventId: Entries[0].EventId!, ctx };
}

describe('EventBridge target input', () => {
  for (const [template, expected] of recordedTemplates) {
    it(`InputTemplate ${JSON.stringify(template)} (test_input_transformer_nested_keys_replacement)`, async () => {
      const { body, ctx } = await deliver({ InputTransformer: { InputPathsMap: pathsMap, InputTemplate: template } }, { ...recordedEntry, Detail: nestedDetail });
      if (expected === undefined) {
        assert.equal(body, undefined);
        const failed = ctx.events.find((e) => e.type === 'delivery' && e.status === 'failed');
        assert.ok(failed, 'the failure is reported');
      } else {
        // The recorded bodies are compared as JSON where they are JSON, as text otherwise.
        try {
          assert.deepEqual(JSON.parse(body!), JSON.parse(expected));
        } catch (e) {
          if (e instanceof SyntaxError) assert.equal(body, expected);
          else throw e;
        }
      }
    });
  }

  it('fills missing values with "" in strings (test_put_events_with_input_transformer_input_template_string/json)', async () => {
    const transformer = {
      InputPathsMap: { 'detail-type': '$.detail-type', timestamp: '$.time', command: '$.detail.command' },
      InputTemplate: '"Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>"',
    };
    const matchAll = await deliver({ InputTransformer: transformer });
    const time = JSON.parse((await deliver({})).body!).time as string;
    assert.equal(matchAll.body!.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'date'), '"Event of core.update-account-command type, at time date, info extracted from detail update-account"');
    assert.ok(time);
    const notAll = await deliver({ InputTransformer: transformer }, { ...recordedEntry, Detail: '{"other":1}' });
    assert.equal(notAll.body!.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'date'), '"Event of core.update-account-command type, at time date, info extracted from detail "');
    const json = await deliver(
      { InputTransformer: { ...transformer, InputTemplate: '{"detailType": <detail-type>, "time": <timestamp>, "command": "<command>"}' } },
      { ...recordedEntry, Detail: '{"other":1}' },
    );
    assert.deepEqual({ ...JSON.parse(json.body!), time: 'date' }, { detailType: 'core.update-account-command', time: 'date', command: '' });
  });

  it('keeps special starting characters inside a quoted template', async () => {
    const { body } = await deliver({ InputTransformer: { InputPathsMap: { 'detail-type': '$.detail-type' }, InputTemplate: '"{[/Check with special starting characters for event of <detail-type> type"' } });
    assert.equal(body, '"{[/Check with special starting characters for event of core.update-account-command type"');
  });

  it('offers the predefined variables (test_input_transformer_predefined_variables)', async () => {
    const text = await deliver({ InputTransformer: { InputTemplate: '"Message containing all pre defined variables <aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>"' } });
    assert.match(text.body!, /^"Message containing all pre defined variables arn:aws:events:us-east-1:111111111111:rule\/rule rule \d{4}-\d\d-\d\dT[\d:.]+Z"$/);
    const json = await deliver({ InputTransformer: { InputTemplate: '{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}' } });
    const body = JSON.parse(json.body!);
    assert.deepEqual(Object.keys(body.originalEvent), ['id', 'account', 'detailType', 'time', 'source', 'region', 'resources', 'version']);
    assert.equal(body.originalEvent.id, json.eventId);
    assert.equal(body.originalEventJson.id, json.eventId);
    assert.deepEqual(body.originalEventJson.detail, JSON.parse(recordedEntry.Detail));
  });

  it('InputPath selects a part, to any depth (test_put_events_with_input_path*)', async () => {
    assert.deepEqual(JSON.parse((await deliver({ InputPath: '$.detail' })).body!), JSON.parse(recordedEntry.Detail));
    assert.deepEqual(JSON.parse((await deliver({ InputPath: '$.detail.payload' })).body!), { acc_id: '0a787ecb-4015', sf_id: 'baz' });
    assert.equal((await deliver({ InputPath: '$.detail.payload.sf_id' })).body, '"baz"');
  });

  it('Input replaces the event (tests_schedule_rate_custom_input_target_sqs)', async () => {
    assert.deepEqual(JSON.parse((await deliver({ Input: '{"custom-value": "somecustominput"}' })).body!), { 'custom-value': 'somecustominput' });
  });
});
