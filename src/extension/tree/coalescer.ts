/**
 * Turns a burst of change events into one refresh per interval: the first change arms a timer, later ones
 * within the interval ride along. 10,000 sends in a second redraw the tree four times, not 10,000.
 */
export class Coalescer {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flush: () => void,
    private readonly intervalMs = 250,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
