import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sqsLimits } from '../../src/broker/limits';
import { checkJson } from '../logic/body-format';
import type { QueueDescription } from '../../src/inspector/protocol';
import { AttributeRow, toMessageAttributes } from '../components/attributes-editor';
import { host } from '../host';
import { base, formLayout } from '../styles';

interface SendState {
  body: string;
  /** Each non-empty line of the body is a message of its own. */
  perLine: boolean;
  attributes: AttributeRow[];
  json: boolean;
  groupId: string;
  dedupId: string;
  delay: string;
  copies: string;
}

const STATE_KEY = 'send';
const EMPTY_FORM: SendState = { body: '', perLine: false, attributes: [], json: false, groupId: '', dedupId: '', delay: '', copies: '1' };

/** Sends a message (or N copies) through SendMessage / SendMessageBatch, with the broker's own validation. */
@customElement('ey-send-tab')
export class SendTab extends LitElement {
  static override styles = [base, formLayout, css`
    :host {
      display: block;
      overflow: auto;
      padding-bottom: 12px;
    }
    vscode-textarea {
      font-family: var(--vscode-editor-font-family, monospace);
    }
  `];

  @property({ attribute: false }) accessor queue!: QueueDescription;
  @state() private accessor form: SendState = { ...EMPTY_FORM, ...host.getState<SendState>(STATE_KEY) };
  @state() private accessor status = '';
  @state() private accessor error = '';
  @state() private accessor busy = false;

  private patch(patch: Partial<SendState>) {
    this.form = { ...this.form, ...patch };
    host.setState(STATE_KEY, this.form);
  }

  private get bodies(): string[] {
    return this.form.perLine ? this.form.body.split('\n').filter((l) => l.trim()) : [this.form.body];
  }

  private get sendLabel(): string {
    const n = (this.form.perLine ? this.bodies.length : 1) * Math.max(1, Number(this.form.copies) || 1);
    return n > 1 ? `Send ${n} messages` : 'Send';
  }

  private get jsonError(): string | undefined {
    if (!this.form.json || !this.form.body) return undefined;
    const lines = this.bodies;
    for (let i = 0; i < lines.length; i++) {
      const error = checkJson(lines[i]);
      if (error) return this.form.perLine ? `line ${i + 1}: ${error}` : error;
    }
    return undefined;
  }

  private async send() {
    if (this.jsonError) return;
    const attributes = toMessageAttributes(this.form.attributes);
    this.busy = true;
    this.error = '';
    this.status = '';
    try {
      const result = await host.request('queue/send', {
        body: this.form.body,
        bodies: this.form.perLine ? this.bodies : undefined,
        attributes,
        delaySeconds: this.form.delay === '' ? undefined : Number(this.form.delay),
        messageGroupId: this.form.groupId || undefined,
        messageDeduplicationId: this.form.dedupId || undefined,
        copies: Math.max(1, Number(this.form.copies) || 1),
      });
      const sent = result.messageIds.length;
      this.status = sent === 1 ? `Sent message ${result.messageIds[0]}.` : `Sent ${sent} messages.`;
      if (result.failed.length) this.error = `${result.failed.length} failed: ${result.failed[0].code}: ${result.failed[0].message}`;
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const f = this.form;
    const jsonError = this.jsonError;
    return html`
      <h3><label for="body">Body</label></h3>
      <vscode-textarea
        id="body"
        rows="8"
        aria-label="Message body"
        placeholder='{"orderId": 42}'
        .value=${f.body}
        @input=${(e: Event) => this.patch({ body: (e.target as HTMLTextAreaElement).value })}
      ></vscode-textarea>
      <div class="row">
        <vscode-checkbox .checked=${f.json} @change=${(e: Event) => this.patch({ json: (e.target as HTMLInputElement).checked })}
          >Check that the body is JSON</vscode-checkbox
        >
        <vscode-checkbox .checked=${f.perLine} @change=${(e: Event) => this.patch({ perLine: (e.target as HTMLInputElement).checked })}
          >Each line is a message (batch)</vscode-checkbox
        >
        ${jsonError ? html`<span class="error" role="alert">Not JSON: ${jsonError}</span>` : f.json && f.body ? html`<span class="muted">Valid JSON</span>` : nothing}
      </div>
      <h3>Message attributes</h3>
      <ey-attributes-editor .rows=${f.attributes} @rows-change=${(e: CustomEvent<AttributeRow[]>) => this.patch({ attributes: e.detail })}></ey-attributes-editor>
      <h3>Options</h3>
      <div class="fields">
        ${this.queue.fifo
          ? html`<label>Message group id<vscode-textfield aria-label="Message group id" .value=${f.groupId} @input=${(e: Event) => this.patch({ groupId: (e.target as HTMLInputElement).value })}></vscode-textfield></label>
              <label>Deduplication id<vscode-textfield aria-label="Message deduplication id" placeholder=${this.queue.attributes.ContentBasedDeduplication === 'true' ? 'from content' : 'required'} .value=${f.dedupId} @input=${(e: Event) => this.patch({ dedupId: (e.target as HTMLInputElement).value })}></vscode-textfield></label>`
          : html`<label>Delay (seconds)<vscode-textfield type="number" min="0" max=${sqsLimits.maxDelaySeconds} aria-label="Delay seconds" placeholder=${this.queue.attributes.DelaySeconds ?? '0'} .value=${f.delay} @input=${(e: Event) => this.patch({ delay: (e.target as HTMLInputElement).value })}></vscode-textfield></label>`}
        <label>Copies<vscode-textfield type="number" min="1" max="10000" aria-label="Number of copies to send" .value=${f.copies} @input=${(e: Event) => this.patch({ copies: (e.target as HTMLInputElement).value })}></vscode-textfield></label>
        <vscode-button icon="send" ?disabled=${this.busy || !!jsonError} @click=${this.send} data-testid="send">${this.sendLabel}</vscode-button>
      </div>
      ${Number(f.copies) > 1 && this.queue.fifo && f.dedupId ? html`<p class="muted">Each copy gets its own deduplication id: ${f.dedupId}-1, ${f.dedupId}-2, …</p>` : nothing}
      ${this.status ? html`<p role="status" data-testid="send-status">${this.status}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-testid="send-error">${this.error}</p>` : nothing}
    `;
  }
}
