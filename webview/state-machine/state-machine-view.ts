import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ExecutionDetail, ExecutionRow, HistoryRow, StateMachineDescription } from '../../src/inspector/protocol';
import { formatTime } from '../frame';
import { host } from '../host';
import { Live } from '../live';
import { layoutDefinition, type GraphLayout } from '../logic/asl-graph';
import { checkJson } from '../logic/body-format';
import { eventStates, eventsOfState, stateInputOutput, stateProgress, type StateProgress } from '../logic/execution-overlay';
import { base, formLayout, optionRows, page } from '../styles';
import { layouter } from './elk';
import './graph';

const STATE_KEY = 'stateMachine';

interface Saved {
  input: string;
  name: string;
  execution: string;
  state: string;
}

const pretty = (text: string | undefined) => {
  if (text === undefined) return '(none)';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

/** A history event's details as readable text: the JSON payloads inside it unfolded. */
function detailsText(e: HistoryRow): string {
  if (!e.details) return '';
  const unfolded: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.details)) {
    if ((k === 'input' || k === 'output' || k === 'parameters') && typeof v === 'string') {
      try {
        unfolded[k] = JSON.parse(v);
        continue;
      } catch {
        // left as the text it is
      }
    }
    unfolded[k] = v;
  }
  return JSON.stringify(unfolded, null, 2);
}

const statusClass = (s: string) => s.toLowerCase().replace('_', '-');

/**
 * A Step Functions state machine: its graph, an execution overlaid live (running, succeeded, failed,
 * caught, retried states), a state's input, output and events, the execution's history, starting,
 * stopping and redriving an execution and answering a task token it waits on. On a connection the
 * overlay follows the connection's refresh timer (no change events there).
 */
@customElement('ey-state-machine-view')
export class StateMachineView extends LitElement {
  static override styles = [base, page, optionRows, formLayout, css`
    .split {
      display: flex;
      gap: 12px;
      align-items: flex-start;
    }
    .executions {
      flex: 0 0 34ch;
      min-width: 0;
      border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
      max-height: 70vh;
      overflow: auto;
    }
    .main {
      flex: 1 1 auto;
      min-width: 0;
    }
    .exec {
      grid-template-columns: 1fr 10ch;
    }
    .running {
      color: var(--vscode-charts-blue, var(--vscode-focusBorder));
    }
    .succeeded {
      color: var(--vscode-charts-green);
    }
    .failed,
    .timed-out {
      color: var(--vscode-errorForeground);
    }
    .aborted {
      color: var(--vscode-disabledForeground);
    }
    .legend {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
      font-size: 0.9em;
    }
    .legend span::before {
      content: '';
      display: inline-block;
      width: 10px;
      height: 10px;
      margin-right: 4px;
      border: 2px solid currentColor;
      vertical-align: middle;
    }
    .legend .caught {
      color: var(--vscode-charts-orange);
    }
    .legend .cancelled {
      color: var(--vscode-disabledForeground);
    }
    .history {
      border-collapse: collapse;
      width: 100%;
    }
    .history th,
    .history td {
      text-align: left;
      padding: 2px 6px;
      vertical-align: top;
      border-bottom: 1px solid var(--vscode-panel-border, transparent);
    }
    .history td.num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .history summary {
      cursor: pointer;
    }
    .token {
      border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
      padding: 6px;
      margin-bottom: 6px;
    }
  `];

  @property() accessor name = '';
  /** The execution to show first (from the tree). */
  @property() accessor execution = '';
  private readonly saved = host.getState<Partial<Saved>>(STATE_KEY);
  @state() private accessor input = this.saved.input ?? '{}';
  @state() private accessor executionName = this.saved.name ?? '';
  @state() private accessor selected = this.saved.execution ?? '';
  @state() private accessor selectedState = this.saved.state ?? '';
  @state() private accessor startError = '';
  @state() private accessor busy = false;
  @state() private accessor layout: GraphLayout | undefined;
  @state() private accessor layoutError = '';
  private laidOut = '';
  private firstLoadFor = '';
  @state() private accessor tokenOutput: Record<string, string> = {};
  @state() private accessor tokenError: Record<string, string> = {};
  @state() private accessor tokenMessage = '';

  private readonly description = new Live<StateMachineDescription>(this, {
    load: () => host.request('stateMachine/describe', {}),
  });

  private readonly detail = new Live<ExecutionDetail | null>(this, {
    load: async () => {
      const arn = this.currentArn();
      return arn ? host.request('stateMachine/execution', { executionArn: arn }) : null;
    },
    // An execution's notices name it: only its own changes reload its history.
    when: (batch) => batch.dropped > 0 || batch.changes.some((c) => c.executionArn === undefined || c.executionArn === this.currentArn()),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.execution) this.selected = this.execution;
  }

  private remember(patch: Partial<Saved>) {
    host.setState(STATE_KEY, patch);
  }

  /** The selected execution, or the newest one. */
  private currentArn(): string | undefined {
    const executions = this.description.value?.executions ?? [];
    if (this.selected && executions.some((e) => e.arn === this.selected)) return this.selected;
    return executions[0]?.arn;
  }

  private selectExecution(arn: string) {
    this.selected = arn;
    this.remember({ execution: arn });
    void this.detail.load();
  }

  private selectState(name: string) {
    this.selectedState = name === this.selectedState ? '' : name;
    this.remember({ state: this.selectedState });
  }

  override updated(): void {
    // The graph of the definition the shown execution runs (or the machine's, before any execution).
    const definition = this.detail.value?.definition ?? this.description.value?.definition;
    if (definition !== undefined && definition !== this.laidOut) {
      this.laidOut = definition;
      void this.lay(definition);
    }
    // The first load came before the executions were known: load the newest one's now.
    const arn = this.currentArn();
    if (this.detail.value === null && arn && arn !== this.firstLoadFor) {
      this.firstLoadFor = arn;
      void this.detail.load();
    }
  }

  private async lay(definition: string) {
    try {
      this.layout = await layoutDefinition(layouter(), definition);
      this.layoutError = '';
    } catch (e) {
      this.layoutError = `The graph cannot be drawn: ${(e as Error).message}`;
    }
  }

  private async readFile() {
    try {
      const text = await host.request('stateMachine/readInputFile', {});
      if (text !== null) {
        this.input = text;
        this.remember({ input: text });
      }
    } catch (e) {
      this.startError = (e as Error).message;
    }
  }

  private async start() {
    const bad = checkJson(this.input);
    if (bad) {
      this.startError = `The input must be JSON: ${bad}`;
      return;
    }
    this.busy = true;
    this.startError = '';
    try {
      const { executionArn } = await host.request('stateMachine/start', { input: this.input, ...(this.executionName.trim() ? { name: this.executionName.trim() } : {}) });
      this.executionName = '';
      this.remember({ name: '' });
      await this.description.load();
      this.selectExecution(executionArn);
    } catch (e) {
      this.startError = (e as Error).message;
    } finally {
      this.busy = false;
    }
  }

  private async stop(arn: string) {
    try {
      await host.request('stateMachine/stop', { executionArn: arn });
    } catch (e) {
      this.detail.fail(e);
    }
  }

  /** RedriveExecution: the execution goes on from the state that failed (the view reloads on its notices). */
  private async redrive(arn: string) {
    try {
      await host.request('stateMachine/redrive', { executionArn: arn });
      await this.detail.load();
    } catch (e) {
      this.detail.fail(e);
    }
  }

  private async answer(token: string, success: boolean) {
    this.tokenError = { ...this.tokenError, [token]: '' };
    const output = this.tokenOutput[token] ?? '{}';
    try {
      if (success) {
        const bad = checkJson(output);
        if (bad) throw new Error(`The output must be JSON: ${bad}`);
        await host.request('stateMachine/sendTaskSuccess', { taskToken: token, output });
        this.tokenMessage = 'Task success sent.';
      } else {
        await host.request('stateMachine/sendTaskFailure', { taskToken: token, error: 'Rejected', cause: 'Rejected in the Eventyard inspector' });
        this.tokenMessage = 'Task failure sent.';
      }
    } catch (e) {
      this.tokenError = { ...this.tokenError, [token]: (e as Error).message };
    }
  }

  override render() {
    return this.description.render((d) => this.renderMachine(d));
  }

  private renderMachine(d: StateMachineDescription) {
    const current = this.detail.value ?? undefined;
    const progress = current ? stateProgress(current.events, current.status) : new Map<string, StateProgress>();
    return html`
      <div class="row wrap">
        <h1 class="ellipsis">${d.name}</h1>
        <span class="muted">${d.type === 'EXPRESS' ? 'Express' : 'Standard'} state machine</span>
        <ey-copy .text=${d.arn} label="Copy state machine ARN"></ey-copy>
      </div>
      ${this.description.renderError()}
      ${this.renderStart()}
      <div class="split">
        <div class="executions" role="listbox" aria-label="Executions">
          ${d.executions.length
            ? d.executions.map((e) => this.renderExecutionRow(e, current?.arn ?? this.currentArn()))
            : html`<p class="muted" data-testid="sfn-no-executions">${d.executionsNote ?? 'No executions yet.'}</p>`}
        </div>
        <div class="main">
          ${current ? this.renderExecutionHeader(current) : nothing}
          <div class="legend" aria-hidden="true">
            <span class="running">running</span><span class="succeeded">succeeded</span><span class="failed">failed</span>
            <span class="caught">failed, caught</span><span class="cancelled">cancelled</span><span class="muted">↻ retried</span>
          </div>
          ${this.layoutError ? html`<p class="error" role="alert">${this.layoutError}</p>` : nothing}
          <ey-sfn-graph
            data-testid="sfn-graph"
            .layout=${this.layout}
            .progress=${progress}
            .selected=${this.selectedState}
            @select-state=${(e: CustomEvent<string>) => this.selectState(e.detail)}
          ></ey-sfn-graph>
          ${current && this.selectedState ? this.renderState(current, this.selectedState, progress.get(this.selectedState)) : nothing}
          ${current ? this.renderTokens(current) : nothing}
          ${current ? this.renderHistory(current) : nothing}
        </div>
      </div>
    `;
  }

  private renderStart() {
    return html`
      <details ?open=${!this.description.value?.executions.length}>
        <summary><strong>Start an execution</strong></summary>
        <div class="fields">
          <label>Name (optional)
            <vscode-textfield
              aria-label="Execution name"
              placeholder="a UUID when empty"
              .value=${this.executionName}
              @input=${(e: Event) => {
                this.executionName = (e.target as HTMLInputElement).value;
                this.remember({ name: this.executionName });
              }}
            ></vscode-textfield>
          </label>
        </div>
        <vscode-textarea
          rows="5"
          class="mono"
          aria-label="Execution input (JSON)"
          data-testid="sfn-input"
          .value=${this.input}
          @input=${(e: Event) => {
            this.input = (e.target as HTMLTextAreaElement).value;
            this.remember({ input: this.input });
          }}
        ></vscode-textarea>
        <div class="toolbar">
          <vscode-button icon="play" ?disabled=${this.busy} @click=${this.start} data-testid="sfn-start">Start execution</vscode-button>
          <vscode-button secondary icon="folder-opened" @click=${this.readFile}>Input from file…</vscode-button>
          ${this.startError ? html`<span class="error" role="alert">${this.startError}</span>` : nothing}
        </div>
      </details>
    `;
  }

  private renderExecutionRow(e: ExecutionRow, current: string | undefined) {
    const active = e.arn === current;
    return html`<div
      class="exec ${active ? 'active' : ''}"
      role="option"
      tabindex="0"
      aria-selected=${active ? 'true' : 'false'}
      data-execution=${e.name}
      @click=${() => this.selectExecution(e.arn)}
      @keydown=${(k: KeyboardEvent) => (k.key === 'Enter' || k.key === ' ') && this.selectExecution(e.arn)}
    >
      <span class="ellipsis" title=${e.name}>${e.name}</span>
      <span class=${statusClass(e.status)}>${e.status.toLowerCase().replace('_', ' ')}</span>
    </div>`;
  }

  private renderExecutionHeader(x: ExecutionDetail) {
    const took = x.stopDate !== undefined ? ` · ${((x.stopDate - x.startDate) / 1000).toFixed(3)} s` : '';
    return html`
      <div class="row wrap">
        <strong class="ellipsis">${x.name}</strong>
        <span class=${statusClass(x.status)} data-testid="sfn-status">${x.status}</span>
        <span class="muted">started ${formatTime(x.startDate)}${took}</span>
        <ey-copy .text=${x.arn} label="Copy execution ARN"></ey-copy>
        ${x.status === 'RUNNING' ? html`<vscode-button secondary icon="debug-stop" @click=${() => this.stop(x.arn)} data-testid="sfn-stop">Stop</vscode-button>` : nothing}
        ${x.redriveStatus === 'REDRIVABLE'
          ? html`<vscode-button secondary icon="debug-restart" @click=${() => this.redrive(x.arn)} data-testid="sfn-redrive">Redrive</vscode-button>`
          : nothing}
        ${host.connection && (x.status === 'RUNNING' || x.redriveStatus === 'REDRIVABLE') ? html`<span class="muted">The editor asks for the execution's name typed first.</span>` : nothing}
      </div>
      ${x.error !== undefined || x.cause !== undefined
        ? html`<p class="error">${x.error ?? ''}${x.cause ? `: ${x.cause}` : ''}</p>`
        : nothing}
      ${this.detail.renderError()}
    `;
  }

  private renderState(x: ExecutionDetail, name: string, p: StateProgress | undefined) {
    const { input, output } = stateInputOutput(x.events, name);
    const events = eventsOfState(x.events, name);
    return html`
      <section aria-label="State ${name}" data-testid="sfn-state-detail">
        <h3>${name} <span class="muted">${p ? `${p.status}${p.retries ? `, retried ${p.retries}×` : ''}${p.entered > 1 ? `, entered ${p.entered}×` : ''}` : 'not reached'}</span></h3>
        ${p
          ? html`
              <div class="split">
                <div class="grow"><h4>Input</h4><pre class="mono" data-testid="sfn-state-input">${pretty(input)}</pre></div>
                <div class="grow"><h4>Output</h4><pre class="mono" data-testid="sfn-state-output">${pretty(output)}</pre></div>
              </div>
              <h4>Events</h4>
              ${events.map((e) => html`<details><summary class="mono">#${e.id} ${e.type}</summary><pre class="mono">${detailsText(e)}</pre></details>`)}
            `
          : nothing}
      </section>
    `;
  }

  private renderTokens(x: ExecutionDetail) {
    if (!x.waitingTokens.length) return nothing;
    return html`
      <h3>Waiting for a task token</h3>
      ${this.tokenMessage ? html`<p class="muted" role="status">${this.tokenMessage}</p>` : nothing}
      ${x.waitingTokens.map(
        (t) => html`<div class="token">
          <div class="row"><span class="grow ellipsis">${t.state ?? 'Task'}: <span class="mono">${t.token.slice(0, 16)}…</span></span><ey-copy .text=${t.token} label="Copy task token"></ey-copy></div>
          <vscode-textarea
            rows="2"
            class="mono"
            aria-label="Task output (JSON)"
            .value=${this.tokenOutput[t.token] ?? '{}'}
            @input=${(e: Event) => (this.tokenOutput = { ...this.tokenOutput, [t.token]: (e.target as HTMLTextAreaElement).value })}
          ></vscode-textarea>
          <div class="toolbar">
            <vscode-button icon="check" @click=${() => this.answer(t.token, true)} data-testid="sfn-task-success">Send task success</vscode-button>
            <vscode-button secondary icon="close" @click=${() => this.answer(t.token, false)} data-testid="sfn-task-failure">Send task failure</vscode-button>
            ${this.tokenError[t.token] ? html`<span class="error" role="alert">${this.tokenError[t.token]}</span>` : nothing}
          </div>
        </div>`,
      )}
    `;
  }

  private renderHistory(x: ExecutionDetail) {
    const owner = eventStates(x.events);
    return html`
      <h3>History <span class="muted">(${x.events.length} events)</span></h3>
      <table class="history" aria-label="Execution history">
        <thead><tr><th>#</th><th>Type</th><th>State</th><th>Elapsed</th><th>Details</th></tr></thead>
        <tbody>
          ${x.events.map(
            (e) => html`<tr>
              <td class="num">${e.id}</td>
              <td class="mono">${e.type}</td>
              <td>${owner.get(e.id) ?? ''}</td>
              <td class="num">${e.timestamp - x.startDate} ms</td>
              <td>${e.details ? html`<details><summary class="muted">details</summary><pre class="mono">${detailsText(e)}</pre></details>` : nothing}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}
