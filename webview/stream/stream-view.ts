import { css, html, LitElement, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { kinesisLimits } from '../../src/broker/limits';
import { formatBody } from '../logic/body-format';
import type { ReshardRequest, ShardIteratorType, StreamDescription, StreamRecord } from '../../src/inspector/protocol';
import { layoutShards, ShardBox } from '../logic/shard-layout';
import { formatTime, perFrame } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { base, optionRows, page } from '../styles';
import { traceButton } from '../trace/trace-button';

const ITERATORS: { type: ShardIteratorType; label: string }[] = [
  { type: 'TRIM_HORIZON', label: 'Trim horizon (oldest)' },
  { type: 'LATEST', label: 'Latest (new records only)' },
  { type: 'AT_SEQUENCE_NUMBER', label: 'At sequence number' },
  { type: 'AFTER_SEQUENCE_NUMBER', label: 'After sequence number' },
  { type: 'AT_TIMESTAMP', label: 'At timestamp' },
];
const MAX_SHOWN = 1000;
const STATE_KEY = 'stream';

interface StreamViewState {
  shardId: string;
  iterator: ShardIteratorType;
  position: string;
}

/**
 * A stream: its shards drawn by hash-key range and lineage, a record browser per shard from any iterator
 * type with a live tail, and putting a record to see which shard its partition key lands on.
 */
@customElement('ey-stream-view')
export class StreamView extends LitElement {
  static override styles = [base, page, optionRows, css`
    svg {
      width: 100%;
      display: block;
    }
    .shard {
      fill: var(--vscode-editorWidget-background, rgba(128, 128, 128, 0.2));
      stroke: var(--vscode-panel-border, var(--vscode-contrastBorder, gray));
      cursor: pointer;
    }
    .shard.open {
      fill: var(--vscode-list-inactiveSelectionBackground, rgba(128, 128, 128, 0.3));
    }
    .shard.selected {
      stroke: var(--vscode-focusBorder);
      stroke-width: 2;
    }
    .shard.landed {
      fill: var(--vscode-charts-green, var(--vscode-progressBar-background));
    }
    .label {
      fill: var(--vscode-foreground);
      font-size: 11px;
      pointer-events: none;
    }
    .lineage {
      stroke: var(--vscode-descriptionForeground);
      stroke-dasharray: 3 2;
      fill: none;
    }
    .records {
      max-height: 45vh;
      overflow: auto;
      border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
    }
    .record {
      grid-template-columns: 12ch 14ch 13ch 8ch 1fr;
    }
    vscode-textfield {
      width: 220px;
    }
    .put vscode-textfield.data {
      width: 360px;
    }
  `];

  @property() accessor name = '';
  private readonly saved = host.getState<StreamViewState>(STATE_KEY);
  @state() private accessor shardId = this.saved.shardId ?? '';
  @state() private accessor iterator: ShardIteratorType = this.saved.iterator ?? 'TRIM_HORIZON';
  @state() private accessor position = this.saved.position ?? '';
  @state() private accessor records: StreamRecord[] = [];
  @state() private accessor nextIterator: string | undefined;
  @state() private accessor tail = false;
  @state() private accessor active = -1;
  @state() private accessor readError = '';
  @state() private accessor partitionKey = '';
  @state() private accessor data = '';
  @state() private accessor putResult = '';
  @state() private accessor landedShard = '';
  @state() private accessor targetShards = '';
  @state() private accessor reshardStatus = '';
  private readonly tailRead = perFrame(() => void this.readMore());
  private reading = false;
  private readonly description = new Live<StreamDescription>(this, {
    load: async () => {
      const d = await host.request('stream/describe', {});
      if (!d.shards.some((s) => s.shardId === this.shardId)) this.shardId = d.shards[0]?.shardId ?? '';
      return d;
    },
    changed: (batch) => {
      // a connection pushes no notices: each of its timer's batches (empty) is a step of the tail
      if (this.tail && batch.changes.length === 0) this.tailRead();
      else if (this.tail && batch.changes.some((c) => c.service === 'kinesis' && c.type === 'recordsPut' && c.shardIds.includes(this.shardId))) this.tailRead();
    },
  });

  private save() {
    host.setState(STATE_KEY, { shardId: this.shardId, iterator: this.iterator, position: this.position });
  }

  private async read() {
    this.save();
    this.records = [];
    this.active = -1;
    this.nextIterator = undefined;
    this.readError = '';
    const position: { type: ShardIteratorType; sequenceNumber?: string; timestamp?: number } = { type: this.iterator };
    if (this.iterator === 'AT_SEQUENCE_NUMBER' || this.iterator === 'AFTER_SEQUENCE_NUMBER') position.sequenceNumber = this.position.trim();
    if (this.iterator === 'AT_TIMESTAMP') position.timestamp = new Date(this.position).getTime();
    try {
      const r = await host.request('stream/read', { shardId: this.shardId, position, limit: 500 });
      this.records = r.records;
      this.nextIterator = r.nextIterator;
    } catch (e) {
      this.readError = (e as Error).message;
    }
  }

  /** Continues from where the last read stopped: "More", and each step of the live tail. */
  private async readMore() {
    if (!this.nextIterator || this.reading) return;
    this.reading = true;
    try {
      const r = await host.request('stream/read', { shardId: this.shardId, iterator: this.nextIterator, limit: 500 });
      this.records = [...this.records, ...r.records].slice(-MAX_SHOWN);
      this.nextIterator = r.nextIterator;
    } catch (e) {
      this.readError = (e as Error).message;
    } finally {
      this.reading = false;
    }
  }

  private async reshard(request: ReshardRequest, done: string) {
    this.reshardStatus = '';
    try {
      await host.request('stream/reshard', request);
      this.reshardStatus = done;
      void this.description.load();
    } catch (e) {
      this.readError = (e as Error).message;
    }
  }

  /** The open shard whose range starts right after the selected one's: the one MergeShards can take. */
  private adjacent(d: StreamDescription): string | undefined {
    const selected = d.shards.find((s) => s.shardId === this.shardId && s.open);
    if (!selected) return undefined;
    const next = (BigInt(selected.endingHashKey) + 1n).toString();
    return d.shards.find((s) => s.open && s.startingHashKey === next)?.shardId;
  }

  private renderReshard(d: StreamDescription) {
    const open = d.shards.filter((s) => s.open).length;
    const selectedOpen = d.shards.some((s) => s.shardId === this.shardId && s.open);
    const adjacent = this.adjacent(d);
    return html`<div class="toolbar" role="group" aria-label="Reshard">
      <label class="row">Open shards
        <vscode-textfield type="number" min="1" aria-label="Target open shard count" placeholder=${String(open)} .value=${this.targetShards}
          @input=${(e: Event) => (this.targetShards = (e.target as HTMLInputElement).value)}></vscode-textfield></label>
      <vscode-button secondary ?disabled=${!Number(this.targetShards)} data-testid="update-shard-count"
        @click=${() => this.reshard({ action: 'updateShardCount', targetShardCount: Number(this.targetShards) }, `Resharding to ${this.targetShards} open shards (UpdateShardCount).`)}>Update shard count</vscode-button>
      <vscode-button secondary ?disabled=${!selectedOpen} @click=${() => this.reshard({ action: 'split', shardId: this.shardId }, `Splitting ${this.shardId} at the middle of its range.`)}>Split ${this.shardId.replace('shardId-', '')}</vscode-button>
      <vscode-button secondary ?disabled=${!adjacent} @click=${() => this.reshard({ action: 'merge', shardId: this.shardId, adjacentShardId: adjacent! }, `Merging ${this.shardId} with ${adjacent}.`)}>Merge with ${adjacent?.replace('shardId-', '') ?? 'next'}</vscode-button>
      ${!host.connection ? nothing : html`<span class="muted">The editor asks for the stream's name typed first.</span>`}
      ${this.reshardStatus ? html`<span role="status" data-testid="reshard-status">${this.reshardStatus}</span>` : nothing}
    </div>`;
  }

  private async put() {
    this.putResult = '';
    try {
      const r = await host.request('stream/put', { partitionKey: this.partitionKey, data: this.data });
      this.putResult = `Landed on ${r.shardId} at sequence number ${r.sequenceNumber}.`;
      this.landedShard = r.shardId;
    } catch (e) {
      this.putResult = '';
      this.readError = (e as Error).message;
    }
  }

  override render() {
    return this.description.render(
      (d) => html`
      <div class="row wrap">
        <h1 class="ellipsis">${d.name}</h1>
        <span class="pill">${d.status}</span>
        ${d.mode ? html`<span class="muted">${d.mode === 'ON_DEMAND' ? 'on-demand' : 'provisioned'}</span>` : nothing}
        <span class="muted">${d.shards.filter((s) => s.open).length} open shard(s), retention ${d.retentionHours ?? kinesisLimits.defaultRetentionHours} h</span>
        <ey-copy .text=${d.arn} label="Copy stream ARN"></ey-copy>
      </div>
      ${this.description.renderError()}
      <h3>Shards by hash-key range</h3>
      ${this.renderDiagram(d)}
      ${this.renderReshard(d)}
      ${d.consumers
        ? html`<h3>Enhanced fan-out consumers</h3>
            ${d.consumers.length
              ? html`<table class="kv" data-testid="consumers">
                  ${d.consumers.map((c) => html`<tr><th>${c.name}</th><td>${c.status}</td><td>since ${formatTime(c.createdAt)}</td><td><ey-copy .text=${c.arn} label="Copy consumer ARN"></ey-copy></td></tr>`)}
                </table>`
              : html`<p class="muted">No consumer is registered (RegisterStreamConsumer).</p>`}`
        : nothing}
      <h3>Records</h3>
      <div class="toolbar">
        <label class="row"
          >Shard
          <vscode-single-select aria-label="Shard" .value=${this.shardId} @change=${(e: Event) => (this.shardId = (e.target as HTMLInputElement).value)}>
            ${d.shards.map((s) => html`<vscode-option value=${s.shardId}>${s.shardId}${s.recordCount !== undefined ? ` (${s.recordCount})` : ''}${s.open ? '' : ' closed'}</vscode-option>`)}
          </vscode-single-select></label
        >
        <label class="row"
          >From
          <vscode-single-select aria-label="Shard iterator type" .value=${this.iterator} @change=${(e: Event) => (this.iterator = (e.target as HTMLInputElement).value as ShardIteratorType)}>
            ${ITERATORS.map((i) => html`<vscode-option value=${i.type}>${i.label}</vscode-option>`)}
          </vscode-single-select></label
        >
        ${this.iterator.includes('SEQUENCE') || this.iterator === 'AT_TIMESTAMP'
          ? html`<vscode-textfield
              aria-label=${this.iterator === 'AT_TIMESTAMP' ? 'Timestamp' : 'Sequence number'}
              placeholder=${this.iterator === 'AT_TIMESTAMP' ? '2026-01-01T12:00:00Z' : 'sequence number'}
              .value=${this.position}
              @input=${(e: Event) => (this.position = (e.target as HTMLInputElement).value)}
            ></vscode-textfield>`
          : nothing}
        <vscode-button @click=${this.read} data-testid="read">Read</vscode-button>
        <vscode-button secondary ?disabled=${!this.nextIterator} @click=${this.readMore}>More</vscode-button>
        <vscode-checkbox .checked=${this.tail} @change=${(e: Event) => (this.tail = (e.target as HTMLInputElement).checked)}>Live tail</vscode-checkbox>
        <span class="muted" role="status" data-testid="record-count">${this.records.length} record${this.records.length === 1 ? '' : 's'}</span>
      </div>
      ${this.readError ? html`<p class="error" role="alert">${this.readError}</p>` : nothing}
      <div class="records" role="listbox" aria-label="Records">
        ${this.records.map(
          (r, i) => html`<div
            class="record ${i === this.active ? 'active' : ''}"
            role="option"
            tabindex="0"
            aria-selected=${i === this.active ? 'true' : 'false'}
            @click=${() => (this.active = i)}
            @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (this.active = i)}
          >
            <span class="mono ellipsis" title=${r.sequenceNumber}>…${r.sequenceNumber.slice(-10)}</span>
            <span class="ellipsis" title="Partition key">${r.partitionKey}</span>
            <span>${formatTime(r.arrivedAt)}</span>
            <span>${r.size} B</span>
            <span class="mono ellipsis" data-testid="record-data">${r.data}</span>
          </div>`,
        )}
      </div>
      ${this.active >= 0 && this.records[this.active] ? this.renderRecord(this.records[this.active]) : nothing}
      <h3>Put a record</h3>
      <div class="toolbar put">
        <vscode-textfield aria-label="Partition key" placeholder="Partition key" .value=${this.partitionKey} @input=${(e: Event) => (this.partitionKey = (e.target as HTMLInputElement).value)}></vscode-textfield>
        <vscode-textfield class="data" aria-label="Record data" placeholder="Data" .value=${this.data} @input=${(e: Event) => (this.data = (e.target as HTMLInputElement).value)}></vscode-textfield>
        <vscode-button @click=${this.put} data-testid="put">Put record</vscode-button>
        ${this.putResult ? html`<span role="status" data-testid="put-result">${this.putResult}</span>` : nothing}
      </div>
      `,
    );
  }

  private renderRecord(r: StreamRecord) {
    const body = r.binary ? { text: r.data } : formatBody(r.data);
    return html`<div class="row"><h3 class="grow">Record data${r.binary ? ' (base64, not UTF-8)' : ''}</h3><ey-copy .text=${r.data} label="Copy data"></ey-copy>${traceButton(`${this.name}/${r.sequenceNumber}`)}</div>
      <pre class="mono">${body.text}</pre>
      <table class="kv mono">
        <tr><th>Sequence number</th><td>${r.sequenceNumber}</td></tr>
        <tr><th>Partition key</th><td>${r.partitionKey}</td></tr>
        <tr><th>Arrived</th><td>${new Date(r.arrivedAt).toISOString()}</td></tr>
      </table>`;
  }

  private renderDiagram(d: StreamDescription) {
    const boxes = layoutShards(d.shards);
    const rows = Math.max(0, ...boxes.map((b) => b.row)) + 1;
    const W = 1000;
    const H = 34;
    const byId = new Map(boxes.map((b) => [b.shardId, b]));
    const pick = (b: ShardBox) => {
      this.shardId = b.shardId;
      this.save();
    };
    return html`<svg viewBox="0 0 ${W} ${rows * (H + 14)}" role="group" aria-label="Shards of ${d.name} by hash-key range, parents above children">
      ${boxes.flatMap((b) =>
        b.parents.map((p) => {
          const parent = byId.get(p)!;
          return svg`<path class="lineage" d="M ${(parent.x + parent.width / 2) * W} ${parent.row * (H + 14) + H} L ${(b.x + b.width / 2) * W} ${b.row * (H + 14)}"></path>`;
        }),
      )}
      ${boxes.map(
        (b) => svg`<g role="button" tabindex="0" aria-label="${b.shardId}${b.open ? '' : ' (closed)'}"
          @click=${() => pick(b)} @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && pick(b)}>
          <rect class="shard ${b.open ? 'open' : ''} ${b.shardId === this.shardId ? 'selected' : ''} ${b.shardId === this.landedShard ? 'landed' : ''}"
            x=${b.x * W + 1} y=${b.row * (H + 14)} width=${Math.max(2, b.width * W - 2)} height=${H} rx="3"></rect>
          <text class="label" x=${b.x * W + 6} y=${b.row * (H + 14) + 21}>${b.shardId.replace('shardId-', '')}${b.open ? '' : ' closed'}</text>
        </g>`,
      )}
    </svg>`;
  }
}
