import assert from 'node:assert/strict';
import { parseEventFile } from '../../../src/event-files/parse';

describe('event files: parsing with positions', () => {
  it('accepts a file with every kind of step and places each step for the CodeLens', () => {
    const parsed = parseEventFile([
      'seed: 3',
      'steps:',
      '  - name: place',
      '    send: { queue: orders, body: { id: 1 }, repeat: 2 }',
      '  - publish: { topic: t, message: hi }',
      '  - putRecords: { stream: s, data: x }',
      '  - putEvents: { source: shop, detailType: OrderPlaced, detail: { id: 1 } }',
      '  - name: order',
      '    startExecution: { stateMachine: order, input: { total: 1 } }',
      '  - wait: 500ms',
      '  - expect: { message: { queue: orders, within: 2s } }',
      '  - expect: { execution: { arn: "${steps.order.ExecutionArn}", status: FAILED, output: { ok: false } } }',
      '',
    ].join('\n'));
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.file?.steps.length, 8);
    assert.deepEqual(parsed.stepRanges.map((r) => r.start.line), [2, 4, 5, 6, 7, 9, 10, 11]);
  });

  it('reports a schema mistake on its line, in the words the definitions file uses', () => {
    const parsed = parseEventFile('steps:\n  - send: { queue: orders, body: x, delaySeconds: 901 }\n');
    assert.equal(parsed.file, undefined);
    assert.equal(parsed.issues.length, 1);
    assert.equal(parsed.issues[0].range.start.line, 1);
    assert.match(parsed.issues[0].message, /"delaySeconds" must be from 0 to 900/);
  });

  it('refuses a step with two actions, a repeated name and a bad duration, each where it is', () => {
    const parsed = parseEventFile([
      'steps:',
      '  - name: a',
      '    wait: 1s',
      '    send: { queue: q, body: x }',
      '  - name: a',
      '    wait: soon',
      '  - expect: { message: { queue: q }, empty: { queue: d } }',
      '',
    ].join('\n'));
    const byLine = parsed.issues.map((i) => [i.range.start.line, i.message]);
    assert.deepEqual(byLine, [
      [1, 'A step does one thing; this one has send and wait. Split it into 2 steps.'],
      [4, 'Step name "a" is already used by step 1.'],
      [5, '"wait" must be a time such as 500ms, 5s or 2m, or a number of seconds; not "soon".'],
      [6, 'An expectation checks one thing; this one has message and empty. Split it into 2 steps.'],
    ]);
  });

  it('reports broken YAML with its position and still finds no steps to run', () => {
    const parsed = parseEventFile('steps:\n  - send: { queue: q\n');
    assert.equal(parsed.file, undefined);
    assert.ok(parsed.issues.length >= 1);
    assert.equal(parsed.issues[0].range.start.line >= 1, true);
  });

  it('an unknown key names the keys a step may have', () => {
    const parsed = parseEventFile('steps:\n  - sned: { queue: q, body: x }\n');
    assert.equal(parsed.issues[0].range.start.line, 1);
    assert.match(parsed.issues[0].message, /Unknown key "sned"; expected one of name, send, publish/);
  });

  it('refuses an execution expectation without its ARN or with a status executions do not end in', () => {
    const missing = parseEventFile('steps:\n  - expect: { execution: { status: SUCCEEDED } }\n');
    assert.equal(missing.file, undefined);
    assert.match(missing.issues[0].message, /arn/);
    const running = parseEventFile('steps:\n  - expect: { execution: { arn: x, status: RUNNING } }\n');
    assert.equal(running.file, undefined);
    assert.match(running.issues[0].message, /SUCCEEDED/);
  });
});
