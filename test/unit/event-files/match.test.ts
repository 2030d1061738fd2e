import assert from 'node:assert/strict';
import { mismatch } from '../../../src/event-files/match';

describe('event files: message predicates', () => {
  const message = { body: JSON.stringify({ order: { id: 7, status: 'placed' }, lines: [1, 2] }), attributes: { kind: 'order' } };

  it('matches a JSON body holding at least the given members, and attributes', () => {
    assert.equal(mismatch({ body: { order: { status: 'placed' } }, attributes: { kind: 'order' } }, message), undefined);
    assert.equal(mismatch({ bodyContains: '"id":7' }, message), undefined);
    assert.equal(mismatch(undefined, message), undefined);
  });

  it('says which member differs and how', () => {
    assert.equal(mismatch({ body: { order: { status: 'paid' } } }, message), 'body.order.status is "placed", expected "paid"');
    assert.equal(mismatch({ body: { order: { total: 1 } } }, message), 'body.order.total is missing');
    assert.equal(mismatch({ body: { lines: [1] } }, message), 'body.lines has 2 items, expected 1');
    assert.equal(mismatch({ attributes: { kind: 'refund' } }, message), 'attribute kind is "order", expected "refund"');
    assert.equal(mismatch({ attributes: { tenant: 'a' } }, message), 'it has no attribute tenant');
    assert.equal(mismatch({ body: { a: 1 } }, { body: 'plain', attributes: {} }), 'the body is not JSON: "plain"');
    assert.equal(mismatch({ body: 'x' }, { body: 'y', attributes: {} }), 'the body is "y", expected "x"');
  });
});
