import { css, html, nothing } from 'lit';
import type { BusDeliveryStatus, PatternMissInfo } from '../../src/inspector/protocol';

export const STATUS_LABELS: Record<BusDeliveryStatus, string> = {
  delivered: 'delivered',
  retrying: 'retrying',
  failed: 'failed',
  deadLettered: 'sent to dead-letter queue',
};

/** Why a pattern missed: the field, what the pattern wants there and what the event has. All text, no markup. */
export function renderMiss(miss: PatternMissInfo) {
  return html`<div class="miss" data-testid="miss-reason">
    <div class="reason">${miss.text}</div>
    <table class="kv mono">
      <tr><th>field</th><td>${miss.path}</td></tr>
      <tr><th>pattern wants</th><td>${miss.expected}</td></tr>
      <tr><th>event has</th><td>${miss.seen ? miss.seen.join(', ') : html`<span class="muted">no such field</span>`}</td></tr>
    </table>
    ${miss.arrayConsistency ? html`<div class="muted">Each field matches on its own, but not within one element of an array.</div>` : nothing}
  </div>`;
}

export const verdictStyles = css`
  .yes {
    color: var(--vscode-charts-green, var(--vscode-foreground));
  }
  .no {
    color: var(--vscode-errorForeground);
  }
  .miss {
    margin: 2px 0 6px 20px;
  }
  .miss table.kv {
    width: auto;
  }
  .s-delivered {
    color: var(--vscode-charts-green, var(--vscode-foreground));
  }
  .s-failed,
  .s-deadLettered {
    color: var(--vscode-errorForeground);
  }
  .s-retrying {
    color: var(--vscode-charts-orange, var(--vscode-foreground));
  }
`;
