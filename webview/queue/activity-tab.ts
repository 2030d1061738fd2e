import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { QueueDescription, ServiceNotice } from '../../src/inspector/protocol';
import { formatTime } from '../frame';
import type { ChangeBatch } from '../host';
import { Live } from '../live';
import { base } from '../styles';

const KEEP = 500;

const LABELS: Record<ServiceNotice<'sqs'>['type'], string> = {
  queueCreated: 'queue created',
  queueDeleted: 'queue deleted',
  queueTagged: 'tags changed',
  messageSent: 'sent',
  messageReceived: 'received',
  messageDeleted: 'deleted',
  visibilityChanged: 'visibility changed',
  messageVisible: 'visible again',
  messageExpired: 'expired',
  messageMovedToDeadLetterQueue: 'moved to dead-letter queue',
  messageMoved: 'moved',
  queuePurged: 'queue purged',
  queueAttributesChanged: 'attributes changed',
  moveTaskChanged: 'move task changed',
};

/** What is happening to the queue right now, newest first, from the change events since the panel opened. */
@customElement('ey-activity-tab')
export class ActivityTab extends LitElement {
  static override styles = [base, css`
    :host {
      display: block;
      overflow: auto;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      gap: 10px;
      padding: 1px 0;
    }
    time {
      color: var(--vscode-descriptionForeground);
      font-variant-numeric: tabular-nums;
    }
  `];

  @property({ attribute: false }) accessor queue!: QueueDescription;
  @state() private accessor entries: ServiceNotice<'sqs'>[] = [];
  @state() private accessor missed = 0;
  /** Nothing to load: the list is the change notices themselves. */
  private readonly live = new Live(this, { changed: (batch) => this.add(batch) });

  private add(batch: ChangeBatch) {
    const changes = batch.changes.filter((c): c is ServiceNotice<'sqs'> => c.service === 'sqs');
    this.entries = [...changes.reverse(), ...this.entries].slice(0, KEEP);
    this.missed += batch.dropped;
  }

  override render() {
    return html`
      <p class="muted">Live activity of ${this.queue.name} since this tab opened${this.missed ? ` (${this.missed} events too fast to list)` : ''}.</p>
      <ol aria-label="Queue activity" aria-live="polite">
        ${this.entries.map(
          (e) => html`<li>
            <time>${formatTime(e.at)}</time><span>${LABELS[e.type]}</span>
            <span class="mono">${e.messageId ?? ''}</span>
            <span class="muted">${e.targetQueueName ? `→ ${e.targetQueueName}` : ''}${e.receiveCount !== undefined ? ` receive count ${e.receiveCount}` : ''}</span>
          </li>`,
        )}
      </ol>
    `;
  }
}
