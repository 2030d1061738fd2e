import assert from 'node:assert/strict';
import type { MessageAttributeMap } from '../../../src/broker/sns/api';
import { evaluateFilterPolicy } from '../../../src/broker/sns/filter-policy';
import { compileFilterPolicy, FilterPolicyScope } from '../../../src/broker/sns/filter-policy-compile';

function passes(policy: unknown, scope: FilterPolicyScope, message: string, attributes?: MessageAttributeMap): boolean {
  return evaluateFilterPolicy(compileFilterPolicy(JSON.stringify(policy), scope), scope, message, attributes).matched;
}
const s = (v: string) => ({ DataType: 'String', StringValue: v });
const n = (v: string) => ({ DataType: 'Number', StringValue: v });

describe('SNS filter policy matching', () => {
  it('matches exact strings and numbers by type', () => {
    assert.ok(passes({ a: ['x', 5] }, 'MessageAttributes', '', { a: s('x') }));
    assert.ok(passes({ a: ['x', 5] }, 'MessageAttributes', '', { a: n('5.0') }));
    assert.ok(!passes({ a: ['5'] }, 'MessageAttributes', '', { a: n('5') }));
    assert.ok(!passes({ a: ['x'] }, 'MessageAttributes', '', {}));
  });

  it('matches prefix, suffix, equals-ignore-case and anything-but', () => {
    const a = (v: string) => ({ a: s(v) });
    assert.ok(passes({ a: [{ prefix: 'auto-' }] }, 'MessageAttributes', '', a('auto-x')));
    assert.ok(!passes({ a: [{ prefix: 'auto-' }] }, 'MessageAttributes', '', a('x-auto-')));
    assert.ok(passes({ a: [{ suffix: '.png' }] }, 'MessageAttributes', '', a('a.png')));
    assert.ok(passes({ a: [{ 'equals-ignore-case': 'RED' }] }, 'MessageAttributes', '', a('red')));
    assert.ok(passes({ a: [{ 'anything-but': ['red', 'blue'] }] }, 'MessageAttributes', '', a('green')));
    assert.ok(!passes({ a: [{ 'anything-but': ['red', 'blue'] }] }, 'MessageAttributes', '', a('red')));
    assert.ok(!passes({ a: [{ 'anything-but': 'red' }] }, 'MessageAttributes', '', {}), 'anything-but needs the key');
    assert.ok(passes({ a: [{ 'anything-but': { prefix: 'int-' } }] }, 'MessageAttributes', '', a('ext-1')));
    assert.ok(!passes({ a: [{ 'anything-but': { prefix: 'int-' } }] }, 'MessageAttributes', '', a('int-1')));
  });

  it('matches numeric ranges, exists and cidr', () => {
    const range = { a: [{ numeric: ['>', 0, '<=', 100] }] };
    assert.ok(passes(range, 'MessageAttributes', '', { a: n('100') }));
    assert.ok(!passes(range, 'MessageAttributes', '', { a: n('0') }));
    assert.ok(!passes(range, 'MessageAttributes', '', { a: n('100.5') }));
    assert.ok(passes({ a: [{ numeric: ['=', 3.5] }] }, 'MessageAttributes', '', { a: n('3.50') }));
    assert.ok(passes({ a: [{ exists: false }] }, 'MessageAttributes', '', { b: s('x') }));
    assert.ok(!passes({ a: [{ exists: false }] }, 'MessageAttributes', '', { a: s('x') }));
    assert.ok(passes({ ip: [{ cidr: '10.0.0.0/24' }] }, 'MessageBody', '{"ip": "10.0.0.255"}'));
    assert.ok(!passes({ ip: [{ cidr: '10.0.0.0/24' }] }, 'MessageBody', '{"ip": "10.0.1.0"}'));
    assert.ok(passes({ ip: [{ cidr: '2001:db8:1234:1a00::/64' }] }, 'MessageBody', '{"ip": "2001:0db8:1234:1a00:0000:0000:0000:0000"}'));
  });

  it('matches String.Array attributes by any element', () => {
    const arr = { DataType: 'String.Array', StringValue: '["a", 2, true]' };
    assert.ok(passes({ k: ['a'] }, 'MessageAttributes', '', { k: arr }));
    assert.ok(passes({ k: [2] }, 'MessageAttributes', '', { k: arr }));
    assert.ok(!passes({ k: ['b'] }, 'MessageAttributes', '', { k: arr }));
  });

  it('matches nested body keys, arrays of objects, and $or', () => {
    const body = JSON.stringify({ Records: [{ s3: { object: [[{ key: 'auto-insurance-2314.xml' }]] } }, { s3: { object: { key: 'home.xml' } } }] });
    assert.ok(passes({ Records: { s3: { object: { key: [{ prefix: 'auto-' }] } } } }, 'MessageBody', body));
    assert.ok(!passes({ Records: { s3: { object: { key: [{ prefix: 'car-' }] } } } }, 'MessageBody', body));
    const or = { metricName: ['CPUUtilization'], $or: [{ namespace: ['AWS/EC2'] }, { detail: { source: ['aws.cloudwatch'] } }] };
    assert.ok(passes(or, 'MessageBody', '{"metricName": "CPUUtilization", "detail": {"source": "aws.cloudwatch"}}'));
    assert.ok(!passes(or, 'MessageBody', '{"metricName": "CPUUtilization", "detail": {"type": "x"}}'));
    assert.ok(!passes(or, 'MessageBody', '{"metricName": "ReadLatency", "namespace": "AWS/EC2"}'));
    assert.ok(!passes({ a: ['x'] }, 'MessageBody', 'not json'));
    assert.ok(passes({ r: [null] }, 'MessageBody', '{"r": null}'));
  });

  it('accepts $or on message attributes (the default scope) and matches either branch', () => {
    const or = { source: ['shop'], $or: [{ price: [{ numeric: ['>', 100] }] }, { tier: ['gold'] }] };
    assert.ok(passes(or, 'MessageAttributes', '', { source: s('shop'), price: n('150') }));
    assert.ok(passes(or, 'MessageAttributes', '', { source: s('shop'), tier: s('gold') }));
    assert.ok(!passes(or, 'MessageAttributes', '', { source: s('shop'), tier: s('silver'), price: n('50') }));
    assert.ok(!passes(or, 'MessageAttributes', '', { source: s('web'), tier: s('gold') }));
    assert.throws(
      () => compileFilterPolicy(JSON.stringify({ $or: [{ a: ['x'] }, { b: { c: ['y'] } }] }), 'MessageAttributes'),
      /Filter policy scope MessageAttributes does not support nested filter policy/,
      'a nested property inside $or is still nesting',
    );
  });

  it('compares numbers with five digits after the decimal point: exact, anything-but and ranges', () => {
    const at = (policy: unknown, value: string) => passes({ p: policy }, 'MessageAttributes', '', { p: n(value) });
    assert.ok(at([{ numeric: ['=', 1] }], '1.000001'), 'a sixth decimal is below the accuracy');
    assert.ok(!at([{ numeric: ['=', 1] }], '1.00001'), 'the fifth decimal counts');
    assert.ok(at([1.5], '1.500004'), 'an exact number in the policy');
    assert.ok(at([{ numeric: ['=', 301.5] }], '3.015e2'));
    assert.ok(!at([{ 'anything-but': [100] }], '100.000001'), 'anything-but: equal at five digits');
    assert.ok(at([{ 'anything-but': [100] }], '100.00001'));
    assert.ok(!at([{ numeric: ['>', 100] }], '100.000001'), 'not above at five digits');
    assert.ok(at([{ numeric: ['>', 100] }], '100.00001'));
    assert.ok(at([{ numeric: ['<=', 0.5] }], '0.500004'));
    assert.ok(!at([{ numeric: ['>=', 0, '<', 10] }], '9.999999'), 'rounds up to the excluded top');
    const array = (values: unknown[]) => ({ p: { DataType: 'String.Array', StringValue: JSON.stringify(values) } });
    assert.ok(passes({ p: [{ numeric: ['=', 2] }] }, 'MessageAttributes', '', array(['x', 2.000001])));
    assert.ok(passes({ p: [2] }, 'MessageAttributes', '', array([1.999999])));
    assert.ok(!passes({ p: [{ 'anything-but': [7] }] }, 'MessageAttributes', '', array([7.0000001])));
    assert.ok(!passes({ p: [{ numeric: ['<', 3] }] }, 'MessageAttributes', '', array([3.000001, 4])));
  });
});
