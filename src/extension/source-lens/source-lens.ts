import * as vscode from 'vscode';
import type { ResourceKind } from '../../inspector/protocol';
import type { BrokerHost } from '../broker-host';
import type { ResourceSnapshot } from '../client/snapshot';
import { command, notify, requireClient } from '../commands/ui';
import { MAX_SCAN_CHARS, scanSource, type LensService, type SourceCall } from './scan';

export const SEND_SAMPLE = 'eventyard.sendSample';
const LANGUAGES: Record<string, 'js' | 'python'> = { javascript: 'js', typescript: 'js', javascriptreact: 'js', typescriptreact: 'js', python: 'python' };
const KIND: Record<LensService, ResourceKind> = { sqs: 'queue', sns: 'topic', kinesis: 'stream', events: 'bus' };
const NOUN: Record<LensService, string> = { sqs: 'queue', sns: 'topic', kinesis: 'stream', events: 'bus' };

/**
 * CodeLens above the calls in the user's own code that send to a named queue, topic, stream or bus
 * (scan.ts finds them): the resource's live count, "Peek" (its inspector) and "Send sample". Counts come
 * from one snapshot of the broker per refresh, and lenses refresh at most once a second while it changes.
 * Files over the size cap, and languages other than JS/TS and Python, get nothing.
 */
export function registerSourceLens(host: BrokerHost): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  let snapshot: Promise<ResourceSnapshot | undefined> | undefined;
  let pending: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      snapshot = undefined;
      changed.fire();
    }, 1000);
  };
  let unfollow: (() => void) | undefined;
  const follow = () => {
    unfollow?.();
    unfollow = host.client?.follow(refreshSoon);
    refreshSoon();
  };
  follow();

  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(doc) {
      const language = LANGUAGES[doc.languageId];
      if (!language || doc.getText().length > MAX_SCAN_CHARS) return [];
      const calls = scanSource(doc.getText(), language);
      if (calls.length === 0) return [];
      const client = host.client;
      snapshot ??= client ? client.snapshot().catch(() => undefined) : Promise.resolve(undefined);
      const resources = await snapshot;
      return calls.flatMap((call) => lensesFor(call, resources));
    },
  };

  return vscode.Disposable.from(
    changed,
    { dispose: () => { unfollow?.(); if (pending) clearTimeout(pending); } },
    host.onDidChange(follow),
    vscode.languages.registerCodeLensProvider(Object.keys(LANGUAGES).map((language) => ({ language })), provider),
    command(SEND_SAMPLE, async (service: LensService, name: string) => sendSample(host, service, name)),
  );
}

function lensesFor(call: SourceCall, resources: ResourceSnapshot | undefined): vscode.CodeLens[] {
  const range = new vscode.Range(call.line, call.character, call.line, call.character);
  if (!resources) return [new vscode.CodeLens(range, { title: `Eventyard: ${NOUN[call.service]} ${call.resource} (broker not running)`, command: '' })];
  const count = countOf(call, resources);
  if (count === undefined) return [new vscode.CodeLens(range, { title: `Eventyard: no ${NOUN[call.service]} ${call.resource} on the broker`, command: '' })];
  return [
    new vscode.CodeLens(range, { title: `$(pulse) ${call.resource}: ${count}`, command: '' }),
    new vscode.CodeLens(range, { title: 'Peek', command: 'eventyard.openInspector', arguments: [{ kind: KIND[call.service], name: call.resource }] }),
    new vscode.CodeLens(range, { title: 'Send sample', command: SEND_SAMPLE, arguments: [call.service, call.resource] }),
  ];
}

/** The live count shown on the lens; undefined when the resource does not exist. */
function countOf(call: SourceCall, r: ResourceSnapshot): string | undefined {
  switch (call.service) {
    case 'sqs': {
      const q = r.queues.find((x) => x.name === call.resource);
      return q && `${q.visible} visible · ${q.inFlight} in flight${q.delayed ? ` · ${q.delayed} delayed` : ''}`;
    }
    case 'sns': {
      const t = r.topics.find((x) => x.name === call.resource);
      return t && `${t.subscriptions.length} subscription${t.subscriptions.length === 1 ? '' : 's'}`;
    }
    case 'kinesis': {
      const s = r.streams.find((x) => x.name === call.resource);
      return s && `${s.shards.reduce((n, shard) => n + shard.recordCount, 0)} records · ${s.status}`;
    }
    case 'events': {
      const b = r.buses.find((x) => x.name === call.resource);
      return b && `${b.rules.length} rule${b.rules.length === 1 ? '' : 's'}`;
    }
  }
}

/** Sends one small, recognisable sample to the resource, as an app would. */
async function sendSample(host: BrokerHost, service: LensService, name: string): Promise<void> {
  const client = requireClient(host);
  const body = JSON.stringify({ sample: true, from: 'Eventyard', at: new Date().toISOString() });
  const snapshot = await client.snapshot();
  switch (service) {
    case 'sqs': {
      const queue = snapshot.queues.find((q) => q.name === name);
      if (!queue) throw new Error(`There is no queue ${name}.`);
      const fifo = queue.fifo ? { MessageGroupId: 'eventyard-sample', MessageDeduplicationId: `${Date.now()}` } : {};
      const { MessageId } = await client.sqs('SendMessage', { QueueUrl: queue.url, MessageBody: body, ...fifo });
      return notify(`sent sample message ${MessageId} to ${name}.`);
    }
    case 'sns': {
      const topic = snapshot.topics.find((t) => t.name === name);
      if (!topic) throw new Error(`There is no topic ${name}.`);
      const fifo = name.endsWith('.fifo') ? { MessageGroupId: 'eventyard-sample', MessageDeduplicationId: `${Date.now()}` } : {};
      const { MessageId } = await client.sns('Publish', { TopicArn: topic.arn, Message: body, ...fifo });
      return notify(`published sample message ${MessageId} to ${name}.`);
    }
    case 'kinesis': {
      const { SequenceNumber } = await client.kinesis('PutRecord', { StreamName: name, PartitionKey: 'eventyard-sample', Data: new TextEncoder().encode(body) });
      return notify(`put a sample record in ${name} (sequence number ${SequenceNumber}).`);
    }
    case 'events': {
      const out = await client.events('PutEvents', { Entries: [{ EventBusName: name, Source: 'eventyard.sample', DetailType: 'Sample', Detail: body }] });
      const failed = out.Entries?.find((e) => e.ErrorCode);
      if (failed) throw new Error(`${failed.ErrorCode}: ${failed.ErrorMessage}`);
      return notify(`put a sample event on ${name} (${out.Entries?.[0]?.EventId}).`);
    }
  }
}
