import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { perFrame } from './frame';
import { type ChangeBatch, host } from './host';

export interface LiveOptions<T> {
  /** Fetches (or refreshes) what the view shows: once connected, and again after changes. */
  load?: () => Promise<T> | T;
  /** Whether a batch of changes calls for loading again; every batch does when left out. */
  when?: (batch: ChangeBatch) => boolean;
  /** Sees every batch as it arrives, before any reload: throughput, a live tail, an activity list. */
  changed?: (batch: ChangeBatch) => void;
  /** The text shown when loading fails; the error's message when left out. */
  describeError?: (e: unknown) => string;
}

/**
 * Keeps a view or tab in step with the inspected resource: loads once connected, listens to the host's
 * change notices while connected, and loads again after changes at most a few times a second (perFrame),
 * redrawing the view each time. What is loaded is `value`; why it failed, `error`.
 */
export class Live<T = void> implements ReactiveController {
  value: T | undefined;
  error = '';
  /** Asks for a reload; calls during a burst of changes fold into one. */
  readonly refresh = perFrame(() => this.load());
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly view: ReactiveControllerHost,
    private readonly options: LiveOptions<T>,
  ) {
    view.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = host.onChanged((batch) => {
      this.options.changed?.(batch);
      // a batch without notices says only that something may have changed (a connection's timer, or its own change)
      if (batch.changes.length === 0 || (this.options.when?.(batch) ?? true)) this.refresh();
    });
    void this.load();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Loads now; resolves once the value, or the error, is in. */
  async load(): Promise<void> {
    if (!this.options.load) return;
    try {
      this.value = await this.options.load();
      this.error = '';
    } catch (e) {
      this.error = this.options.describeError?.(e) ?? (e as Error).message;
    }
    this.view.requestUpdate();
  }

  /** Shows an action's failure where a failed load shows; the next good load clears it. */
  fail(e: unknown): void {
    this.error = (e as Error).message;
    this.view.requestUpdate();
  }

  /** The error, if there is one, as an alert under the view's header. */
  renderError() {
    return this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing;
  }

  /** What was loaded, drawn by `loaded`; before the first load, that it is loading or why it failed. */
  render(loaded: (value: T) => unknown) {
    if (this.value === undefined) return html`<p class=${this.error ? 'error' : 'muted'} role="status">${this.error || 'Loading…'}</p>`;
    return loaded(this.value);
  }
}
