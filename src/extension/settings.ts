import * as vscode from 'vscode';
import type { AccessKey } from '../broker/identity';

export interface TreeSettings {
  /** Show the Topics / Streams / ... groups even when they hold nothing yet. */
  showEmptyGroups: boolean;
  /** Show visible / in-flight / delayed counts beside each queue. */
  showMessageCounts: boolean;
  /** Show closed (parent) shards under a stream, not only open ones. */
  showClosedShards: boolean;
}

export interface EventyardSettings {
  port: number;
  host: string;
  accountId: string;
  region: string;
  /** `sync`: a change is on disk before it is acknowledged; `fast`: within 200 ms; `off`: memory only. */
  persistence: 'sync' | 'fast' | 'off';
  /** Most bytes kept state may take on disk; undefined: no limit. */
  maxDataBytes: number | undefined;
  maxMemoryBytes: number | undefined;
  /** Hops each queue, topic, stream or bus keeps for message traces; 0: tracing off. */
  traceBufferSize: number;
  /** Keys the endpoint checks signatures against; empty: unchecked, like other local emulators. */
  accessKeys: AccessKey[];
  definitionsFile: string;
  /** Where Firehose lands objects, as the user wrote it (resolved against the workspace by the broker host). */
  bucketsFolder: string;
  /** How long a Kinesis stream stays CREATING (UPDATING after a reshard) before ACTIVE. */
  streamCreateDelayMs: number;
  tree: TreeSettings;
}

export function readSettings(): EventyardSettings {
  const c = vscode.workspace.getConfiguration('eventyard');
  return {
    port: c.get<number>('port', 4566),
    host: c.get<string>('host', '127.0.0.1'),
    accountId: c.get<string>('accountId', '000000000000'),
    region: c.get<string>('region', 'us-east-1'),
    persistence: persistenceMode(c.get<unknown>('persistence', 'sync')),
    maxDataBytes: dataLimit(c.get<number>('maxDataSizeMb', 1024)),
    maxMemoryBytes: dataLimit(c.get<number>('maxMemoryMb', 0)),
    traceBufferSize: Math.max(0, Math.floor(c.get<number>('traceBufferSize', 1000)) || 0),
    accessKeys: accessKeys(c.get<unknown>('accessKeys', [])),
    definitionsFile: c.get<string>('definitionsFile', ''),
    bucketsFolder: c.get<string>('bucketsFolder', ''),
    streamCreateDelayMs: Math.max(0, Math.floor(c.get<number>('kinesis.streamCreateDelayMs', 0)) || 0),
    tree: {
      showEmptyGroups: c.get<boolean>('tree.showEmptyGroups', true),
      showMessageCounts: c.get<boolean>('tree.showMessageCounts', true),
      showClosedShards: c.get<boolean>('tree.showClosedShards', true),
    },
  };
}

/** The setting was a boolean before it had modes: true meant keep (sync), false meant memory only. */
function persistenceMode(value: unknown): EventyardSettings['persistence'] {
  if (value === 'sync' || value === 'fast' || value === 'off') return value;
  return value === false ? 'off' : 'sync';
}

/** Entries missing a part are left out rather than checked against an empty secret. */
function accessKeys(value: unknown): AccessKey[] {
  if (!Array.isArray(value)) return [];
  return value.filter((k): k is AccessKey => typeof k?.accessKeyId === 'string' && k.accessKeyId !== '' && typeof k.secretAccessKey === 'string' && k.secretAccessKey !== '');
}

function dataLimit(mb: number): number | undefined {
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : undefined;
}

/** Settings whose change needs a new broker or endpoint (the tree options only need a redraw). */
export const RESTART_SETTINGS = ['eventyard.port', 'eventyard.host', 'eventyard.accountId', 'eventyard.region', 'eventyard.persistence', 'eventyard.maxDataSizeMb', 'eventyard.maxMemoryMb', 'eventyard.accessKeys', 'eventyard.bucketsFolder', 'eventyard.kinesis.streamCreateDelayMs'];
