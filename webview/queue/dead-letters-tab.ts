import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleProps } from '../components/style-props';
import { deadLetterReason } from '../logic/dead-letter-reason';
import { PageCache } from '../logic/page-cache';
import type { MessageSummary, QueueDescription } from '../../src/inspector/protocol';
import { listTabStyles, virtualListStyles } from '../components/virtual-list';
import { formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { base } from '../styles';

const ORIGINAL_SOURCE = '';

/**
 * A dead-letter queue's messages with where they came from and how often they were received; redrive the
 * selected ones or all of them (StartMessageMoveTask), watch the move task, delete or purge.
 */
@customElement('ey-dead-letters-tab')
export class DeadLettersTab extends LitElement {
  static override styles = [base, virtualListStyles, listTabStyles, css`
    .check {
      width: 3ch;
    }
    .source {
      width: 18ch;
    }
    .count {
      width: 10ch;
    }
    .age {
      width: 11ch;
    }
    .why {
      width: 32ch;
      color: var(--vscode-errorForeground);
    }
    .task {
      display: flex;
      gap: 8px;
      align-items: center;
      max-width: 640px;
    }
    .task .bar {
      flex: 1 1 auto;
    }
  `];

  @property({ attribute: false }) accessor queue!: QueueDescription;
  @state() private accessor version = 0;
  @state() private accessor activeIndex = -1;
  @state() private accessor selected = new Set<string>();
  @state() private accessor destination = ORIGINAL_SOURCE;
  @state() private accessor queues: string[] = [];
  @state() private accessor status = '';
  @state() private accessor error = '';
  @state() private accessor confirmPurge = false;
  @state() private accessor busy = false;
  private readonly cache = new PageCache<MessageSummary>(
    // a connection has no peek: the tab then offers the whole-queue actions only
    (offset, limit) => (host.capabilities.peek ? host.request('queue/peek', { state: 'all', offset, limit }).then((p) => ({ total: p.total, items: p.messages })) : Promise.resolve({ total: 0, items: [] })),
    () => this.version++,
  );
  /** Refetches the rows in view after changes (the cache keeps the old ones shown until they arrive). */
  private readonly rows = new Live(this, { load: () => this.cache.invalidate() });

  override connectedCallback(): void {
    super.connectedCallback();
    void host.request('queue/list', {}).then((q) => (this.queues = q.filter((n) => n !== this.queue.name)));
  }

  private toggle(index: number) {
    const m = this.cache.get(index);
    if (!m) return;
    const next = new Set(this.selected);
    if (!next.delete(m.messageId)) next.add(m.messageId);
    this.selected = next;
  }

  private async run(action: () => Promise<string>) {
    this.busy = true;
    this.error = '';
    this.status = '';
    try {
      this.status = await action();
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.busy = false;
      this.confirmPurge = false;
    }
  }

  private redriveSelected() {
    return this.run(async () => {
      const ids = [...this.selected];
      const r = await host.request('queue/redrive', { messageIds: ids, destination: this.destination || undefined });
      this.selected = new Set();
      return `Redrove ${r.moved} of ${ids.length} selected message${ids.length === 1 ? '' : 's'}.`;
    });
  }

  /** The selected dead letters as an event file that sends them to the queue each failed in. */
  private saveSelected() {
    return this.run(async () => {
      const r = await host.request('eventFile/save', { ids: [...this.selected] });
      return `Saved ${r.saved} message${r.saved === 1 ? '' : 's'} as an event file.`;
    });
  }

  private redriveAll() {
    return this.run(async () => {
      const r = await host.request('queue/redrive', { destination: this.destination || undefined });
      return `Started move task ${r.taskHandle ?? ''}.`;
    });
  }

  private deleteSelected() {
    return this.run(async () => {
      const r = await host.request('queue/delete', { messageIds: [...this.selected] });
      this.selected = new Set();
      return `Deleted ${r.deleted} message${r.deleted === 1 ? '' : 's'}.`;
    });
  }

  private purge() {
    // on a connection the editor asks for the queue's name typed instead
    if (!this.confirmPurge && host.capabilities.peek) {
      this.confirmPurge = true;
      return;
    }
    return this.run(async () => {
      await host.request('queue/purge', {});
      return 'Purged.';
    });
  }

  private renderRow = (i: number) => {
    const m = this.cache.get(i);
    if (!m) return html`<span class="muted">…</span>`;
    const why = deadLetterReason(m, host.now());
    return html`
      <span class="cell check"
        ><vscode-checkbox
          aria-label="Select message ${m.messageId}"
          .checked=${this.selected.has(m.messageId)}
          @click=${(e: Event) => e.stopPropagation()}
          @change=${() => this.toggle(i)}
        ></vscode-checkbox
      ></span>
      <span class="cell id mono ellipsis" title=${m.messageId}>${m.messageId.slice(0, 8)}</span>
      <span class="cell source ellipsis" title="Came from">${m.deadLetterSourceQueueName ?? 'unknown source'}</span>
      <span class="cell count">${why.received}</span>
      <span class="cell age" title="Sent ${formatTime(m.sentTimestamp)}">${why.age} old</span>
      <span class="cell why ellipsis" title=${why.error ?? 'No local function failed on it'} data-testid="dlq-error">${why.error ?? ''}</span>
      <span class="cell preview mono ellipsis">${m.preview}</span>
    `;
  };

  override render() {
    const n = this.selected.size;
    const peek = host.capabilities.peek;
    const tasks = this.queue.moveTasks;
    return html`
      <div class="toolbar">
        <span class="muted" data-testid="dlq-total">${peek
          ? `${this.cache.total} dead letter${this.cache.total === 1 ? '' : 's'}, ${n} selected`
          : `about ${this.queue.counts.visible} dead letter${this.queue.counts.visible === 1 ? '' : 's'} waiting`}</span>
        <span class="grow"></span>
        <label class="row">Redrive to
          <vscode-single-select aria-label="Redrive destination" .value=${this.destination} @change=${(e: Event) => (this.destination = (e.target as HTMLInputElement).value)}>
            <vscode-option value=${ORIGINAL_SOURCE}>Original source queue</vscode-option>
            ${this.queues.map((q) => html`<vscode-option value=${q}>${q}</vscode-option>`)}
          </vscode-single-select>
        </label>
        ${peek ? html`<vscode-button ?disabled=${!n || this.busy} @click=${this.redriveSelected} data-testid="redrive-selected">Redrive selected</vscode-button>` : nothing}
        <vscode-button ?disabled=${this.busy || (peek && !this.cache.total)} @click=${this.redriveAll} data-testid="redrive-all">Redrive all</vscode-button>
        ${peek
          ? html`<vscode-button secondary ?disabled=${!n || this.busy} @click=${this.deleteSelected}>Delete selected</vscode-button>
              <vscode-button secondary ?disabled=${!n || this.busy} @click=${this.saveSelected} data-testid="save-selected">Save as event file</vscode-button>`
          : nothing}
        <vscode-button secondary ?disabled=${this.busy} @click=${this.purge}>${this.confirmPurge ? 'Confirm purge' : 'Purge'}</vscode-button>
      </div>
      ${this.status ? html`<p role="status" data-testid="dlq-status">${this.status}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${tasks.length
        ? html`<h3>Move tasks</h3>
            ${tasks.map((t) => {
              const total = t.toMove ?? t.moved;
              const fraction = total ? t.moved / total : t.status === 'COMPLETED' ? 1 : 0;
              return html`<div class="task" role="group" aria-label="Move task">
                <span>${t.status}</span>
                <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax=${total} aria-valuenow=${t.moved}>
                  <span ${styleProps({ width: `${Math.round(fraction * 100)}%` })}></span>
                </div>
                <span>${t.moved}${t.toMove !== undefined ? ` / ${t.toMove}` : ''} moved</span>
                ${t.failureReason ? html`<span class="error">${t.failureReason}</span>` : nothing}
                ${t.status === 'RUNNING' && t.taskHandle
                  ? html`<vscode-button secondary @click=${() => this.run(async () => (await host.request('queue/cancelMoveTask', { taskHandle: t.taskHandle! }), 'Cancelling.'))}>Cancel</vscode-button>`
                  : nothing}
              </div>`;
            })}`
        : nothing}
      ${peek ? this.renderList() : html`<p class="muted" data-testid="dlq-no-peek">
        On a connection the dead letters are moved whole, with StartMessageMoveTask; its progress shows above
        (ListMessageMoveTasks). Redrive and purge ask for the queue's name typed in the editor. To look at single
        messages, poll the queue (each poll counts as a receive).</p>`}
    `;
  }

  private renderList() {
    return html`
      <ey-virtual-list
        aria-label="Dead letters"
        .rows=${this.cache}
        .version=${this.version}
        .activeIndex=${this.activeIndex}
        .renderRow=${this.renderRow}
        .isSelected=${(i: number) => this.selected.has(this.cache.get(i)?.messageId ?? '')}
        .rowLabel=${(i: number) => {
          const m = this.cache.get(i);
          return m ? deadLetterReason(m, host.now()).text : 'Loading';
        }}
        emptyText="No dead letters."
        @activate=${(e: CustomEvent<{ index: number }>) => (this.activeIndex = e.detail.index)}
        @toggle=${(e: CustomEvent<{ index: number }>) => this.toggle(e.detail.index)}
      ></ey-virtual-list>
    `;
  }
}
