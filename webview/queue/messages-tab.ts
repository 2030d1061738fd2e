import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatBytes } from '../logic/body-format';
import { PageCache } from '../logic/page-cache';
import type { MessageSummary, PeekState, QueueDescription } from '../../src/inspector/protocol';
import { listTabStyles, virtualListStyles } from '../components/virtual-list';
import { formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { base } from '../styles';
import './message-detail';

interface MessagesState {
  state: PeekState;
  text: string;
  attribute: string;
  selected: string;
}

const STATE_KEY = 'messages';
const STATE_LABELS: Record<MessageSummary['state'], string> = { visible: 'visible', inFlight: 'in flight', delayed: 'delayed' };

/** The non-destructive peek list: every message of the queue, filterable, with a detail pane. */
@customElement('ey-messages-tab')
export class MessagesTab extends LitElement {
  static override styles = [base, virtualListStyles, listTabStyles, css`
    .split {
      flex: 1 1 auto;
      display: flex;
      gap: 8px;
      min-height: 0;
    }
    ey-virtual-list {
      flex: 1 1 55%;
      min-width: 0;
    }
    ey-message-detail {
      flex: 1 1 45%;
      min-width: 0;
      overflow: auto;
    }
    .count {
      width: 3ch;
      text-align: right;
    }
    .size {
      width: 8ch;
      text-align: right;
    }
    .group {
      width: 10ch;
    }
    .state {
      width: 9ch;
    }
    vscode-textfield {
      width: 220px;
    }
  `];

  @property({ attribute: false }) accessor queue!: QueueDescription;
  private readonly saved = host.getState<MessagesState>(STATE_KEY);
  @state() private accessor state: PeekState = this.saved.state ?? 'all';
  @state() private accessor text = this.saved.text ?? '';
  @state() private accessor attribute = this.saved.attribute ?? '';
  @state() private accessor selectedId = this.saved.selected ?? '';
  @state() private accessor activeIndex = -1;
  private readonly cache = new PageCache<MessageSummary>(
    (offset, limit) =>
      host
        .request('queue/peek', { state: this.state, offset, limit, text: this.text || undefined, attribute: this.attribute || undefined })
        .then((p) => ({ total: p.total, items: p.messages })),
    () => this.version++,
  );
  @state() private accessor version = 0;
  /** Refetches the rows in view after changes (the cache keeps the old ones shown until they arrive). */
  private readonly rows = new Live(this, { load: () => this.cache.invalidate() });
  private searchTimer: number | undefined;

  private save() {
    host.setState(STATE_KEY, { state: this.state, text: this.text, attribute: this.attribute, selected: this.selectedId });
  }

  private requery() {
    this.activeIndex = -1;
    this.save();
    this.cache.reset();
  }

  /** Typing filters after a short pause, not on every key, because each query scans the whole queue. */
  private onSearch(field: 'text' | 'attribute', value: string) {
    this[field] = value;
    window.clearTimeout(this.searchTimer);
    this.searchTimer = window.setTimeout(() => this.requery(), 200);
  }

  private onActivate(e: CustomEvent<{ index: number }>) {
    this.activeIndex = e.detail.index;
    const m = this.cache.get(e.detail.index);
    if (m) {
      this.selectedId = m.messageId;
      this.save();
    }
  }

  private renderRow = (i: number) => {
    const m = this.cache.get(i);
    if (!m) return html`<span class="muted">…</span>`;
    return html`
      <span class="cell id mono ellipsis" title=${m.messageId}>${m.messageId.slice(0, 8)}</span>
      <span class="cell time">${formatTime(m.sentTimestamp)}</span>
      <span class="cell state"><span class="pill ${m.state}">${STATE_LABELS[m.state]}</span></span>
      <span class="cell count" title="Receive count">${m.receiveCount}</span>
      ${this.queue.fifo ? html`<span class="cell group ellipsis" title=${m.messageGroupId ?? ''}>${m.messageGroupId ?? ''}</span>` : nothing}
      <span class="cell size">${formatBytes(m.size)}</span>
      <span class="cell preview mono ellipsis">${m.preview}</span>
    `;
  };

  private rowLabel = (i: number) => {
    const m = this.cache.get(i);
    return m ? `Message ${m.messageId}, ${STATE_LABELS[m.state]}, received ${m.receiveCount} times: ${m.preview.slice(0, 80)}` : 'Loading';
  };

  override render() {
    const filtered = !!(this.text || this.attribute);
    return html`
      <div class="toolbar" role="search">
        <vscode-single-select
          aria-label="Message state"
          .value=${this.state}
          @change=${(e: Event) => {
            this.state = (e.target as HTMLInputElement).value as PeekState;
            this.requery();
          }}
        >
          <vscode-option value="all">All states</vscode-option>
          <vscode-option value="visible">Visible</vscode-option>
          <vscode-option value="inFlight">In flight</vscode-option>
          <vscode-option value="delayed">Delayed</vscode-option>
        </vscode-single-select>
        <vscode-textfield
          placeholder="Search body, id, attributes"
          aria-label="Search messages by text"
          .value=${this.text}
          @input=${(e: Event) => this.onSearch('text', (e.target as HTMLInputElement).value)}
          ><vscode-icon slot="content-before" name="search"></vscode-icon
        ></vscode-textfield>
        <vscode-textfield
          placeholder="Attribute: name or name=value"
          aria-label="Filter messages by message attribute"
          .value=${this.attribute}
          @input=${(e: Event) => this.onSearch('attribute', (e.target as HTMLInputElement).value)}
        ></vscode-textfield>
        <span class="muted" role="status" data-testid="message-total"
          >${this.cache.loaded ? `${this.cache.total} ${filtered ? 'matching' : ''} message${this.cache.total === 1 ? '' : 's'}` : 'Loading…'}</span
        >
      </div>
      <div class="split">
        <ey-virtual-list
          aria-label="Messages"
          .rows=${this.cache}
          .version=${this.version}
          .activeIndex=${this.activeIndex}
          .renderRow=${this.renderRow}
          .rowLabel=${this.rowLabel}
          .isSelected=${(i: number) => this.cache.get(i)?.messageId === this.selectedId}
          emptyText=${filtered ? 'No message matches.' : 'The queue is empty.'}
          @activate=${this.onActivate}
        ></ey-virtual-list>
        ${this.selectedId
          ? html`<ey-message-detail .messageId=${this.selectedId} .fifo=${this.queue.fifo}></ey-message-detail>`
          : html`<p class="muted">Select a message to see its body, attributes and activity.</p>`}
      </div>
    `;
  }
}
