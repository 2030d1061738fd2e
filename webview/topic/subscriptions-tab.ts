import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkJson } from '../logic/body-format';
import type { MessageAttribute, SubscriptionSummary, TopicDescription } from '../../src/inspector/protocol';
import { host } from '../host';
import { base } from '../styles';

/**
 * Each subscription with its status and filter policy. Editing checks the JSON here and then lets the
 * engine validate the policy as SNS does, showing SNS's own error text when it refuses.
 */
@customElement('ey-subscriptions-tab')
export class SubscriptionsTab extends LitElement {
  static override styles = [base, css`
    .sub {
      border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder));
      border-radius: 3px;
      padding: 8px;
      margin: 8px 0;
    }
    vscode-textarea {
      width: 100%;
    }
    .status-Confirmed {
      color: var(--vscode-charts-green, var(--vscode-foreground));
    }
    .status-PendingConfirmation {
      color: var(--vscode-charts-orange, var(--vscode-foreground));
    }
  `];

  @property({ attribute: false }) accessor topic!: TopicDescription;
  @state() private accessor editing = '';
  @state() private accessor draft = '';
  @state() private accessor scope: 'MessageAttributes' | 'MessageBody' = 'MessageAttributes';
  @state() private accessor error = '';
  @state() private accessor sample = '';
  @state() private accessor sampleAttributes = '';
  @state() private accessor verdict = '';

  private edit(s: SubscriptionSummary) {
    this.editing = s.arn;
    this.draft = s.filterPolicy ? JSON.stringify(JSON.parse(s.filterPolicy), null, 2) : '';
    this.scope = s.filterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
    this.error = '';
  }

  private async save() {
    const local = this.draft.trim() ? checkJson(this.draft) : undefined;
    if (local) {
      this.error = `Not JSON: ${local}`;
      return;
    }
    try {
      await host.request('topic/setFilterPolicy', { subscriptionArn: this.editing, filterPolicy: this.draft, scope: this.scope });
      this.editing = '';
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** `name=value` pairs, comma-separated; a value that reads as a number is sent as a Number attribute. */
  private sampleAttributeMap(): Record<string, MessageAttribute> {
    const out: Record<string, MessageAttribute> = {};
    for (const pair of this.sampleAttributes.split(',')) {
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const value = pair.slice(at + 1).trim();
      out[pair.slice(0, at).trim()] = { DataType: value !== '' && Number.isFinite(Number(value)) ? 'Number' : 'String', StringValue: value };
    }
    return out;
  }

  private async trySample() {
    try {
      const r = await host.request('topic/testFilter', { filterPolicy: this.draft, scope: this.scope, message: this.sample, attributes: this.sampleAttributeMap() });
      this.verdict = r.matched ? 'Matches: this subscription would receive the message.' : `No match: the message fails ${r.failedKey ?? 'the policy'}, so this subscription would not receive it.`;
      this.error = '';
    } catch (e) {
      this.verdict = '';
      this.error = (e as Error).message;
    }
  }

  override render() {
    if (!this.topic.subscriptions.length) return html`<p class="muted">No subscriptions. Subscribe a queue, a function or an HTTP endpoint to this topic.</p>`;
    return html`${this.topic.subscriptions.map((s) => this.renderSubscription(s))}`;
  }

  private renderSubscription(s: SubscriptionSummary) {
    const editing = this.editing === s.arn;
    return html`<section class="sub" aria-label="Subscription ${s.protocol} ${s.endpoint}">
      <div class="row wrap">
        <span class="pill">${s.protocol}</span>
        <span class="mono grow ellipsis" title=${s.endpoint}>${s.endpoint}</span>
        <span class="status-${s.status}">${s.status === 'Confirmed' ? 'Confirmed' : 'Pending confirmation'}</span>
        ${s.rawMessageDelivery ? html`<span class="muted">raw delivery</span>` : nothing}
        <ey-copy .text=${s.arn} label="Copy subscription ARN"></ey-copy>
      </div>
      ${editing
        ? html`<h3>Filter policy</h3>
            <vscode-textarea
              rows="8"
              class="mono"
              aria-label="Filter policy JSON"
              placeholder='{"eventType": ["order_placed"]}'
              .value=${this.draft}
              @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
            ></vscode-textarea>
            <div class="toolbar">
              <label class="row"
                >Applies to
                <vscode-single-select aria-label="Filter policy scope" .value=${this.scope} @change=${(e: Event) => (this.scope = (e.target as HTMLInputElement).value as typeof this.scope)}>
                  <vscode-option value="MessageAttributes">Message attributes</vscode-option>
                  <vscode-option value="MessageBody">Message body</vscode-option>
                </vscode-single-select></label
              >
              <vscode-button @click=${this.save} data-testid="save-filter">Save</vscode-button>
              <vscode-button secondary @click=${() => (this.editing = '')}>Cancel</vscode-button>
              <span class="muted">Empty removes the filter.</span>
            </div>
            ${this.error ? html`<p class="error" role="alert" data-testid="filter-error">${this.error}</p>` : nothing}
            <h3>Try it on a sample message</h3>
            <vscode-textarea rows="3" class="mono" aria-label="Sample message body" placeholder='{"eventType": "order_placed"}' .value=${this.sample}
              @input=${(e: Event) => (this.sample = (e.target as HTMLTextAreaElement).value)}></vscode-textarea>
            <div class="toolbar">
              <vscode-textfield class="grow" aria-label="Sample message attributes" placeholder="Attributes: eventType=order_placed, amount=12" .value=${this.sampleAttributes}
                @input=${(e: Event) => (this.sampleAttributes = (e.target as HTMLInputElement).value)}></vscode-textfield>
              <vscode-button secondary @click=${this.trySample} data-testid="try-filter">Try</vscode-button>
            </div>
            ${this.verdict ? html`<p role="status" data-testid="filter-verdict">${this.verdict}</p>` : nothing}
            <p class="muted">Judged in the editor by Eventyard's SNS matcher; nothing is published.</p>`
        : html`<div class="row">
            <span class="grow">${s.filterPolicy
              ? html`<span class="muted">Filter (${s.filterPolicyScope ?? 'MessageAttributes'}):</span> <span class="mono">${s.filterPolicy}</span>`
              : html`<span class="muted">No filter: receives every message.</span>`}</span>
            <vscode-button secondary @click=${() => this.edit(s)}>Edit filter</vscode-button>
          </div>`}
    </section>`;
  }
}
