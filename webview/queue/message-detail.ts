import { css, html, LitElement, nothing, PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatBody } from '../logic/body-format';
import type { ActivityEntry, MessageDetail } from '../../src/inspector/protocol';
import { formatDateTime, formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { base } from '../styles';
import '../copy-button';
import { traceButton } from '../trace/trace-button';

interface Shown {
  id: string;
  message: MessageDetail | null;
  activity: ActivityEntry[];
}

const ACTIVITY_LABELS: Record<ActivityEntry['kind'], string> = {
  sent: 'Sent',
  received: 'Received',
  visibilityChanged: 'Visibility changed',
  visible: 'Visible again',
  deleted: 'Deleted',
  expired: 'Expired (retention period)',
  movedToDeadLetterQueue: 'Moved to dead-letter queue',
  moved: 'Moved',
};

export function describeActivity(e: ActivityEntry): string {
  const parts = [ACTIVITY_LABELS[e.kind]];
  if (e.targetQueueName) parts.push(`→ ${e.targetQueueName}`);
  else parts.push(`in ${e.queueName}`);
  if (e.receiveCount !== undefined && e.kind === 'received') parts.push(`(receive #${e.receiveCount})`);
  if (e.visibleAt !== undefined && (e.kind === 'received' || e.kind === 'visibilityChanged')) {
    parts.push(`hidden until ${formatTime(e.visibleAt)}`);
  }
  return parts.join(' ');
}

/** One message in full: body (formatted JSON or raw), attributes, system attributes, timeline. */
@customElement('ey-message-detail')
export class MessageDetailView extends LitElement {
  static override styles = [base, css`
    :host {
      display: block;
      padding: 0 4px 8px;
    }
    ol {
      list-style: none;
      padding: 0;
      margin: 0;
      border-left: 2px solid var(--vscode-panel-border, var(--vscode-contrastBorder));
    }
    li {
      padding: 2px 0 2px 10px;
    }
    li time {
      color: var(--vscode-descriptionForeground);
      font-variant-numeric: tabular-nums;
      margin-right: 6px;
    }
  `];

  @property() accessor messageId = '';
  @property({ type: Boolean }) accessor fifo = false;
  @state() private accessor raw = false;
  /** The message and its activity, with the id they are of: until another id's answer is in, it is shown as loading. */
  private readonly detail: Live<Shown | undefined> = new Live(this, {
    load: async () => {
      const id = this.messageId;
      const [message, activity] = await Promise.all([host.request('queue/message', { messageId: id }), host.request('queue/activity', { messageId: id })]);
      // An answer about a message no longer selected must not replace what is shown.
      return id === this.messageId ? { id, message, activity } : this.detail.value;
    },
    when: (batch) => batch.dropped > 0 || batch.changes.some((c) => c.messageId === this.messageId || !c.messageId),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first load comes with connecting; a new id afterwards is another message to load.
    if (changed.has('messageId') && this.hasUpdated) void this.detail.load();
  }

  override render() {
    const d = this.detail.value;
    if (d?.id !== this.messageId) return html`<p class="muted">Loading…</p>`;
    const m = d.message;
    const timeline = this.renderActivity(d.activity);
    if (m === null) return html`<p class="muted" role="status">Message ${this.messageId} is no longer in this queue.</p>${traceButton(this.messageId)}${timeline}`;
    const body = formatBody(m.body);
    const shown = this.raw || !body.json ? m.body : body.text;
    return html`
      <h3>Message id</h3>
      <div class="row">
        <span class="mono grow ellipsis" data-testid="message-id">${m.messageId}</span>
        <ey-copy .text=${m.messageId} label="Copy message id"></ey-copy>
        <vscode-button secondary @click=${() => void host.request('eventFile/save', { ids: [m.messageId] })} data-testid="save-event-file">Save as event file</vscode-button>
        ${traceButton(m.messageId)}
      </div>
      <div class="row">
        <h3 class="grow">Body ${body.json ? '(JSON)' : ''}</h3>
        ${body.json
          ? html`<vscode-checkbox .checked=${this.raw} @change=${(e: Event) => (this.raw = (e.target as HTMLInputElement).checked)}
              >Raw</vscode-checkbox
            >`
          : nothing}
        <ey-copy .text=${m.body} label="Copy body"></ey-copy>
      </div>
      <pre class="mono" data-testid="message-body" aria-label="Message body">${shown}</pre>
      ${m.receiptHandle
        ? html`<h3>Receipt handle</h3>
            <div class="row"><span class="mono ellipsis grow">${m.receiptHandle}</span><ey-copy .text=${m.receiptHandle} label="Copy receipt handle"></ey-copy></div>`
        : nothing}
      <h3>Message attributes</h3>
      ${Object.keys(m.messageAttributes).length
        ? html`<table class="kv mono">
            ${Object.entries(m.messageAttributes).map(
              ([k, v]) => html`<tr><th>${k}</th><td class="muted">${v.DataType}</td><td>${v.StringValue ?? v.BinaryValue ?? ''}</td></tr>`,
            )}
          </table>`
        : html`<p class="muted">None.</p>`}
      <h3>System attributes</h3>
      <table class="kv mono">
        ${Object.entries(m.attributes).map(([k, v]) => html`<tr><th>${k}</th><td>${this.systemValue(k, v)}</td></tr>`)}
      </table>
      ${timeline}
    `;
  }

  private systemValue(name: string, value: string): string {
    return name.endsWith('Timestamp') && /^\d+$/.test(value) ? `${value} (${formatDateTime(Number(value))})` : value;
  }

  private renderActivity(activity: ActivityEntry[]) {
    return html`<h3>Activity</h3>
      ${activity.length
        ? html`<ol aria-label="Activity of this message">
            ${activity.map((e) => html`<li><time>${formatTime(e.at)}</time>${describeActivity(e)}</li>`)}
          </ol>`
        : html`<p class="muted">Nothing recorded since Eventyard started.</p>`}`;
  }
}
