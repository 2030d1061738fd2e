import { html, nothing } from 'lit';
import { host } from '../host';

/**
 * A "Trace" button that opens the trace of a message, record or event (its id) in a trace panel. Only this
 * window's broker records traces: on a connection there is no button.
 */
export function traceButton(id: string | undefined, label = 'Trace') {
  if (!id || host.connection) return nothing;
  return html`<vscode-button
    secondary
    icon="debug-alt"
    title="Open this message's trace: every hop it took through the broker"
    @click=${(e: Event) => {
      e.stopPropagation();
      void host.request('inspector/open', { kind: 'trace', name: id });
    }}
    data-testid="open-trace"
    >${label}</vscode-button
  >`;
}
