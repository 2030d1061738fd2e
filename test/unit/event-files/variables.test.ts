import assert from 'node:assert/strict';
import { FakeData } from '../../../src/event-files/fake-data';
import type { EventFile } from '../../../src/event-files/model';
import { resolveVars, substitute, VariableError, type Scope } from '../../../src/event-files/variables';

const scope = (over: Partial<Scope> = {}): Scope => ({ vars: {}, env: {}, steps: {}, fake: new FakeData(1), ...over });

describe('event files: variables and generated data', () => {
  it('fills vars, env, step outputs and index; a lone placeholder keeps its type', () => {
    const s = scope({ vars: { queue: 'orders', n: 3 }, env: { STAGE: 'ci' }, steps: { place: { MessageId: 'm-1' } }, index: 4 });
    assert.deepEqual(
      substitute({ q: '${vars.queue}-${env:STAGE}', n: '${vars.n}', ref: 'after ${steps.place.MessageId}', i: '${index}', list: ['${vars.n}'] }, s),
      { q: 'orders-ci', n: 3, ref: 'after m-1', i: 4, list: [3] },
    );
  });

  it('an environment replaces the file vars, and a var may read the process environment', () => {
    const file: EventFile = { vars: { queue: 'orders', key: '${env:KEY}' }, environments: { staging: { vars: { queue: 'orders-staging' } } }, steps: [] };
    assert.deepEqual(resolveVars(file, 'staging', { KEY: 'k' }), { queue: 'orders-staging', key: 'k' });
    assert.throws(() => resolveVars(file, 'prod', { KEY: 'k' }), /no environment "prod"; it has staging/);
    assert.throws(() => resolveVars(file, undefined, {}), /environment variable KEY is not set/);
    assert.deepEqual(resolveVars({ vars: { a: 1 }, steps: [] }, 'staging', {}), { a: 1 }, 'a file without environments ignores the choice');
  });

  it('reads $${ as a literal ${, so text holding ${ can be sent as it is', () => {
    assert.equal(substitute('cost $${price} for ${vars.n} $', scope({ vars: { n: 2 } })), 'cost ${price} for 2 $');
    assert.equal(substitute('$${vars.n}', scope({ vars: { n: 2 } })), '${vars.n}', 'a lone escape is text, not the value');
  });

  it('says what is wrong with a placeholder it cannot fill', () => {
    assert.throws(() => substitute('${vars.nope}', scope({ vars: { a: 1 } })), (e: Error) => e instanceof VariableError && /not defined; the vars are a/.test(e.message));
    assert.throws(() => substitute('${steps.place.MessageId}', scope()), /step "place" has not run before this one/);
    assert.throws(() => substitute('${index}', scope()), /only set in a step with repeat/);
    assert.throws(() => substitute('${wat}', scope()), /Unknown placeholder \$\{wat\}/);
    assert.throws(() => substitute('${faker:person.nope}', scope()), /faker has no method person.nope/);
    assert.throws(() => substitute('${faker:constructor.constructor}', scope()), /faker has no method/);
  });

  it('generates the same fake data for the same seed, and other data for another', () => {
    const body = { id: '${faker:string.uuid}', name: '${faker:person.firstName}', n: '${faker:number.int({"min": 1, "max": 9})}' };
    const a = substitute(body, scope({ fake: new FakeData(42) }));
    const b = substitute(body, scope({ fake: new FakeData(42) }));
    const c = substitute(body, scope({ fake: new FakeData(43) }));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    const n = (a as { n: number }).n;
    assert.ok(Number.isInteger(n) && n >= 1 && n <= 9);
  });
});
