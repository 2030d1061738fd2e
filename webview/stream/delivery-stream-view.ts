import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatBytes } from '../logic/body-format';
import type { DeliveryStreamDescription } from '../../src/inspector/protocol';
import { formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { base, page } from '../styles';

/** A Firehose delivery stream: what it buffers, where it delivers, the objects it wrote; put a record. */
@customElement('ey-delivery-stream-view')
export class DeliveryStreamView extends LitElement {
  static override styles = [base, page, css`
    .counts {
      display: flex;
      gap: 16px;
      margin: 6px 0;
    }
    .counts b {
      font-size: 1.2em;
    }
    vscode-textfield {
      width: 420px;
    }
  `];

  @property() accessor name = '';
  @state() private accessor data = '';
  @state() private accessor status = '';
  private readonly description = new Live<DeliveryStreamDescription>(this, { load: () => host.request('deliveryStream/describe', {}) });

  private async put() {
    try {
      const r = await host.request('deliveryStream/put', { data: this.data });
      this.status = `Buffered as record ${r.recordId.slice(0, 16)}…`;
    } catch (e) {
      this.status = '';
      this.description.fail(e);
    }
  }

  override render() {
    return this.description.render(
      (d) => html`
      <div class="row wrap">
        <h1 class="ellipsis">${d.name}</h1>
        <span class="pill">${d.type === 'KinesisStreamAsSource' ? 'from Kinesis' : 'direct put'}</span>
        <ey-copy .text=${d.arn} label="Copy delivery stream ARN"></ey-copy>
      </div>
      ${this.description.renderError()}
      <p class="muted">Delivers to <span class="mono">${d.destination}</span>${d.sourceStreamArn ? html`, reading <span class="mono">${d.sourceStreamArn}</span>` : nothing}</p>
      ${host.capabilities.liveChanges
        ? html`<div class="counts">
            <span><b data-testid="buffered">${d.bufferedRecords}</b> <span class="muted">records buffered (${formatBytes(d.bufferedBytes)})</span></span>
            <span><b>${d.deliveredObjects}</b> <span class="muted">objects delivered</span></span>
          </div>`
        : html`<p class="muted" data-testid="no-buffer-counts">What a delivery stream buffers and delivered is not in the Firehose API: see its CloudWatch metrics, or the destination.</p>`}
      <h3>Put a record</h3>
      <div class="toolbar">
        <vscode-textfield aria-label="Record data" placeholder="Data" .value=${this.data} @input=${(e: Event) => (this.data = (e.target as HTMLInputElement).value)}></vscode-textfield>
        <vscode-button @click=${this.put}>Put record</vscode-button>
        ${this.status ? html`<span role="status">${this.status}</span>` : nothing}
      </div>
      ${host.capabilities.liveChanges ? this.renderDeliveries(d) : nothing}
      `,
    );
  }

  private renderDeliveries(d: DeliveryStreamDescription) {
    return html`<h3>Deliveries</h3>
      ${d.deliveries.length
        ? html`<table class="kv">
            ${d.deliveries.map(
              (o) => html`<tr>
                <th>${formatTime(o.at)}</th>
                <td class="mono">${o.location}</td>
                <td>${o.recordCount} record${o.recordCount === 1 ? '' : 's'}</td>
                <td class="error">${o.error ?? ''}</td>
              </tr>`,
            )}
          </table>`
        : html`<p class="muted">Nothing delivered since Eventyard started; records are written when the buffer fills or its interval ends.</p>`}`;
  }
}
