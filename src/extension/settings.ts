import * as vscode from 'vscode';

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
  persistence: boolean;
  definitionsFile: string;
  /** Where Firehose lands objects, as the user wrote it (resolved against the workspace by the broker host). */
  bucketsFolder: string;
  tree: TreeSettings;
}

export function readSettings(): EventyardSettings {
  const c = vscode.workspace.getConfiguration('eventyard');
  return {
    port: c.get<number>('port', 4566),
    host: c.get<string>('host', '127.0.0.1'),
    accountId: c.get<string>('accountId', '000000000000'),
    region: c.get<string>('region', 'us-east-1'),
    persistence: c.get<boolean>('persistence', false),
    definitionsFile: c.get<string>('definitionsFile', ''),
    bucketsFolder: c.get<string>('bucketsFolder', ''),
    tree: {
      showEmptyGroups: c.get<boolean>('tree.showEmptyGroups', true),
      showMessageCounts: c.get<boolean>('tree.showMessageCounts', true),
      showClosedShards: c.get<boolean>('tree.showClosedShards', true),
    },
  };
}

/** Settings whose change needs a new broker or endpoint (the tree options only need a redraw). */
export const RESTART_SETTINGS = ['eventyard.port', 'eventyard.host', 'eventyard.accountId', 'eventyard.region', 'eventyard.persistence', 'eventyard.bucketsFolder'];
