import assert from 'node:assert/strict';
import { machineNameFor, readAslDocument } from '../../../src/extension/asl/asl-document';

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('ASL files in the workspace', () => {
  it('accepts a valid machine in JSON and in YAML, and knows where StartAt is', () => {
    const json = '{\n  "Comment": "x",\n  "StartAt": "P",\n  "States": { "P": { "Type": "Pass", "End": true } }\n}\n';
    const a = readAslDocument(json);
    assert.deepEqual(a.problems, []);
    assert.deepEqual(JSON.parse(a.definition!).States.P, { Type: 'Pass', End: true });
    assert.deepEqual(a.startAt, { line: 2, character: 2 });
    const yaml = 'StartAt: P\nStates:\n  P:\n    Type: Pass\n    End: true\n';
    const b = readAslDocument(yaml);
    assert.deepEqual(b.problems, []);
    assert.equal(b.definition, JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }));
  });

  it('places the engine\'s diagnostics on the failing field, with AWS\'s codes and words', () => {
    const text = [
      '{',
      '  "StartAt": "Check",',
      '  "States": {',
      '    "Check": { "Type": "Choice", "Choices": [ { "Variable": "$.a", "NumericEquals": 1, "Next": "Nowhere" } ], "Default": "Done" },',
      '    "Done": { "Type": "Pass" },',
      '    "Odd": { "Type": "Teleport", "End": true }',
      '  }',
      '}',
    ].join('\n');
    const { problems } = readAslDocument(text);
    const byCode = problems.map((p) => [p.code, p.message, p.start.line]);
    assert.deepEqual(byCode, [
      ['MISSING_TRANSITION_TARGET', "Missing 'Next' target: Nowhere", 3],
      ['SCHEMA_VALIDATION_FAILED', 'These fields are required: [Next]', 4],
      ['SCHEMA_VALIDATION_FAILED', 'Value is not a valid state type: Teleport', 5],
    ]);
    const missing = problems[0];
    const line = text.split('\n')[3];
    assert.equal(line.slice(missing.start.character, missing.end.character), '"Nowhere"', 'the value of the failing Next is underlined');
    assert.equal(text.split('\n')[4].slice(problems[1].start.character, problems[1].end.character), '"Done"', 'a missing field: its state\'s name');
  });

  it('reports a syntax error where it is, in YAML and in JSON', () => {
    const yaml = 'StartAt: P\nStates:\n  P: [unclosed\n';
    const y = readAslDocument(yaml);
    assert.equal(y.definition, undefined);
    assert.equal(y.problems[0].code, 'SYNTAX');
    assert.ok(y.problems[0].start.line >= 2);
    const json = '{\n  "StartAt": "P",\n  "States": {\n    "P": { "Type": "Pass" "End": true }\n  }\n}';
    const j = readAslDocument(json);
    assert.equal(j.problems[0].code, 'SYNTAX');
    assert.equal(j.problems[0].start.line, lineOf(json, '"Type": "Pass" "End"'));
  });

  it('names the machine after its file', () => {
    assert.equal(machineNameFor('/w/flows/orders.asl.json'), 'orders');
    assert.equal(machineNameFor('C:\\w\\order flow.asl.yaml'), 'order-flow');
  });
});
