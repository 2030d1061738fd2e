import * as vscode from 'vscode';
import type { BrokerHost } from '../broker-host';
import type { BrokerClient } from '../client/broker-client';
import type { ArchiveView } from '../client/snapshot';
import type { ResourceNode } from '../tree/nodes';
import { nameCheck } from './eventbridge-commands';
import { ask, outcomeCommand, pick, requireClient } from './ui';

/** Answers Start Replay and Cancel Replay may be given instead of asking (keybinding `args`, the extension-host tests). */
export interface ReplayCommandArgs {
  archiveName?: string;
  replayName?: string;
  /** The window of archived events to replay, as ISO 8601 times. */
  start?: string;
  end?: string;
}

export type { CommandOutcome as ReplayCommandResult } from './ui';

const replayNameCheck = nameCheck('replay');
const timeCheck = (v: string) => (Number.isNaN(Date.parse(v)) ? 'Write a time such as 2026-01-31T09:00:00Z.' : undefined);
/** A time as the prompts show it: ISO 8601 in UTC, whole seconds. */
const isoTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * EventBridge replays from the Resources view: Start Replay on an archive (asks the window of archived
 * events, by default everything archived so far, and a name) and Cancel Replay (one that is still
 * starting or running). Errors show as their AWS code and message, never a stack trace.
 */
export function registerArchiveCommands(host: BrokerHost): vscode.Disposable[] {
  const shown = (id: string, run: (node: unknown, args: ReplayCommandArgs) => Promise<string | undefined>) =>
    outcomeCommand<ReplayCommandArgs>(id, async (node, args) => {
      const message = await run(node, args);
      if (message !== undefined) void vscode.window.showInformationMessage(message);
      return message;
    });

  return [
    shown('eventyard.startReplay', async (node, args) => {
      const client = requireClient(host);
      const { archive, bus } = await pickArchive(client, node, args.archiveName);
      const now = Date.now();
      const start = args.start ?? (await ask('Replay the events archived from (UTC)', timeCheck, { value: isoTime(archive.CreationTime.getTime()) }));
      const end = args.end ?? (await ask('... until (UTC)', timeCheck, { value: isoTime(now + 1000) }));
      const suggested = `${archive.ArchiveName}-${isoTime(now).replace(/[-:TZ]/g, '')}`.slice(-64).replace(/^[^A-Za-z0-9]+/, '');
      const replayName = args.replayName ?? (await ask('Replay name', replayNameCheck, { value: suggested }));
      await client.events('StartReplay', {
        ReplayName: replayName,
        EventSourceArn: archive.ArchiveArn,
        EventStartTime: new Date(start),
        EventEndTime: new Date(end),
        Destination: { Arn: archive.EventSourceArn },
      });
      return `Eventyard: replay ${replayName} started: the events ${archive.ArchiveName} archived from ${start} to ${end} go back to bus ${bus}, to its rules.`;
    }),

    shown('eventyard.cancelReplay', async (_node, args) => {
      const client = requireClient(host);
      let replayName = args.replayName;
      if (replayName === undefined) {
        const { Replays = [] } = await client.events('ListReplays', { Limit: 100 });
        const active = Replays.filter((r) => r.State === 'STARTING' || r.State === 'RUNNING');
        if (!active.length) throw new Error('No replay is starting or running, so there is none to cancel.');
        replayName = (await pick('The replay to cancel', active.map((r) => ({ label: r.ReplayName, description: r.State.toLowerCase(), name: r.ReplayName })))).name;
      }
      const { State } = await client.events('CancelReplay', { ReplayName: replayName });
      return `Eventyard: replay ${replayName} is ${State.toLowerCase()}; the events it has not sent yet will not be sent.`;
    }),
  ];
}

/** The archive of a row of the Resources view, the one named, or one chosen among every bus's archives. */
async function pickArchive(client: BrokerClient, node: unknown, name: string | undefined): Promise<{ archive: ArchiveView; bus: string }> {
  const n = node as ResourceNode | undefined;
  const all = (await client.snapshot()).buses.flatMap((b) => (b.archives ?? []).map((archive) => ({ archive, bus: b.name })));
  const wanted = name ?? (n?.kind === 'archive' ? n.name : undefined);
  if (wanted !== undefined) {
    const found = all.find((a) => a.archive.ArchiveName === wanted);
    if (!found) throw new Error(`There is no archive ${wanted}.`);
    return found;
  }
  if (!all.length) throw new Error('There is no archive to replay from. Create one with CreateArchive (the AWS CLI or an SDK).');
  if (all.length === 1) return all[0];
  return pick('The archive to replay from', all.map((a) => ({ label: a.archive.ArchiveName, description: `bus ${a.bus} · ${a.archive.EventCount} events`, ...a })));
}
