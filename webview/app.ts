import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ResourceRef } from '../src/inspector/protocol';
import { host } from './host';
import { base } from './styles';
import './queue/queue-view';
import './topic/topic-view';
import './stream/stream-view';
import './function/function-view';
import './stream/delivery-stream-view';
import './bus/bus-view';
import './state-machine/state-machine-view';
import './recording/timeline-view';
import './trace/trace-view';

/** Chooses the view for the inspected resource once the extension host has said which one it is. */
@customElement('ey-app')
export class App extends LitElement {
  static override styles = [base, css`
    :host {
      display: block;
    }
    .connection {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      align-items: center;
      padding: 4px 12px;
      border-bottom: 1px solid var(--vscode-panel-border, transparent);
    }
    .connection.production {
      border-left: 4px solid var(--vscode-errorForeground);
    }
    .production-mark {
      color: var(--vscode-errorForeground);
      font-weight: bold;
    }
  `];

  @state() private accessor resource: ResourceRef | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void host.resource.then((r) => (this.resource = r));
  }

  override render() {
    const r = this.resource;
    if (!r) return html`<p class="muted" role="status">Connecting…</p>`;
    return html`${this.renderConnection()}${this.renderView(r)}`;
  }

  /** On a connection: which one, in which region, whether it may change anything, and PRODUCTION in its colour. */
  private renderConnection() {
    const c = host.connection;
    if (!c) return nothing;
    const writable = host.capabilities.writable;
    return html`<div class="connection ${c.production ? 'production' : ''}" role="note" data-testid="connection-banner">
      ${c.production ? html`<span class="production-mark">PRODUCTION</span>` : nothing}
      <span><vscode-icon name="cloud"></vscode-icon> ${c.name}</span>
      <span class="muted">${c.where} · ${c.region}</span>
      <span class="muted">${writable ? 'writes enabled' : 'read-only: use "Enable Writes" on the connection in the Resources tree to change anything'}</span>
    </div>`;
  }

  private renderView(r: ResourceRef) {
    switch (r.kind) {
      case 'queue':
        return html`<ey-queue-view .name=${r.name}></ey-queue-view>`;
      case 'topic':
        return html`<ey-topic-view .name=${r.name}></ey-topic-view>`;
      case 'stream':
        return html`<ey-stream-view .name=${r.name}></ey-stream-view>`;
      case 'function':
        return html`<ey-function-view .name=${r.name}></ey-function-view>`;
      case 'deliveryStream':
        return html`<ey-delivery-stream-view .name=${r.name}></ey-delivery-stream-view>`;
      case 'bus':
        return html`<ey-bus-view .name=${r.name}></ey-bus-view>`;
      case 'stateMachine':
        return html`<ey-state-machine-view .name=${r.name} .execution=${r.execution ?? ''}></ey-state-machine-view>`;
      case 'recording':
        return html`<ey-timeline-view .file=${r.name}></ey-timeline-view>`;
      case 'trace':
        return html`<ey-trace-view .name=${r.name}></ey-trace-view>`;
    }
  }
}
