import * as vscode from 'vscode';
import type { TreeSettings } from '../settings';
import { apiDestinationDescription, archiveDescription, busDescription, byteSize, objectDescription, connectionDescription, executionDescription, EXECUTION_ICONS, queueDescription, ruleDescription, scopeDescription, scopeLabel, shardDescription, subscriptionDescription, subscriptionLabel, targetDescription, targetLabel } from './labels';
import type { GroupKind, ResourceNode } from './nodes';
import { RECENT_EXECUTIONS, type ScopedResourceView } from '../client/snapshot';
import { objectUri } from '../buckets/object-documents';

const GROUP_ICONS: Record<GroupKind, string> = {
  queues: 'inbox',
  topics: 'broadcast',
  streams: 'pulse',
  deliveryStreams: 'cloud-upload',
  functions: 'symbol-function',
  buses: 'symbol-event',
  stateMachines: 'type-hierarchy',
  buckets: 'database',
};

/** A resource of another account and region shows its kind's group icon and says what it is. */
const SCOPED_ICONS: Record<ScopedResourceView['kind'], string> = {
  queue: GROUP_ICONS.queues,
  topic: GROUP_ICONS.topics,
  stream: GROUP_ICONS.streams,
  deliveryStream: GROUP_ICONS.deliveryStreams,
  bus: GROUP_ICONS.buses,
  stateMachine: GROUP_ICONS.stateMachines,
};
const SCOPED_KIND_LABELS: Record<ScopedResourceView['kind'], string> = {
  queue: 'queue',
  topic: 'topic',
  stream: 'stream',
  deliveryStream: 'delivery stream',
  bus: 'event bus',
  stateMachine: 'state machine',
};

const None = vscode.TreeItemCollapsibleState.None;

function icon(id: string, color?: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/**
 * How each row looks. `contextValue` drives the context menus (package.json `view/item/context`):
 * `queue`, `queue.dlq` (a dead-letter queue: redrive applies), `topic`, `subscription`, `stream`,
 * `shard.open` / `shard.closed`, `deliveryStream`, `function`, `bus` / `bus.default` (it cannot be deleted),
 * `rule.<enabled|disabled>.<pattern|schedule>` (Test Pattern applies to a pattern), `target`, `archive`, `group.<kind>`,
 * `connections`, `connection`, `apiDestination`, `stateMachine`, `execution.<running|ended>`, `bucket`, `folder`,
 * `object`, `moreObjects`, `scope` and `scopedResource` (another account and region's: no commands but opening it).
 */
export function treeItem(node: ResourceNode, expandable: boolean, settings: TreeSettings, remote: boolean): vscode.TreeItem {
  const label = node.kind === 'subscription' ? subscriptionLabel(node.subscription)
    : node.kind === 'target' ? targetLabel(node.target.Arn)
      // a folder or object says its key below the level it is in (the whole key when that is empty: `a//b`)
      : node.kind === 'folder' || node.kind === 'object' ? node.name.slice(node.parent.length) || node.name
        : node.name;
  const item = new vscode.TreeItem(label, expandable ? vscode.TreeItemCollapsibleState.Collapsed : None);
  const inspect = (kind: string): vscode.Command | undefined =>
    remote ? undefined : { command: 'eventyard.openInspector', title: 'Open Inspector', arguments: [{ kind, name: node.name }] };
  switch (node.kind) {
    case 'group':
      item.id = `group:${node.group}`;
      item.iconPath = icon(GROUP_ICONS[node.group]);
      item.description = String(node.count);
      item.contextValue = `group.${node.group}`;
      item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
      break;
    case 'queue': {
      const q = node.queue;
      const isDeadLetter = !!node.deadLetterOf || q.sourceQueueNames.length > 0;
      item.id = node.deadLetterOf ? `queue:${node.deadLetterOf.source}/dlq:${q.name}` : `queue:${q.name}`;
      item.description = queueDescription(q, settings.showMessageCounts, node.deadLetterOf?.maxReceiveCount);
      item.iconPath = isDeadLetter
        ? icon('inbox', 'list.errorForeground')
        : q.inFlight > 0
          ? icon('inbox', 'charts.yellow')
          : icon(q.fifo ? 'list-ordered' : 'inbox', q.visible > 0 ? 'charts.blue' : undefined);
      item.contextValue = isDeadLetter ? 'queue.dlq' : 'queue';
      item.tooltip = new vscode.MarkdownString(
        `**${q.name}**${q.fifo ? ' (FIFO)' : ''}${isDeadLetter ? ' — dead-letter queue' : ''}\n\n` +
          `${q.visible} visible · ${q.inFlight} in flight · ${q.delayed} delayed\n\n` +
          (q.deadLetterTargetName ? `Dead letters go to **${q.deadLetterTargetName}** after ${q.maxReceiveCount} receives\n\n` : '') +
          `\`${q.url}\``,
      );
      item.command = inspect('queue');
      break;
    }
    case 'topic':
      item.id = `topic:${node.topic.arn}`;
      item.iconPath = icon('broadcast', 'charts.purple');
      item.description = `${node.topic.subscriptions.length} subscription${node.topic.subscriptions.length === 1 ? '' : 's'}${node.topic.fifo ? ' · FIFO' : ''}`;
      item.contextValue = 'topic';
      item.tooltip = node.topic.arn;
      item.command = inspect('topic');
      break;
    case 'subscription': {
      const s = node.subscription;
      item.id = `subscription:${node.topic.arn}:${s.arn}:${s.endpoint}`;
      item.iconPath = s.pending ? icon('watch', 'charts.yellow') : icon(s.filterPolicy ? 'filter' : 'pass', 'charts.green');
      item.description = subscriptionDescription(s);
      item.contextValue = 'subscription';
      item.tooltip = new vscode.MarkdownString(`${s.protocol} → \`${s.endpoint}\`\n\n${s.arn}${s.filterPolicy ? `\n\nFilter policy:\n\`\`\`json\n${s.filterPolicy}\n\`\`\`` : ''}`);
      break;
    }
    case 'stream':
      item.id = `stream:${node.stream.arn}`;
      item.iconPath = icon('pulse', node.stream.status === 'ACTIVE' ? 'charts.green' : 'charts.yellow');
      item.description = `${node.stream.shards.filter((s) => s.open).length} open shards · ${node.stream.status}`;
      item.contextValue = 'stream';
      item.tooltip = `${node.stream.arn}\n${node.stream.mode}, retention ${node.stream.retentionPeriodHours} h`;
      item.command = inspect('stream');
      break;
    case 'shard':
      item.id = `shard:${node.stream.arn}:${node.shard.shardId}`;
      item.iconPath = node.shard.open ? icon('circle-filled', 'charts.green') : icon('circle-outline', 'disabledForeground');
      item.description = shardDescription(node.shard, !remote);
      item.contextValue = node.shard.open ? 'shard.open' : 'shard.closed';
      item.tooltip = `Hash keys ${node.shard.startingHashKey} – ${node.shard.endingHashKey}`;
      break;
    case 'deliveryStream': {
      const d = node.deliveryStream;
      item.id = `deliveryStream:${d.arn}`;
      item.iconPath = icon('cloud-upload', 'charts.orange');
      item.description = `→ ${d.bucket}/${d.prefix}${remote ? '' : ` · ${d.bufferedRecords} buffered · ${d.deliveredObjects} objects`}`;
      item.contextValue = 'deliveryStream';
      item.tooltip = d.sourceStreamArn ? `${d.arn}\nreads ${d.sourceStreamArn}` : d.arn;
      item.command = inspect('deliveryStream');
      break;
    }
    case 'function':
      item.id = `function:${node.fn.arn}`;
      item.iconPath = icon('symbol-function', 'charts.blue');
      item.description = node.fn.triggers.map((t) => `${t.sourceType}: ${t.sourceName}${t.state === 'Enabled' ? '' : ' (disabled)'}`).join(', ') || node.fn.handler;
      item.contextValue = 'function';
      item.tooltip = `${node.fn.module} · ${node.fn.handler}`;
      item.command = inspect('function');
      break;
    case 'bus':
      item.id = `bus:${node.bus.arn}`;
      item.iconPath = icon('symbol-event', 'charts.purple');
      item.description = busDescription(node.bus);
      item.contextValue = node.bus.name === 'default' ? 'bus.default' : 'bus';
      item.tooltip = node.bus.arn;
      item.command = inspect('bus');
      break;
    case 'rule': {
      const r = node.rule;
      const disabled = r.state === 'DISABLED';
      item.id = `rule:${r.arn}`;
      item.iconPath = disabled ? icon('circle-slash', 'disabledForeground') : icon(r.scheduleExpression ? 'clock' : 'filter', 'charts.green');
      item.description = ruleDescription(r);
      item.contextValue = `rule.${disabled ? 'disabled' : 'enabled'}.${r.eventPattern ? 'pattern' : 'schedule'}`;
      item.tooltip = new vscode.MarkdownString(
        `**${r.name}** on bus ${node.bus} — ${disabled ? 'disabled' : 'enabled'}${r.description ? `\n\n${r.description}` : ''}\n\n` +
          (r.eventPattern ? `Event pattern:\n\`\`\`json\n${r.eventPattern}\n\`\`\`` : `Schedule: \`${r.scheduleExpression}\``),
      );
      break;
    }
    case 'archive': {
      const a = node.archive;
      item.id = `archive:${a.ArchiveArn}`;
      item.iconPath = icon('archive', 'charts.purple');
      item.description = archiveDescription(a);
      item.contextValue = 'archive';
      item.tooltip = new vscode.MarkdownString(
        `**${a.ArchiveName}** — archive of bus ${node.bus}, ${a.State.toLowerCase()}${a.Description ? `\n\n${a.Description}` : ''}\n\n` +
          `${a.EventCount} events, ${a.SizeBytes} bytes; ${a.RetentionDays ? `events kept ${a.RetentionDays} days` : 'events kept indefinitely'}; created ${new Date(a.CreationTime).toISOString()}\n\n` +
          (a.EventPattern ? `Event pattern:\n\`\`\`json\n${a.EventPattern}\n\`\`\`` : 'Archives every event of the bus.'),
      );
      break;
    }
    case 'target':
      item.id = `target:${node.rule.arn}:${node.target.Id}`;
      item.iconPath = icon('arrow-right');
      item.description = targetDescription(node.target);
      item.contextValue = 'target';
      item.tooltip = node.target.InputTransformer
        ? new vscode.MarkdownString(`${node.target.Arn}\n\nInput transformer:\n\`\`\`json\n${JSON.stringify(node.target.InputTransformer, null, 2)}\n\`\`\``)
        : node.target.Arn;
      break;
    case 'connections':
      item.id = 'connections';
      item.iconPath = icon('plug');
      item.description = String(node.count);
      item.contextValue = 'connections';
      break;
    case 'connection': {
      const c = node.connection;
      item.id = `connection:${c.arn}`;
      item.iconPath = icon('plug', c.state === 'AUTHORIZED' ? 'charts.green' : c.state === 'DEAUTHORIZED' ? 'list.errorForeground' : 'charts.yellow');
      item.description = connectionDescription(c);
      item.contextValue = 'connection';
      // The connection's authorization parameters are not in the summary: no secret can reach the tree.
      item.tooltip = c.arn;
      break;
    }
    case 'scopes':
      item.id = 'scopes';
      item.iconPath = icon('globe');
      item.description = String(node.count);
      item.contextValue = 'scopes';
      item.tooltip = 'Resources of other accounts and regions, made by clients signing for them. The groups above are the default account and region.';
      break;
    case 'scope':
      item.id = `scope:${node.name}`;
      item.label = scopeLabel(node.scope);
      item.iconPath = icon('account');
      item.description = scopeDescription(node.scope);
      item.contextValue = 'scope';
      item.tooltip = `Account ${node.scope.accountId} in ${node.scope.region}: reached by clients signing for ${node.scope.region} with a 12-digit access key id ${node.scope.accountId} (or keys from AssumeRole into it).`;
      break;
    case 'scopedResource': {
      const scope = { accountId: node.scope.accountId, region: node.scope.region };
      item.id = `scope:${node.scope.accountId}/${node.scope.region}/${node.resourceKind}:${node.name}`;
      item.iconPath = icon(SCOPED_ICONS[node.resourceKind]);
      item.description = SCOPED_KIND_LABELS[node.resourceKind];
      item.contextValue = 'scopedResource';
      item.tooltip = `${SCOPED_KIND_LABELS[node.resourceKind]} ${node.name} of account ${scope.accountId} in ${scope.region}`;
      item.command = remote ? undefined : { command: 'eventyard.openInspector', title: 'Open Inspector', arguments: [{ kind: node.resourceKind, name: node.name, scope }] };
      break;
    }
    case 'apiDestination': {
      const d = node.apiDestination;
      item.id = `apiDestination:${d.arn}`;
      item.iconPath = icon('globe', d.state === 'ACTIVE' ? 'charts.green' : 'disabledForeground');
      item.description = apiDestinationDescription(d);
      item.contextValue = 'apiDestination';
      item.tooltip = d.arn;
      break;
    }
    case 'stateMachine': {
      const m = node.stateMachine;
      item.id = `stateMachine:${m.arn}`;
      item.iconPath = icon('type-hierarchy', 'charts.orange');
      item.description = `${m.type.toLowerCase()} · ${m.executions.length ? `${m.executions.length}${m.executions.length >= RECENT_EXECUTIONS ? '+' : ''} execution${m.executions.length === 1 ? '' : 's'}` : 'no executions'}`;
      item.contextValue = 'stateMachine';
      item.tooltip = m.arn;
      item.command = inspect('stateMachine');
      break;
    }
    case 'execution': {
      const e = node.execution;
      const [id, color] = EXECUTION_ICONS[e.status];
      item.id = `execution:${e.arn}`;
      item.iconPath = icon(id, color);
      item.description = executionDescription(e);
      item.contextValue = `execution.${e.status === 'RUNNING' ? 'running' : 'ended'}`;
      item.tooltip = `${e.arn}\n${e.status} · started ${new Date(e.startDate).toISOString()}`;
      item.command = remote
        ? undefined
        : { command: 'eventyard.openInspector', title: 'Open Inspector', arguments: [{ kind: 'stateMachine', name: node.stateMachine.name, execution: e.arn }] };
      break;
    }
    case 'bucket':
      item.id = `bucket:${node.name}`;
      item.iconPath = icon('database', 'charts.orange');
      item.contextValue = 'bucket';
      item.tooltip = `s3://${node.name}\ncreated ${new Date(node.bucket.createdAt).toISOString()}\nDrop files here to upload them.`;
      break;
    case 'folder':
      item.id = `folder:${node.bucket}/${node.name}`;
      item.iconPath = vscode.ThemeIcon.Folder;
      item.contextValue = 'folder';
      item.tooltip = `s3://${node.bucket}/${node.name}`;
      break;
    case 'object': {
      const o = node.object;
      item.id = `object:${node.bucket}/${node.name}`;
      // the file icon of the key's extension, from the user's icon theme
      item.resourceUri = objectUri(node.bucket, node.name);
      item.iconPath = vscode.ThemeIcon.File;
      item.description = objectDescription(o);
      item.contextValue = 'object';
      item.tooltip = `s3://${node.bucket}/${node.name}\n${byteSize(o.size)} · ETag ${o.etag}\nlast modified ${new Date(o.lastModified).toISOString()}`;
      item.command = { command: 'eventyard.openObject', title: 'Open Object', arguments: [node] };
      break;
    }
    case 'moreObjects':
      item.id = `moreObjects:${node.name}`;
      item.label = 'More keys than the tree lists';
      item.iconPath = icon('ellipsis');
      item.contextValue = 'moreObjects';
      item.tooltip = `List them with: aws s3 ls s3://${node.bucket}/${node.prefix}`;
      break;
  }
  // a plain-string tooltip would otherwise become the row's accessible name; name + description reads better
  item.accessibilityInformation = { label: [item.label, item.description].filter(Boolean).join(', ') as string };
  return item;
}
