import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkJson } from '../logic/body-format';
import type { BusDescription } from '../../src/inspector/protocol';
import { host } from '../host';
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
  @state() private accessor form: PutState = { ...EMPTY_FORM, ...host.getState<PutState>(STATE_KEY) };
  @state() private accessor status = '';
  @state() private accessor error = '';

  private patch(p: Partial<PutState>) {
    this.form = { ...this.form, ...p };
    host.setState(STATE_KEY, this.form);
  }

  private async put() {
    this.status = '';
    this.error = '';
    const bad = this.form.detail.trim() ? checkJson(this.form.detail) : undefined;
    if (bad) {
      this.error = `The detail must be a JSON object: ${bad}`;
      return;
    }
    const resources = this.form.resources
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      const r = await host.request('bus/putEvent', { source: this.form.source, detailType: this.form.detailType, detail: this.form.detail, resources });
      this.status = `Put event ${r.eventId}. See which rules it matched under Events.`;
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  override render() {
    const f = this.form;
    const v = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      <div class="fields">
        <label>Source<vscode-textfield aria-label="Source" placeholder="com.example.shop" .value=${f.source} @input=${(e: Event) => this.patch({ source: v(e) })} data-testid="put-source"></vscode-textfield></label>
        <label>Detail type<vscode-textfield aria-label="Detail type" placeholder="OrderPlaced" .value=${f.detailType} @input=${(e: Event) => this.patch({ detailType: v(e) })} data-testid="put-detail-type"></vscode-textfield></label>
        <label>Resources (ARNs, optional)<vscode-textfield aria-label="Resources" .value=${f.resources} @input=${(e: Event) => this.patch({ resources: v(e) })}></vscode-textfield></label>
      </div>
      <h3><label for="detail">Detail (JSON object)</label></h3>
      <vscode-textarea id="detail" rows="10" class="mono" aria-label="Detail" .value=${f.detail} @input=${(e: Event) => this.patch({ detail: v(e) })} data-testid="put-detail"></vscode-textarea>
      <div class="toolbar">
        <vscode-button icon="send" @click=${this.put} data-testid="put-event">Put event</vscode-button>
        <span class="muted">on ${this.bus.name}, through PutEvents</span>
      </div>
      ${this.status ? html`<p role="status" data-testid="put-status">${this.status}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-testid="put-error">${this.error}</p>` : nothing}
    `;
  }
}
