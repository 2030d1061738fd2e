import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkJson } from '../logic/body-format';
import type { TopicDescription } from '../../src/inspector/protocol';
import { AttributeRow, toMessageAttributes } from '../components/attributes-editor';
import { host } from '../host';
import { base, formLayout } from '../styles';

interface PublishState {
  message: string;
  subject: string;
  perProtocol: boolean;
  attributes: AttributeRow[];
  groupId: string;
  dedupId: string;
}

const STATE_KEY = 'publish';
const EMPTY_FORM: PublishState = { message: '', subject: '', perProtocol: false, attributes: [], groupId: '', dedupId: '' };

/** Publishes through the engine's Publish, plain or with a per-protocol message (MessageStructure=json). */
@customElement('ey-publish-tab')
export class PublishTab extends LitElement {
  static override styles = [base, formLayout];

  @property({ attribute: false }) accessor topic!: TopicDescription;
  @state() private accessor form: PublishState = { ...EMPTY_FORM, ...host.getState<PublishState>(STATE_KEY) };
  @state() private accessor status = '';
  @state() private accessor error = '';

  private patch(p: Partial<PublishState>) {
    this.form = { ...this.form, ...p };
    host.setState(STATE_KEY, this.form);
  }

  /** A per-protocol message must be JSON with a "default" key; start from one naming each protocol in use. */
  private template() {
    const protocols = [...new Set(this.topic.subscriptions.map((s) => s.protocol))];
    const doc: Record<string, string> = { default: this.form.perProtocol ? '' : this.form.message };
    for (const p of protocols) doc[p] = `message for ${p} subscribers`;
    this.patch({ perProtocol: true, message: JSON.stringify(doc, null, 2) });
  }

  private async publish() {
    this.status = '';
    this.error = '';
    if (this.form.perProtocol) {
      const bad = checkJson(this.form.message);
      if (bad) {
        this.error = `A per-protocol message must be JSON: ${bad}`;
        return;
      }
    }
    try {
      const r = await host.request('topic/publish', {
        message: this.form.message,
        subject: this.form.subject || undefined,
        structure: this.form.perProtocol ? 'json' : undefined,
        attributes: toMessageAttributes(this.form.attributes),
        messageGroupId: this.form.groupId || undefined,
        messageDeduplicationId: this.form.dedupId || undefined,
      });
      this.status = `Published message ${r.messageId}. See where it went under Deliveries.`;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  override render() {
    const f = this.form;
    const v = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      <h3><label for="message">Message</label></h3>
      <vscode-textarea id="message" rows="8" aria-label="Message" .value=${f.message} @input=${(e: Event) => this.patch({ message: v(e) })}></vscode-textarea>
      <div class="toolbar">
        <vscode-checkbox .checked=${f.perProtocol} @change=${(e: Event) => this.patch({ perProtocol: (e.target as HTMLInputElement).checked })}
          >Per-protocol message (JSON with a "default" key)</vscode-checkbox
        >
        <vscode-button secondary @click=${this.template}>Insert per-protocol template</vscode-button>
      </div>
      <h3>Message attributes</h3>
      <ey-attributes-editor .rows=${f.attributes} @rows-change=${(e: CustomEvent<AttributeRow[]>) => this.patch({ attributes: e.detail })}></ey-attributes-editor>
      <h3>Options</h3>
      <div class="fields">
        <label>Subject (email)<vscode-textfield aria-label="Subject" .value=${f.subject} @input=${(e: Event) => this.patch({ subject: v(e) })}></vscode-textfield></label>
        ${this.topic.fifo
          ? html`<label>Message group id<vscode-textfield aria-label="Message group id" .value=${f.groupId} @input=${(e: Event) => this.patch({ groupId: v(e) })}></vscode-textfield></label>
              <label>Deduplication id<vscode-textfield aria-label="Message deduplication id" .value=${f.dedupId} @input=${(e: Event) => this.patch({ dedupId: v(e) })}></vscode-textfield></label>`
          : nothing}
        <vscode-button icon="send" @click=${this.publish} data-testid="publish">Publish</vscode-button>
      </div>
      ${this.status ? html`<p role="status" data-testid="publish-status">${this.status}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-testid="publish-error">${this.error}</p>` : nothing}
    `;
  }
}
