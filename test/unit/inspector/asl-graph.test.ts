import assert from 'node:assert/strict';
import ELK from 'elkjs/lib/elk.bundled.js';
import { definitionGraph, layoutDefinition, type GraphLayout } from '../../../webview/logic/asl-graph';

const ORDER = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Approve' }], Default: 'Charge' },
    Approve: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Next: 'Charge' },
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:charge',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Refuse' }],
      Next: 'Ship',
    },
    Ship: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Pack', States: { Pack: { Type: 'Pass', Next: 'Label' }, Label: { Type: 'Pass', End: true } } },
        { StartAt: 'Notify', States: { Notify: { Type: 'Pass', End: true } } },
      ],
      Next: 'Items',
    },
    Items: { Type: 'Map', ItemProcessor: { StartAt: 'Each', States: { Each: { Type: 'Pass', End: true } } }, End: true },
    Refuse: { Type: 'Fail', Error: 'Refused' },
  },
};

const inside = (outer: { x: number; y: number; width: number; height: number }, inner: { x: number; y: number; width: number; height: number }) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe('the state machine graph (ELK layout)', () => {
  let layout: GraphLayout;
  before(async () => {
    layout = await layoutDefinition(new ELK(), JSON.stringify(ORDER));
  });
  const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('has a box per state, a start and an end, and arrows for Next, rules, Default and Catch', () => {
    assert.deepEqual(
      layout.nodes.filter((n) => n.kind === 'state').map((n) => n.name).sort(),
      ['Approve', 'Charge', 'Check', 'Each', 'Items', 'Label', 'Notify', 'Pack', 'Refuse', 'Ship'],
    );
    assert.ok(node('start') && node('end'));
    const kinds = layout.edges.map((e) => `${e.kind}${e.label ? `:${e.label}` : ''}`).sort();
    assert.ok(kinds.includes('choice:rule 1') && kinds.includes('default:Default') && kinds.includes('catch:States.ALL'), kinds.join());
    for (const e of layout.edges) assert.ok(e.points.length >= 2, `${e.id} has a path`);
  });

  it('draws Parallel branches and a Map\'s states nested inside their state', () => {
    const ship = node('state:Ship');
    assert.equal(ship.group, true);
    for (const name of ['Pack', 'Label', 'Notify']) assert.ok(inside(ship, node(`state:${name}`)), `${name} inside Ship`);
    assert.ok(inside(ship, node('branch:Ship:0')) && inside(node('branch:Ship:0'), node('state:Pack')));
    assert.ok(inside(node('state:Items'), node('state:Each')));
    assert.ok(!inside(ship, node('state:Charge')));
    // edges are in the drawing's coordinates too: the arrow Pack -> Label runs between the two boxes
    const pack = node('state:Pack');
    const label = node('state:Label');
    const arrow = layout.edges.find((e) => e.id === 'Ship/0/edge:0')!;
    const [first, last] = [arrow.points[0], arrow.points[arrow.points.length - 1]];
    assert.ok(Math.abs(first.y - (pack.y + pack.height)) < 2 && first.x >= pack.x && first.x <= pack.x + pack.width, JSON.stringify({ first, pack }));
    assert.ok(Math.abs(last.y - label.y) < 2, JSON.stringify({ last, label }));
  });

  it('flows downwards: each state below the one it comes from', () => {
    assert.ok(node('start').y < node('state:Check').y);
    assert.ok(node('state:Check').y < node('state:Approve').y);
    assert.ok(node('state:Approve').y < node('state:Charge').y);
    assert.ok(node('state:Charge').y < node('state:Ship').y);
    assert.ok(node('state:Ship').y < node('state:Items').y);
    assert.ok(layout.width > 0 && layout.height >= node('state:Items').y + node('state:Items').height);
  });

  it('keeps arrows between states of a branch inside that branch', () => {
    const g = definitionGraph(ORDER);
    const ship = g.children!.find((c) => c.id === 'state:Ship')!;
    assert.deepEqual(ship.children![0].edges!.map((e) => [e.sources[0], e.targets[0]]), [['state:Pack', 'state:Label']]);
    assert.ok(!g.edges!.some((e) => e.sources[0] === 'state:Pack'));
  });

  it('refuses a definition that is not JSON, and draws what it can of a broken one', async () => {
    await assert.rejects(layoutDefinition(new ELK(), '{"StartAt":'), SyntaxError);
    const partial = await layoutDefinition(new ELK(), JSON.stringify({ StartAt: 'Nowhere', States: { A: { Type: 'Pass', Next: 'Missing' } } }));
    assert.deepEqual(partial.nodes.map((n) => n.id), ['start', 'state:A']);
  });
});
