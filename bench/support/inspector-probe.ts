// Watches the queue inspector from inside its webview, on every animation frame, and keeps a history of what
// the user could see (visible count, the list's total, rows loaded) with the time each first showed. Installed
// as a Playwright init script, so it is in place before the inspector's first paint: a benchmark then reads
// when the view became right instead of when a poller from outside happened to look.
// Plain JavaScript in a string: functions serialised from tsx-compiled code would carry its helpers along.

export interface ProbeSample {
  at: number;
  visible: string;
  total: string;
  rows: number;
  firstPos: number;
  lastPos: number;
}

export interface ProbeLongTask {
  start: number;
  duration: number;
  /** Whose task it was: 'self' (the inspector), 'same-origin-ancestor' (the workbench around it), ... */
  source: string;
}

export const INSPECTOR_PROBE = `(() => {
  if (window === window.top) {
    // the workbench itself: only its long tasks, to tell what a burst costs it with and without an inspector
    const longTasks = [];
    window.__eyBenchTop = { longTasks };
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration, source: e.name });
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    return;
  }
  if (window.__eyBench) return;
  const now = () => performance.timeOrigin + performance.now();
  const q = (root, sel) => (root ? root.querySelector(sel) : null);
  const sample = () => {
    const app = document.querySelector('ey-app');
    const view = app && q(app.shadowRoot, 'ey-queue-view');
    if (!view || !view.shadowRoot) return null;
    const count = q(view.shadowRoot, '[data-testid="count-visible"] b');
    const tab = q(view.shadowRoot, 'ey-messages-tab');
    const total = tab && q(tab.shadowRoot, '[data-testid="message-total"]');
    const list = tab && q(tab.shadowRoot, 'ey-virtual-list');
    let rows = 0, firstPos = 0, lastPos = 0;
    if (list) {
      for (const r of list.querySelectorAll('.row')) {
        if (!r.querySelector('.cell.id')) continue;
        const pos = Number(r.getAttribute('aria-posinset'));
        rows++;
        firstPos = firstPos ? Math.min(firstPos, pos) : pos;
        lastPos = Math.max(lastPos, pos);
      }
    }
    return { visible: count ? count.textContent.trim() : '', total: total ? total.textContent.replace(/\\s+/g, ' ').trim() : '', rows, firstPos, lastPos };
  };
  const history = [];
  const frames = [];
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration, source: e.name });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  let last = '';
  let lastTick = 0;
  let raf = 0;
  const marks = {};
  const record = (at) => {
    if (!marks.app && customElements.get('ey-app')) marks.app = at;
    const s = sample();
    if (!s) return;
    const key = JSON.stringify(s);
    if (key === last) return;
    last = key;
    history.push({ at, ...s });
    if (history.length > 20000) history.splice(0, 10000);
  };
  const tick = () => {
    const at = now();
    lastTick = at;
    frames.push(at);
    if (frames.length > 50000) frames.splice(0, 25000);
    record(at);
    raf = requestAnimationFrame(tick);
  };
  window.__eyBench = { history, frames, longTasks, sample, marks };
  raf = requestAnimationFrame(tick);
  // VS Code writes the webview's document into this frame after it loaded, which drops the frame callbacks
  // queued so far: a timer samples too, so the history never misses a change by more than ~10 ms, and starts
  // the frame loop again when it stopped.
  setInterval(() => {
    const at = now();
    if (at - lastTick < 50) return;
    record(at);
    cancelAnimationFrame(raf);
    raf = requestAnimationFrame(tick);
  }, 10);
})()`;

/** Evaluated in the webview: everything the probe kept since `since` (epoch ms). */
export const probeSince = (since: number) => `(() => {
  const b = window.__eyBench;
  if (!b) return null;
  return {
    history: b.history.filter((s) => s.at >= ${since}),
    frames: b.frames.filter((t) => t >= ${since}),
    longTasks: b.longTasks.filter((t) => t.start + t.duration >= ${since}),
    last: b.history[b.history.length - 1] ?? null,
    marks: b.marks,
  };
})()`;

export interface ProbeReport {
  history: ProbeSample[];
  frames: number[];
  longTasks: ProbeLongTask[];
  last: ProbeSample | null;
  /** app: the first frame with the inspector's script running. */
  marks: { app?: number };
}

/** Evaluated in the workbench page: the total of its long tasks (all frames on its thread) between two times. */
export const workbenchLongTasks = (from: number, to: number) => `(() => {
  const b = window.__eyBenchTop;
  if (!b) return null;
  return b.longTasks.filter((t) => t.start + t.duration >= ${from} && t.start <= ${to}).reduce((sum, t) => sum + t.duration, 0);
})()`;
