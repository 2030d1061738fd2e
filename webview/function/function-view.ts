import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkJson } from '../logic/body-format';
import type { FunctionDescription, Invocation } from '../../src/inspector/protocol';
import { formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { base, optionRows, page } from '../styles';

const STATE_KEY = 'function';

/** A local function: its invocations with event, result, logs and duration; invoke it by hand. */
@customElement('ey-function-view')
export class FunctionView extends LitElement {
  static override styles = [base, page, optionRows, css`
    .split {
      display: flex;
      gap: 12px;
      align-items: flex-start;
    }
    .list {
      flex: 1 1 45%;
      min-width: 0;
      border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
      max-height: 60vh;
      overflow: auto;
    }
    .detail {
      flex: 1 1 55%;
      min-width: 0;
    }
    .inv {
      grid-template-columns: 13ch 9ch 8ch 1fr;
    }
    .failed,
    .timedOut {
      color: var(--vscode-errorForeground);
    }
    vscode-textarea {
      width: 100%;
    }
  `];

  @property() accessor name = '';
  private readonly saved = host.getState<{ payload: string; selected: string }>(STATE_KEY);
  @state() private accessor selected = this.saved.selected ?? '';
  @state() private accessor payload = this.saved.payload ?? '{}';
  @state() private accessor invokeError = '';
  @state() private accessor busy = false;
  private readonly description = new Live<FunctionDescription>(this, { load: () => host.request('function/describe', {}) });

  private select(id: string) {
    this.selected = id;
    host.setState(STATE_KEY, { selected: id });
  }

  private async invoke() {
    const bad = checkJson(this.payload);
    if (bad) {
      this.invokeError = `The payload must be JSON: ${bad}`;
      return;
    }
    this.busy = true;
    this.invokeError = '';
    try {
      const inv = await host.request('function/invoke', { payload: this.payload });
      this.select(inv.requestId);
      await this.description.load();
    } catch (e) {
      this.invokeError = (e as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return this.description.render((d) => this.renderDescription(d));
  }

  private renderDescription(d: FunctionDescription) {
    const current = d.invocations.find((i) => i.requestId === this.selected) ?? d.invocations[0];
    return html`
      <div class="row wrap">
        <h1 class="ellipsis">${d.name}</h1>
        <span class="muted mono ellipsis">${d.handler}</span>
        <span class="muted">timeout ${d.timeoutSeconds} s</span>
        <ey-copy .text=${d.arn} label="Copy function ARN"></ey-copy>
      </div>
      ${d.triggers.length ? html`<p class="muted">Triggered by ${d.triggers.join(', ')}</p>` : nothing}
      <h3><label for="payload">Invoke with payload</label></h3>
      <vscode-textarea
        id="payload"
        rows="4"
        class="mono"
        aria-label="Invocation payload (JSON)"
        .value=${this.payload}
        @input=${(e: Event) => {
          this.payload = (e.target as HTMLTextAreaElement).value;
          host.setState(STATE_KEY, { payload: this.payload });
        }}
      ></vscode-textarea>
      <div class="toolbar">
        <vscode-button icon="play" ?disabled=${this.busy} @click=${this.invoke} data-testid="invoke">Invoke</vscode-button>
        ${this.busy ? html`<span class="muted" role="status">Running…</span>` : nothing}
        ${this.invokeError ? html`<span class="error" role="alert">${this.invokeError}</span>` : nothing}
      </div>
      <h3>Invocations</h3>
      ${d.invocations.length
        ? html`<div class="split">
            <div class="list" role="listbox" aria-label="Invocations">
              ${d.invocations.map(
                (i) => html`<div
                  class="inv ${i === current ? 'active' : ''}"
                  role="option"
                  tabindex="0"
                  aria-selected=${i === current ? 'true' : 'false'}
                  @click=${() => this.select(i.requestId)}
                  @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && this.select(i.requestId)}
                >
                  <span>${formatTime(i.at)}</span>
                  <span class=${i.status}>${i.status === 'succeeded' ? 'ok' : i.status === 'timedOut' ? 'timed out' : 'failed'}</span>
                  <span>${Math.round(i.durationMs)} ms</span>
                  <span class="ellipsis muted">${i.trigger}</span>
                </div>`,
              )}
            </div>
            <div class="detail">${current ? this.renderInvocation(current) : nothing}</div>
          </div>`
        : html`<p class="muted">No invocations yet.</p>`}
    `;
  }

  private renderInvocation(i: Invocation) {
    return html`
      <div class="row"><span class="mono grow ellipsis">${i.requestId}</span><ey-copy .text=${i.requestId} label="Copy request id"></ey-copy></div>
      <p class="muted">
        ${i.trigger}, ${Math.round(i.durationMs)} ms${i.initDurationMs !== undefined ? ` (cold start ${Math.round(i.initDurationMs)} ms)` : ''}
      </p>
      <h3>Event</h3>
      <pre class="mono" data-testid="invocation-event">${i.event}</pre>
      ${i.error
        ? html`<h3>Error</h3>
            <pre class="mono error" data-testid="invocation-error">${i.error}</pre>`
        : html`<h3>Result</h3>
            <pre class="mono" data-testid="invocation-result">${i.result ?? '(none)'}</pre>`}
      <h3>Logs</h3>
      <pre class="mono" data-testid="invocation-logs">${i.logs || '(no output)'}</pre>
    `;
  }
}
