import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sqsLimits } from '../../src/broker/limits';
import { checkJson } from '../logic/body-format';
import type { QueueDescription } from '../../src/inspector/protocol';
import { AttributeRow, toMessageAttributes } from '../components/attributes-editor';
import { host } from '../host';
import { SavedForm } from '../saved-form';
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
  private readonly form = new SavedForm<SendState>(this, STATE_KEY, EMPTY_FORM);

  private get bodies(): string[] {
    return this.form.value.perLine ? this.form.value.body.split('\n').filter((l) => l.trim()) : [this.form.value.body];
  }

  private get sendLabel(): string {
    const n = (this.form.value.perLine ? this.bodies.length : 1) * Math.max(1, Number(this.form.value.copies) || 1);
    return n > 1 ? `Send ${n} messages` : 'Send';
  }

  private get jsonError(): string | undefined {
    if (!this.form.value.json || !this.form.value.body) return undefined;
    const lines = this.bodies;
    for (let i = 0; i < lines.length; i++) {
      const error = checkJson(lines[i]);
      if (error) return this.form.value.perLine ? `line ${i + 1}: ${error}` : error;
    }
    return undefined;
  }

  private readonly send = () => {
    if (this.jsonError) return;
    return this.form.submit(async (f) => {
      const result = await host.request('queue/send', {
        body: f.body,
        bodies: f.perLine ? this.bodies : undefined,
        attributes: toMessageAttributes(f.attributes),
        delaySeconds: f.delay === '' ? undefined : Number(f.delay),
        messageGroupId: f.groupId || undefined,
        messageDeduplicationId: f.dedupId || undefined,
        copies: Math.max(1, Number(f.copies) || 1),
      });
      const sent = result.messageIds.length;
      const status = sent === 1 ? `Sent message ${result.messageIds[0]}.` : `Sent ${sent} messages.`;
      const [first] = result.failed;
      return { status, error: first && `${result.failed.length} failed: ${first.code}: ${first.message}` };
    });
  };

  override render() {
    const f = this.form.value;
    const jsonError = this.jsonError;
    return html`
      <h3><label for="body">Body</label></h3>
      <vscode-textarea id="body" rows="8" aria-label="Message body" placeholder='{"orderId": 42}' .value=${f.body} @input=${(e: Event) => this.form.patch({ body: (e.target as HTMLTextAreaElement).value })}></vscode-textarea>
      <div class="row">
        <vscode-checkbox .checked=${f.json} @change=${(e: Event) => this.form.patch({ json: (e.target as HTMLInputElement).checked })}
          >Check that the body is JSON</vscode-checkbox
        >
        <vscode-checkbox .checked=${f.perLine} @change=${(e: Event) => this.form.patch({ perLine: (e.target as HTMLInputElement).checked })}
          >Each line is a message (batch)</vscode-checkbox
        >
        ${jsonError ? html`<span class="error" role="alert">Not JSON: ${jsonError}</span>` : f.json && f.body ? html`<span class="muted">Valid JSON</span>` : nothing}
      </div>
      <h3>Message attributes</h3>
      <ey-attributes-editor .rows=${f.attributes} @rows-change=${(e: CustomEvent<AttributeRow[]>) => this.form.patch({ attributes: e.detail })}></ey-attributes-editor>
      <h3>Options</h3>
      <div class="fields">
        ${this.queue.fifo
          ? html`<label>Message group id<vscode-textfield aria-label="Message group id" .value=${f.groupId} @input=${(e: Event) => this.form.patch({ groupId: (e.target as HTMLInputElement).value })}></vscode-textfield></label>
              <label>Deduplication id<vscode-textfield aria-label="Message deduplication id" placeholder=${this.queue.attributes.ContentBasedDeduplication === 'true' ? 'from content' : 'required'} .value=${f.dedupId} @input=${(e: Event) => this.form.patch({ dedupId: (e.target as HTMLInputElement).value })}></vscode-textfield></label>`
          : html`<label>Delay (seconds)<vscode-textfield type="number" min="0" max=${sqsLimits.maxDelaySeconds} aria-label="Delay seconds" placeholder=${this.queue.attributes.DelaySeconds ?? '0'} .value=${f.delay} @input=${(e: Event) => this.form.patch({ delay: (e.target as HTMLInputElement).value })}></vscode-textfield></label>`}
        <label>Copies<vscode-textfield type="number" min="1" max="10000" aria-label="Number of copies to send" .value=${f.copies} @input=${(e: Event) => this.form.patch({ copies: (e.target as HTMLInputElement).value })}></vscode-textfield></label>
        <vscode-button icon="send" ?disabled=${this.form.busy || !!jsonError} @click=${this.send} data-testid="send">${this.sendLabel}</vscode-button>
      </div>
      ${Number(f.copies) > 1 && this.queue.fifo && f.dedupId ? html`<p class="muted">Each copy gets its own deduplication id: ${f.dedupId}-1, ${f.dedupId}-2, …</p>` : nothing}
      ${this.form.outcome('send')}
    `;
  }
}
