import { css, html, LitElement } from 'lit';
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

/** Chooses the view for the inspected resource once the extension host has said which one it is. */
@customElement('ey-app')
export class App extends LitElement {
  static override styles = [base, css`
    :host {
      display: block;
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
    }
  }
}
