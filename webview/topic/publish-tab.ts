import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { checkJson } from '../logic/body-format';
import type { TopicDescription } from '../../src/inspector/protocol';
import { AttributeRow, toMessageAttributes } from '../components/attributes-editor';
import { host } from '../host';
import { SavedForm } from '../saved-form';
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
  private readonly form = new SavedForm<PublishState>(this, STATE_KEY, EMPTY_FORM);

  /** A per-protocol message must be JSON with a "default" key; start from one naming each protocol in use. */
  private template() {
    const protocols = [...new Set(this.topic.subscriptions.map((s) => s.protocol))];
    const doc: Record<string, string> = { default: this.form.value.perProtocol ? '' : this.form.value.message };
    for (const p of protocols) doc[p] = `message for ${p} subscribers`;
    this.form.patch({ perProtocol: true, message: JSON.stringify(doc, null, 2) });
  }

  private readonly publish = () =>
    this.form.submit(async (f) => {
      const bad = f.perProtocol ? checkJson(f.message) : undefined;
      if (bad) throw new Error(`A per-protocol message must be JSON: ${bad}`);
      const r = await host.request('topic/publish', {
        message: f.message,
        subject: f.subject || undefined,
        structure: f.perProtocol ? 'json' : undefined,
        attributes: toMessageAttributes(f.attributes),
        messageGroupId: f.groupId || undefined,
        messageDeduplicationId: f.dedupId || undefined,
      });
      return `Published message ${r.messageId}. See where it went under Deliveries.`;
    });

  override render() {
    const f = this.form.value;
    const v = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      <h3><label for="message">Message</label></h3>
      <vscode-textarea id="message" rows="8" aria-label="Message" .value=${f.message} @input=${(e: Event) => this.form.patch({ message: v(e) })}></vscode-textarea>
      <div class="toolbar">
        <vscode-checkbox .checked=${f.perProtocol} @change=${(e: Event) => this.form.patch({ perProtocol: (e.target as HTMLInputElement).checked })}
          >Per-protocol message (JSON with a "default" key)</vscode-checkbox
        >
        <vscode-button secondary @click=${this.template}>Insert per-protocol template</vscode-button>
      </div>
      <h3>Message attributes</h3>
      <ey-attributes-editor .rows=${f.attributes} @rows-change=${(e: CustomEvent<AttributeRow[]>) => this.form.patch({ attributes: e.detail })}></ey-attributes-editor>
      <h3>Options</h3>
      <div class="fields">
        <label>Subject (email)<vscode-textfield aria-label="Subject" .value=${f.subject} @input=${(e: Event) => this.form.patch({ subject: v(e) })}></vscode-textfield></label>
        ${this.topic.fifo
          ? html`<label>Message group id<vscode-textfield aria-label="Message group id" .value=${f.groupId} @input=${(e: Event) => this.form.patch({ groupId: v(e) })}></vscode-textfield></label>
              <label>Deduplication id<vscode-textfield aria-label="Message deduplication id" .value=${f.dedupId} @input=${(e: Event) => this.form.patch({ dedupId: v(e) })}></vscode-textfield></label>`
          : nothing}
        <vscode-button icon="send" @click=${this.publish} data-testid="publish">Publish</vscode-button>
      </div>
      ${this.form.outcome('publish')}
    `;
  }
}
