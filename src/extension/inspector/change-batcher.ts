import { ChangeNotice, HostMessage, MAX_NOTICES_PER_BATCH, Tally } from '../../inspector/protocol';

export type Post = (message: HostMessage) => void;
export type Defer = (flush: () => void) => void;

/** Half a frame at 30 fps: a burst of a thousand sends becomes one postMessage, yet the UI still feels live. */
const defaultDefer: Defer = (flush) => void setTimeout(flush, 16);

/**
 * Collects the change notices of one panel and posts them in one message per tick, so a busy broker
 * cannot flood the webview's message channel; the webview then batches its redraws per animation frame.
 */
export class ChangeBatcher {
  private pending: ChangeNotice[] = [];
  private dropped = 0;
  private tally: Tally = {};
  private armed = false;
  private disposed = false;

  constructor(
    private readonly post: Post,
    private readonly now: () => number,
    private readonly defer: Defer = defaultDefer,
  ) {}

  add(notice: ChangeNotice): void {
    if (this.disposed) return;
    this.tally[notice.type] = (this.tally[notice.type] ?? 0) + 1;
    if (this.pending.length < MAX_NOTICES_PER_BATCH) this.pending.push(notice);
    else this.dropped++;
    if (!this.armed) {
      this.armed = true;
      this.defer(() => this.flush());
    }
  }

  private flush(): void {
    this.armed = false;
    if (this.disposed) return;
    const message: HostMessage = { type: 'changed', changes: this.pending, dropped: this.dropped, tally: this.tally, now: this.now() };
    this.pending = [];
    this.dropped = 0;
    this.tally = {};
    this.post(message);
  }

  dispose(): void {
    this.disposed = true;
  }
}
