import assert from 'node:assert/strict';
import { compileEventPattern } from '../../../src/broker/eventbridge/pattern-compile';
import { explainMatch } from '../../../src/broker/eventbridge/pattern-match';
import { recordedPatternErrors } from './recorded-pattern-errors';

const envelope = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
};
const ev = (detail: unknown, extra: Record<string, unknown> = {}) => ({ ...envelope, ...extra, detail });
const match = (pattern: unknown, event: unknown) => explainMatch(compileEventPattern(JSON.stringify(pattern)), event).matched;

/**
 * Examples of the EventBridge user guide (eb-event-patterns*.html, content-filtering-with-event-patterns.html,
 * eb-event-patterns-arrays.html, eb-event-patterns-null-values.html): [what, pattern, event, matches].
 */
const documented: [string, unknown, unknown, boolean][] = [
  ['exact values on the envelope and in detail', { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } }, ev({ state: 'terminated' }), true],
  ['exact value differs', { source: ['aws.ec2'], detail: { state: ['terminated'] } }, ev({ state: 'running' }), false],
  ['any value of the list', { detail: { state: ['stopping', 'terminated'] } }, ev({ state: 'terminated' }), true],
  ['a field the event lacks', { detail: { state: ['terminated'] } }, ev({ 'instance-id': 'i-1' }), false],
  ['matching is case-sensitive', { source: ['AWS.EC2'] }, ev({}), false],
  ['keys are case-sensitive', { Source: ['aws.ec2'] }, ev({}), false],
  ['event array intersects pattern array', { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f'] },
    ev({}, { resources: ['arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }), true],
  ['event array without a common element', { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }, ev({}, { resources: ['arn:other'] }), false],
  ['empty string', { detail: { eventVersion: [''] } }, ev({ eventVersion: '', responseElements: null }), true],
  ['null', { detail: { responseElements: [null] } }, ev({ eventVersion: '', responseElements: null }), true],
  ['null does not match a missing field', { detail: { responseElements: [null] } }, ev({ eventVersion: '' }), false],
  ['an empty array does not match null', { resources: [null] }, ev({}, { resources: [] }), false],
  ['prefix', { time: [{ prefix: '2017-12-22' }] }, ev({}), true],
  ['prefix misses', { time: [{ prefix: '2017-10-02' }] }, ev({}), false],
  ['prefix with equals-ignore-case', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, ev({ service: 'eventbridge' }), true],
  ['suffix', { FileName: [{ suffix: '.png' }] }, ev({}, { FileName: 'image.png' }), true],
  ['suffix misses', { FileName: [{ suffix: '.png' }] }, ev({}, { FileName: 'image.PNG' }), false],
  ['suffix with equals-ignore-case', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, ev({ FileName: 'IMAGE.PNG' }), true],
  ['anything-but a string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ev({ state: 'running' }), true],
  ['anything-but excludes its value', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ev({ state: 'initializing' }), false],
  ['anything-but matches null', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ev({ state: null }), true],
  ['anything-but needs the field', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ev({}), false],
  ['anything-but a number', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, ev({ 'x-limit': 456 }), true],
  ['anything-but a number excludes it', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, ev({ 'x-limit': 123 }), false],
  ['anything-but a list of strings', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, ev({ state: 'overloaded' }), false],
  ['anything-but a list of numbers', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, ev({ 'x-limit': 150 }), true],
  ['anything-but prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, ev({ state: 'initializing' }), false],
  ['anything-but prefix list', { detail: { state: [{ 'anything-but': { prefix: ['init', 'test'] } }] } }, ev({ state: 'post-init' }), true],
  ['anything-but suffix', { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } }, ev({ FileName: 'notes.txt' }), false],
  ['anything-but suffix other', { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } }, ev({ FileName: 'image.png' }), true],
  ['anything-but wildcard', { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, ev({ FilePath: '/usr/lib/x' }), false],
  ['anything-but wildcard other', { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, ev({ FilePath: '/usr/bin/x' }), true],
  ['anything-but equals-ignore-case', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } }, ev({ state: 'STOPPED' }), false],
  ['anything-but equals-ignore-case other', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] } }, ev({ state: 'running' }), true],
  ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, ev({ 'c-count': 5 }), true],
  ['numeric range excludes its bottom', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, ev({ 'c-count': 0 }), false],
  ['numeric less than', { detail: { 'd-count': [{ numeric: ['<', 10] }] } }, ev({ 'd-count': 9.5 }), true],
  ['numeric equals', { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, ev({ 'x-limit': 301.8 }), true],
  ['numeric int against float', { number: [{ numeric: ['>', 100] }] }, ev({}, { number: 101.0 }), true],
  ['numeric does not match strings', { detail: { 'c-count': [{ numeric: ['>', 0] }] } }, ev({ 'c-count': '5' }), false],
  ['numeric does not match null', { detail: { 'c-count': [{ numeric: ['>', 0] }] } }, ev({ 'c-count': null }), false],
  ['cidr IPv4', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, ev({ sourceIPAddress: '10.0.0.255' }), true],
  ['cidr IPv4 outside', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, ev({ sourceIPAddress: '10.0.1.1' }), false],
  ['cidr IPv6', { detail: { sourceIPAddress: [{ cidr: '2001:db8:1234:1a00::/64' }] } }, ev({ sourceIPAddress: '2001:db8:1234:1a00::1' }), true],
  ['exists true', { detail: { state: [{ exists: true }] } }, ev({ state: 'running' }), true],
  ['exists true on a missing field', { detail: { state: [{ exists: true }] } }, ev({}), false],
  ['exists false', { detail: { state: [{ exists: false }] } }, ev({}), true],
  ['exists false on a present field', { detail: { state: [{ exists: false }] } }, ev({ state: 'running' }), false],
  ['exists only works on leaves', { detail: { state: [{ exists: true }] } }, ev({ state: { code: 16 } }), false],
  ['exists true on null', { detail: { responseElements: [{ exists: true }] } }, ev({ responseElements: null }), true],
  ['exists true on an empty array', { resources: [{ exists: true }] }, ev({}, { resources: [] }), false],
  ['equals-ignore-case', { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] }, ev({}), true],
  ['equals-ignore-case with an empty string', { detail: { value: [{ 'equals-ignore-case': '' }] } }, ev({ value: '' }), true],
  ['wildcard', { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, ev({}, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus' }), true],
  ['wildcard in the middle', { FileName: [{ wildcard: '/Users/*/doc.txt' }] }, ev({}, { FileName: '/Users/ls_user/dir/dir/doc.txt' }), true],
  ['wildcard misses', { FileName: [{ wildcard: '/Users/*/doc.txt' }] }, ev({}, { FileName: '/Users/ls_user/doc.pdf' }), false],
  ['wildcard with an escaped star', { FileName: [{ wildcard: 'a\\*b*' }] }, ev({}, { FileName: 'a*bc' }), true],
  ['wildcard escaped star is literal', { FileName: [{ wildcard: 'a\\*b*' }] }, ev({}, { FileName: 'axbc' }), false],
  ['booleans', { detail: { enabled: [true] } }, ev({ enabled: true }), true],
  ['a boolean is not its string', { detail: { enabled: ['true'] } }, ev({ enabled: true }), false],
  ['a number is not its string', { detail: { count: ['5'] } }, ev({ count: 5 }), false],
  ['dotted names in the pattern', { detail: { 'state.status': ['running'] } }, ev({ state: { status: 'running' } }), true],
  ['dotted names in the event', { detail: { state: { status: ['running'] } } }, ev({ 'state.status': 'running' }), true],
  ['several operators on one field (or)', { detail: { 'c-count': [{ numeric: ['>', 100] }, { 'anything-but': 50 }, 3] } }, ev({ 'c-count': 3 }), true],
  ['$or', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } }, ev({ 'x-limit': 301.8 }), true],
  ['$or none', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }] } }, ev({ 'c-count': 10, 'd-count': 20 }), false],
  ['$or at the top level', { source: ['aws.ec2'], $or: [{ 'detail-type': ['nope'] }, { detail: { state: ['running'] } }] }, ev({ state: 'running' }), true],
  ['$or with exists', { detail: { $or: [{ a: [{ exists: true }] }, { b: [{ exists: true }] }] } }, ev({ b: 1 }), true],
  ['fields within one element of an array', { detail: { items: { id: [1], name: ['b'] } } }, ev({ items: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }] }), false],
  ['fields within one element of an array, matching', { detail: { items: { id: [2], name: ['b'] } } }, ev({ items: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }] }), true],
  ['complex: several conditions together', {
    resources: [{ prefix: 'arn:aws:ec2:us-west-1' }],
    detail: { state: [{ 'anything-but': ['pending', 'stopping'] }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }], sourceIPAddress: [{ cidr: '10.0.0.0/8' }] },
  }, ev({ state: 'running', 'c-count': 2, sourceIPAddress: '10.1.2.3' }), true],
];

/**
 * Edge cases run against AWS by the LocalStack project (tests/aws/services/events/event_pattern_templates,
 * each with its entry in test_events_patterns.snapshot.json; *_NEG means no match): [template, pattern, event, matches].
 */
const recordedEdges: [string, unknown, unknown, boolean][] = [
  ['or-exists-parent', { dynamodb: { NewImage: { homemade: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } } } }, ev({}, { dynamodb: { NewImage: { purchased: { N: '789' } } } }), true],
  ['exists_dynamodb_NEG', { dynamodb: { presentKey: [{ exists: true }] } }, ev({}, { dynamodb: { id: { S: 'test1234' }, presentKey: { S: 'test123' } } }), false],
  ['nested_json_NEG', { detail: { 'my-key': ['my-value'] } }, ev('{"my-key": "my-value"}'), false],
  ['list_within_dict', { detail: { automations: { id: [{ exists: true }] } } }, ev({ automations: [{ key1: 'value1' }, { id: 'match-does-exist' }, { key2: 'value2' }] }), true],
  ['or-numeric-anything-but_NEG', { dynamodb: { NewImage: { numericFilter: { N: [{ numeric: ['>', 100] }, { 'anything-but': '101' }] } } } }, ev({}, { dynamodb: { NewImage: { numericFilter: { N: '101' } } } }), false],
  ['content_anything_prefix_int_value', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, ev({ state: 12 }), true],
  ['content_anything_wildcard_int', { detail: { FilePath: [{ 'anything-but': { wildcard: '*/dir/*' } }] } }, ev({ FilePath: 123 }), true],
  ['content_ip_address_bad_type_NEG', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, ev({ sourceIPAddress: 123 }), false],
  ['operator_multiple_list', { my_key: [{ exists: true }, { prefix: 'IGNORED' }, { suffix: 'IGNORED' }] }, ev({}, { my_key: 'my-value' }), true],
  ['content_anything_but_number_zero', { detail: { 'x-limit': [{ 'anything-but': 0 }] } }, ev({ 'x-limit': 789 }), true],
  ['content_anything_but_string_null', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ev({ state: null }), true],
  ['content_anything_prefix_list', { detail: { state: [{ 'anything-but': { prefix: ['init', 'test'] } }] } }, ev({ state: 'post-init' }), true],
  ['content_ignorecase_empty', { detail: { value: [{ 'equals-ignore-case': '' }] } }, ev({ value: '' }), true],
  ['content_wildcard_repeating', { FileName: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] }, ev({}, { FileName: '/Users/ls_user/dir/dir/dir/dir/dir/doc.txt' }), true],
  ['arrays_empty_null_NEG', { resources: [null] }, ev({}, { resources: [] }), false],
  ['exists_list_empty_NEG', { resources: [{ exists: true }] }, ev({ eventVersion: '', responseElements: null }, { resources: [] }), false],
  ['numeric-int-float', { number: [{ numeric: ['>', 100] }] }, ev({}, { number: 101.0 }), true],
  ['dot_joining_pattern', { detail: { 'state.status': ['running'] } }, ev({ state: { status: 'running' } }), true],
];

describe('EventBridge event patterns: matching (the user guide\'s examples)', () => {
  for (const [template, pattern, event, expected] of recordedEdges) {
    it(`${expected ? 'matches' : 'does not match'}: ${template} (recorded against AWS)`, () => {
      assert.equal(match(pattern, event), expected);
    });
  }

  for (const [what, pattern, event, expected] of documented) {
    it(`${expected ? 'matches' : 'does not match'}: ${what}`, () => {
      assert.equal(match(pattern, event), expected);
    });
  }

  it('explains a miss with the first failing field and the value seen', () => {
    const pattern = compileEventPattern(JSON.stringify({ source: ['aws.ec2'], detail: { state: ['terminated'] } }));
    const result = explainMatch(pattern, ev({ state: 'running' }));
    assert.equal(result.matched, false);
    if (result.matched) return;
    assert.deepEqual({ path: result.miss.path, expected: result.miss.expected, seen: result.miss.seen }, { path: 'detail.state', expected: ['terminated'], seen: ['running'] });
    assert.equal(result.miss.text, 'detail.state: "running" does not match ["terminated"]');
  });

  it('explains a missing field', () => {
    const result = explainMatch(compileEventPattern('{"detail":{"x":[1]}}'), ev({}));
    assert.ok(!result.matched && result.miss.seen === undefined && result.miss.text.includes('no such field'));
  });

  it('explains with the alternative that came closest', () => {
    const p = compileEventPattern(JSON.stringify({ $or: [{ source: ['other'] }, { source: ['aws.ec2'], detail: { state: ['x'] } }] }));
    const result = explainMatch(p, ev({ state: 'running' }));
    assert.ok(!result.matched && result.miss.path === 'detail.state');
  });

  it('says when fields match only in different array elements', () => {
    const p = compileEventPattern(JSON.stringify({ detail: { items: { id: [1], name: ['b'] } } }));
    const result = explainMatch(p, ev({ items: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }] }));
    assert.ok(!result.matched && result.miss.arrayConsistency === true && result.miss.path === 'detail.items.name');
  });
});

describe('EventBridge event patterns: validation', () => {
  for (const [name, pattern, message] of recordedPatternErrors) {
    it(`refuses ${name} with AWS's recorded words`, () => {
      assert.throws(() => compileEventPattern(pattern), (e: { code: string; message: string; status: number }) => {
        assert.equal(e.code, 'InvalidEventPatternException');
        assert.equal(e.status, 400);
        assert.equal(e.message, message);
        return true;
      });
    });
  }

  it('counts lines and columns on pretty-printed patterns', () => {
    const text = '{\n  "source": "aws.ec2"\n}';
    assert.throws(() => compileEventPattern(text), (e: Error) => e.message.endsWith('line: 2, column: 14]'));
  });

  it('accepts every documented operator', () => {
    for (const [, pattern] of documented) compileEventPattern(JSON.stringify(pattern));
  });

  it('refuses an unknown operator, two keys and empty objects', () => {
    assert.throws(() => compileEventPattern('{"a":[{"contains":"x"}]}'), /Unrecognized match type contains/);
    assert.throws(() => compileEventPattern('{"a":[{"prefix":"x","suffix":"y"}]}'), /Only one key allowed in match expression/);
    assert.throws(() => compileEventPattern('{"a":[{}]}'), /Empty objects are not allowed/);
    assert.throws(() => compileEventPattern('{"a":[["x"]]}'), /Match value must be String, number, true, false, or null/);
  });
});
