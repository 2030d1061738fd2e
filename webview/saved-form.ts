import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { host } from './host';

/** What a submit showed: a status line, or a status and what part of the request failed. */
type Outcome = string | undefined | { status: string; error?: string };

/**
 * A form whose fields outlive the webview: kept in the webview's state under `key`, so hiding the panel
 * or switching tabs does not lose what the user typed. `submit` runs one request and keeps its outcome
 * (`status` when it worked, `error` in the words of the refusal) for `outcome()` to show.
 */
export class SavedForm<T extends object> implements ReactiveController {
  value: T;
  status = '';
  error = '';
  /** A submit is under way. */
  busy = false;

  constructor(
    private readonly view: ReactiveControllerHost,
    private readonly key: string,
    empty: T,
    /** Called after each change of the fields (a live result may want to load again). */
    private readonly changed?: () => void,
  ) {
    view.addController(this);
    this.value = { ...empty, ...host.getState<T>(key) };
  }

  hostConnected(): void {}

  patch(p: Partial<T>): void {
    this.value = { ...this.value, ...p };
    host.setState(this.key, this.value);
    this.view.requestUpdate();
    this.changed?.();
  }

  /**
   * Runs `run` with the fields; its answer becomes the status (and, for a request that partly failed, the
   * error too), its refusal the error.
   */
  async submit(run: (form: T) => Promise<Outcome> | Outcome): Promise<void> {
    this.status = '';
    this.error = '';
    this.busy = true;
    this.view.requestUpdate();
    try {
      const outcome = await run(this.value);
      if (typeof outcome === 'object') {
        this.status = outcome.status;
        this.error = outcome.error ?? '';
      } else this.status = outcome ?? '';
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.busy = false;
      this.view.requestUpdate();
    }
  }

  /** The outcome of the last submit, as the status line or the alert; `testId` names both for the tests. */
  outcome(testId: string) {
    return html`${this.status ? html`<p role="status" data-testid="${testId}-status">${this.status}</p>` : nothing}
    ${this.error ? html`<p class="error" role="alert" data-testid="${testId}-error">${this.error}</p>` : nothing}`;
  }
}
