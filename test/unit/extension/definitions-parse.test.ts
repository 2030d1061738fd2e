import assert from 'node:assert/strict';
import { parseDefinitions } from '../../../src/broker/definitions/parse';

describe('workspace definitions: parsing and schema diagnostics', () => {
  it('parses YAML and JSON into definitions', () => {
    const yaml = parseDefinitions('queues:\n  - name: orders\n    visibilityTimeout: 10\n');
    assert.deepEqual(yaml.issues, []);
    assert.deepEqual(yaml.definitions, { queues: [{ name: 'orders', visibilityTimeout: 10 }] });
    const json = parseDefinitions('{"streams": [{"name": "clicks", "shards": 2}]}');
    assert.deepEqual(json.definitions, { streams: [{ name: 'clicks', shards: 2 }] });
  });

  it('an empty file declares nothing', () => {
    assert.deepEqual(parseDefinitions('').definitions, {});
    assert.deepEqual(parseDefinitions('# only a comment\n').definitions, {});
  });

  it('puts a schema mistake on the line and column of the offending value', () => {
    const text = ['queues:', '  - name: orders', '    visibilityTimeout: 50000', '  - name: "bad name!"'].join('\n');
    const parsed = parseDefinitions(text);
    assert.equal(parsed.definitions, undefined);
    assert.equal(parsed.issues.length, 2);
    const [timeout, name] = parsed.issues;
    assert.match(timeout.message, /"visibilityTimeout" must be from 0 to 43200/);
    assert.deepEqual(timeout.range.start, { line: 2, character: 23 });
    assert.deepEqual(timeout.range.end, { line: 2, character: 28 });
    assert.match(name.message, /"name" is not valid: Up to 80 characters/);
    assert.equal(name.range.start.line, 3);
  });

  it('names an unknown key and the keys it could have meant, on the key', () => {
    const parsed = parseDefinitions('queues:\n  - name: orders\n    visibility: 10\n');
    assert.equal(parsed.issues.length, 1);
    assert.match(parsed.issues[0].message, /Unknown key "visibility"; expected one of name, fifo, .*visibilityTimeout/);
    assert.equal(parsed.issues[0].range.start.line, 2);
  });

  it('reports a missing required key and a wrong type', () => {
    const parsed = parseDefinitions('topics:\n  - subscriptions: yes\n');
    const messages = parsed.issues.map((i) => i.message);
    assert.ok(messages.some((m) => /needs "name"/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /"subscriptions" must be a list, not string "yes"/.test(m)), messages.join('\n'));
  });

  it('reports YAML syntax errors where they are instead of throwing', () => {
    const parsed = parseDefinitions('queues:\n  - name: orders\n   bad: [unclosed\n');
    assert.equal(parsed.definitions, undefined);
    assert.ok(parsed.issues.length > 0);
    assert.ok(parsed.issues[0].range.start.line >= 1, JSON.stringify(parsed.issues[0].range));
  });

  it('locates provisioning errors by path, falling back to the enclosing node', () => {
    const parsed = parseDefinitions('queues:\n  - name: a\n  - name: b\n    deadLetter:\n      queue: missing\n      maxReceiveCount: 3\n');
    assert.equal(parsed.locate({ path: ['queues', 1, 'deadLetter', 'queue'], message: 'x' }).range.start.line, 4);
    assert.equal(parsed.locate({ path: ['queues', 1, 'nothing'], message: 'x' }).range.start.line, 2);
  });
});
