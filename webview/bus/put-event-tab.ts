import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { checkJson } from '../logic/body-format';
import type { BusDescription } from '../../src/inspector/protocol';
import { host } from '../host';
import { SavedForm } from '../saved-form';
import { base, formLayout } from '../styles';

interface PutState {
  source: string;
  detailType: string;
  detail: string;
  resources: string;
}

const STATE_KEY = 'busPut';
const EMPTY_FORM: PutState = { source: '', detailType: '', detail: '{\n  \n}', resources: '' };

/** Puts one event on the bus through the engine's PutEvents, whose refusals are shown in AWS's words. */
@customElement('ey-bus-put-tab')
export class BusPutTab extends LitElement {
  static override styles = [base, formLayout];

  @property({ attribute: false }) accessor bus!: BusDescription;
  private readonly form = new SavedForm<PutState>(this, STATE_KEY, EMPTY_FORM);

  private readonly put = () =>
    this.form.submit(async (f) => {
      const bad = f.detail.trim() ? checkJson(f.detail) : undefined;
      if (bad) throw new Error(`The detail must be a JSON object: ${bad}`);
      const resources = f.resources
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      const r = await host.request('bus/putEvent', { source: f.source, detailType: f.detailType, detail: f.detail, resources });
      return `Put event ${r.eventId}. See which rules it matched under Events.`;
    });

  override render() {
    const f = this.form.value;
    const v = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      <div class="fields">
        <label>Source<vscode-textfield aria-label="Source" placeholder="com.example.shop" .value=${f.source} @input=${(e: Event) => this.form.patch({ source: v(e) })} data-testid="put-source"></vscode-textfield></label>
        <label>Detail type<vscode-textfield aria-label="Detail type" placeholder="OrderPlaced" .value=${f.detailType} @input=${(e: Event) => this.form.patch({ detailType: v(e) })} data-testid="put-detail-type"></vscode-textfield></label>
        <label>Resources (ARNs, optional)<vscode-textfield aria-label="Resources" .value=${f.resources} @input=${(e: Event) => this.form.patch({ resources: v(e) })}></vscode-textfield></label>
      </div>
      <h3><label for="detail">Detail (JSON object)</label></h3>
      <vscode-textarea id="detail" rows="10" class="mono" aria-label="Detail" .value=${f.detail} @input=${(e: Event) => this.form.patch({ detail: v(e) })} data-testid="put-detail"></vscode-textarea>
      <div class="toolbar">
        <vscode-button icon="send" @click=${this.put} data-testid="put-event">Put event</vscode-button>
        <span class="muted">on ${this.bus.name}, through PutEvents</span>
      </div>
      ${this.form.outcome('put')}
    `;
  }
}
