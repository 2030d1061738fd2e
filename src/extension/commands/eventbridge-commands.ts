import * as vscode from 'vscode';
import { DEFAULT_BUS } from '../../broker/eventbridge/state';
import type { BrokerHost } from '../broker-host';
import type { BrokerClient } from '../client/broker-client';
import type { BusSummary, RuleSummary } from '../client/snapshot';
import type { ResourceNode } from '../tree/nodes';
import { targetLabel } from '../tree/labels';
import { Cancelled, ask, outcomeCommand, pick, requireClient } from './ui';
import { envelopeOf, eventFields, eventForMatching, parseEvents, patternFromFields, SAMPLE_EVENT, testPattern, type EventField } from './event-json';

/**
 * Answers a command may be given instead of asking (keybinding `args`, scripts, the extension-host tests):
 * each one given skips its prompt.
 */
export interface EventCommandArgs {
  /** Event JSON (a PutEvents entry or an envelope; Put Event also takes an array). */
  event?: string;
  /** Create Rule from Event: the dotted paths of the fields the pattern asks for. */
  fields?: string[];
  ruleName?: string;
  busName?: string;
  /** Test Pattern: a pattern to test instead of a rule's. */
  pattern?: string;
  /** Add Target: the target's ARN. */
  targetArn?: string;
}

export type { CommandOutcome as EventCommandResult } from './ui';

const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
/** The check of a rule's or a replay's name (EventBridge allows the same characters in both). */
export const nameCheck = (what: string) => (v: string) =>
  NAME.test(v) ? undefined : `A ${what} name is 1 to 64 letters, digits, periods, hyphens and underscores.`;
const ruleNameCheck = nameCheck('rule');

/**
 * EventBridge: create buses, put events (from a JSON editor or the selection), create a rule from an event
 * (a pattern asking for the fields you choose), test a pattern against an event (and see the first field
 * that failed), add targets, enable, disable and delete rules. Each command answers what it showed, and
 * shows errors as their AWS code and message, never a stack trace.
 */
export function registerEventBridgeCommands(host: BrokerHost): vscode.Disposable[] {
  const identity = () => host.broker?.identity ?? { accountId: '000000000000', region: 'us-east-1' };
  const shown = (id: string, run: (node: unknown, args: EventCommandArgs) => Promise<string | undefined>) => outcomeCommand<EventCommandArgs>(id, run);
  const info = (text: string) => {
    const message = `Eventyard: ${text}`;
    void vscode.window.showInformationMessage(message);
    return message;
  };

  /** The recent events of a bus (this window's broker only) as a choice; undefined when there are none. */
  const pickRecentEvent = async (bus: string): Promise<string | undefined> => {
    const recent = host.broker?.eventbridge.recentEvents(bus).slice(-20).reverse() ?? [];
    if (!recent.length) return undefined;
    const chosen = await pick(`An event recently put on ${bus}`, recent.map((r) => ({
      label: `${r.event.source} · ${r.event['detail-type']}`,
      description: r.matchedRules.length ? `matched ${r.matchedRules.join(', ')}` : 'matched no rule',
      detail: JSON.stringify(r.event.detail).slice(0, 200),
      text: JSON.stringify(r.event),
    })));
    return chosen.text;
  };

  /** The event to use: given, the editor's selection, the editor's JSON document, or a recent event of the bus. */
  const chooseEvent = async (args: EventCommandArgs, bus: string): Promise<string> => {
    if (args.event !== undefined) return args.event;
    const fromEditor = editorEvent();
    if (fromEditor !== undefined) return fromEditor;
    const recent = await pickRecentEvent(bus);
    if (recent !== undefined) return recent;
    throw new Error(`Open or select an event's JSON in an editor, or put an event on ${bus} first.`);
  };

  return [
    shown('eventyard.createEventBus', async (_node, args) => {
      const client = requireClient(host);
      const name = args.busName ?? (await ask('Event bus name', (v) => (/^[.\-_A-Za-z0-9]{1,256}$/.test(v) ? undefined : 'A bus name is letters, digits, periods, hyphens and underscores.'), { placeHolder: 'shop' }));
      const { EventBusArn } = await client.events('CreateEventBus', { Name: name });
      return info(`created event bus ${EventBusArn}.`);
    }),

    shown('eventyard.putEvent', async (node, args) => {
      const client = requireClient(host);
      const text = args.event ?? editorEvent({ strict: true });
      if (text === undefined) {
        const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(SAMPLE_EVENT, null, 2) });
        await vscode.window.showTextDocument(doc);
        return info('edit the event in this editor, then run "Eventyard: Put Event" again (it puts the editor\'s event, or the selected one).');
      }
      const entries = parseEvents(text);
      const bus = args.busName ?? (await pickBus(client, node)).name;
      const { Entries, FailedEntryCount } = await client.events('PutEvents', { Entries: entries.map((e) => ({ EventBusName: bus, ...e })) });
      const failed = Entries.find((e) => e.ErrorCode);
      if (FailedEntryCount && failed) throw new Error(`${failed.ErrorCode}: ${failed.ErrorMessage}`);
      const snapshot = await client.snapshot();
      const routed = entries.map((entry, i) => {
        const target = entry.EventBusName ?? bus;
        const summary = snapshot.buses.find((b) => b.name === target);
        // a bus the snapshot does not list (another broker's, before the wire lists buses): no claim about rules
        if (!summary) return `${Entries[i].EventId} on ${target}`;
        const rules = matchingRules(summary, envelopeOf(entry, identity(), Entries[i].EventId));
        return `${Entries[i].EventId} on ${target} ${rules.length ? `matched ${rules.join(', ')}` : 'matched no rule'}`;
      });
      return info(`put ${entries.length === 1 ? 'event' : `${entries.length} events`}: ${routed.join('; ')}.`);
    }),

    shown('eventyard.createRuleFromEvent', async (node, args) => {
      const client = requireClient(host);
      const bus = args.busName ?? (await pickBus(client, node)).name;
      const event = eventForMatching(await chooseEvent(args, bus), identity());
      const fields = eventFields(event);
      let chosen: EventField[];
      if (args.fields) {
        chosen = args.fields.map((path) => {
          const field = fields.find((f) => f.path === path);
          if (!field) throw new Error(`The event has no field ${path}.`);
          return field;
        });
      } else {
        const picked = await vscode.window.showQuickPick(
          fields.map((f) => ({ label: f.path, description: JSON.stringify(f.values.length === 1 ? f.values[0] : f.values), picked: f.path === 'source' || f.path === 'detail-type', field: f })),
          { title: 'Eventyard: Create Rule from Event', placeHolder: 'The fields the rule matches on: it asks for exactly these values', canPickMany: true, ignoreFocusOut: true },
        );
        if (!picked) throw new Cancelled();
        chosen = picked.map((p) => p.field);
      }
      const pattern = JSON.stringify(patternFromFields(chosen));
      const name = args.ruleName ?? (await ask(`Rule name (pattern ${pattern})`, ruleNameCheck, { placeHolder: 'order-placed' }));
      const problem = ruleNameCheck(name);
      if (problem) throw new Error(problem);
      await client.events('PutRule', { Name: name, EventBusName: bus, EventPattern: pattern });
      return info(`created rule ${name} on ${bus} with pattern ${pattern}. Add a target to route the matching events.`);
    }),

    shown('eventyard.testPattern', async (node, args) => {
      const client = requireClient(host);
      let rule: RuleSummary | undefined;
      let patternText = args.pattern;
      if (patternText === undefined) {
        rule = await pickRule(client, node, (r) => !!r.eventPattern, 'a rule with an event pattern');
        patternText = rule.eventPattern!;
      }
      const bus = rule?.busName ?? args.busName ?? DEFAULT_BUS;
      const event = eventForMatching(await chooseEvent(args, bus), identity());
      const verdict = testPattern(patternText, event);
      const what = rule ? `Rule ${rule.name}` : 'The pattern';
      if (verdict.matched) return info(`${what} matches the event.`);
      const message = `Eventyard: ${what} does not match the event. First field that failed: ${verdict.text}.`;
      void vscode.window.showWarningMessage(message);
      return message;
    }),

    shown('eventyard.addTarget', async (node, args) => {
      const client = requireClient(host);
      const rule = await pickRule(client, node, () => true, 'a rule');
      const snapshot = await client.snapshot();
      const targetArn = args.targetArn ?? (await pick(`Where ${rule.name} sends the events it matches`, [
        ...snapshot.queues.map((q) => ({ label: `queue: ${q.name}`, arn: q.arn })),
        ...snapshot.functions.map((f) => ({ label: `function: ${f.name}`, arn: f.arn })),
        ...snapshot.topics.map((t) => ({ label: `topic: ${t.name}`, arn: t.arn })),
        ...snapshot.streams.map((s) => ({ label: `stream: ${s.name}`, arn: s.arn })),
        ...snapshot.deliveryStreams.map((d) => ({ label: `delivery stream: ${d.name}`, arn: d.arn })),
        ...snapshot.buses.filter((b) => b.name !== rule.busName).map((b) => ({ label: `bus: ${b.name}`, arn: b.arn })),
      ].map((i) => ({ ...i, description: i.arn })))).arn;
      const id = targetId(targetArn, rule.targets.map((t) => t.Id));
      const fifo = targetArn.includes(':sqs:') && targetArn.endsWith('.fifo');
      await client.events('PutTargets', { Rule: rule.name, EventBusName: rule.busName, Targets: [{ Id: id, Arn: targetArn, ...(fifo ? { SqsParameters: { MessageGroupId: rule.name } } : {}) }] });
      return info(`${rule.name} now sends matching events to ${targetLabel(targetArn)} (target id ${id}).`);
    }),

    shown('eventyard.enableRule', async (node) => {
      const client = requireClient(host);
      const rule = await pickRule(client, node, (r) => r.state === 'DISABLED', 'a disabled rule');
      await client.events('EnableRule', { Name: rule.name, EventBusName: rule.busName });
      return info(`enabled rule ${rule.name}.`);
    }),

    shown('eventyard.disableRule', async (node) => {
      const client = requireClient(host);
      const rule = await pickRule(client, node, (r) => r.state !== 'DISABLED', 'an enabled rule');
      await client.events('DisableRule', { Name: rule.name, EventBusName: rule.busName });
      return info(`disabled rule ${rule.name}: it matches no event until enabled again.`);
    }),

    shown('eventyard.deleteRule', async (node) => {
      const client = requireClient(host);
      const rule = await pickRule(client, node, () => true, 'a rule');
      const ok = await vscode.window.showWarningMessage(`Delete rule ${rule.name} and its ${rule.targets.length} target(s)?`, { modal: true }, 'Delete');
      if (ok !== 'Delete') return undefined;
      if (rule.targets.length) await client.events('RemoveTargets', { Rule: rule.name, EventBusName: rule.busName, Ids: rule.targets.map((t) => t.Id) });
      await client.events('DeleteRule', { Name: rule.name, EventBusName: rule.busName });
      return info(`deleted rule ${rule.name}.`);
    }),

    shown('eventyard.removeTarget', async (node) => {
      const client = requireClient(host);
      const n = node as ResourceNode | undefined;
      if (n?.kind !== 'target') throw new Error('Choose a target in the Resources view.');
      await client.events('RemoveTargets', { Rule: n.rule.name, EventBusName: n.rule.busName, Ids: [n.target.Id] });
      return info(`${n.rule.name} no longer sends to ${targetLabel(n.target.Arn)}.`);
    }),

    shown('eventyard.deleteEventBus', async (node) => {
      const client = requireClient(host);
      const bus = await pickBus(client, node, (b) => b.name !== DEFAULT_BUS);
      const ok = await vscode.window.showWarningMessage(`Delete event bus ${bus.name} and its ${bus.rules.length} rule(s)?`, { modal: true }, 'Delete');
      if (ok !== 'Delete') return undefined;
      await client.events('DeleteEventBus', { Name: bus.name });
      return info(`deleted event bus ${bus.name}.`);
    }),
  ];
}

/**
 * The event JSON in the active editor: its selection, or else the whole document when it is JSON and reads
 * as an event. `strict`: a JSON document that names event members (Source, detail-type...) but is not a
 * valid event is an error to show rather than no answer; other JSON (package.json) is no answer.
 */
function editorEvent(options: { strict?: boolean } = {}): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  if (!editor.selection.isEmpty) return editor.document.getText(editor.selection);
  const text = editor.document.getText();
  if (!['json', 'jsonc'].includes(editor.document.languageId) || !text.trim()) return undefined;
  if (options.strict && /"(Source|source|DetailType|detail-type|Detail|detail)"\s*:/.test(text)) return text;
  try {
    parseEvents(text);
    return text;
  } catch {
    return undefined;
  }
}

function matchingRules(bus: BusSummary | undefined, event: unknown): string[] {
  return (bus?.rules ?? [])
    .filter((r) => r.state !== 'DISABLED' && r.eventPattern && testPattern(r.eventPattern, event).matched)
    .map((r) => r.name);
}

async function pickBus(client: BrokerClient, node: unknown, filter: (b: BusSummary) => boolean = () => true): Promise<BusSummary> {
  const buses = (await client.snapshot()).buses.filter(filter);
  const n = node as ResourceNode | undefined;
  const named = n?.kind === 'bus' ? n.name : n?.kind === 'rule' ? n.bus : undefined;
  const found = named !== undefined ? buses.find((b) => b.name === named) : undefined;
  if (found) return found;
  if (buses.length === 0) throw new Error('There is no such event bus; create one first.');
  if (buses.length === 1) return buses[0];
  return (await pick('Choose an event bus', buses.map((b) => ({ label: b.name, description: `${b.rules.length} rules`, bus: b })))).bus;
}

async function pickRule(client: BrokerClient, node: unknown, filter: (r: RuleSummary) => boolean, what: string): Promise<RuleSummary> {
  const rules = (await client.snapshot()).buses.flatMap((b) => b.rules);
  const n = node as ResourceNode | undefined;
  if (n?.kind === 'rule') {
    const found = rules.find((r) => r.name === n.name && r.busName === n.bus);
    if (found) return found;
  }
  const candidates = rules.filter(filter);
  if (candidates.length === 0) throw new Error(`There is no ${what} yet.`);
  return (await pick(`Choose ${what}`, candidates.map((r) => ({ label: r.name, description: `on ${r.busName}`, detail: r.eventPattern ?? r.scheduleExpression, rule: r })))).rule;
}

/** A target id from the resource's name (`orders`), made unique among the rule's targets. */
function targetId(targetArn: string, taken: string[]): string {
  const base = (targetLabel(targetArn).split(': ').pop() ?? 'target').replace(/[^.\-_A-Za-z0-9]/g, '-').slice(0, 60) || 'target';
  let id = base;
  for (let i = 2; taken.includes(id); i++) id = `${base}-${i}`;
  return id;
}
