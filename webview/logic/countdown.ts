/**
 * The visibility countdown of an in-flight message: how much of its hidden period is left. Pure so the
 * webview can draw it every animation frame and the unit tests can pin it without a browser.
 */
export interface Countdown {
  /** Milliseconds until the broker makes the message visible again, never below zero. */
  remainingMs: number;
  /** Share of the hidden period left, 1 when it just started, 0 when due. */
  fraction: number;
}

export function countdown(now: number, visibleAt: number, hiddenSince: number | undefined, fallbackSpanMs: number): Countdown {
  const remainingMs = Math.max(0, visibleAt - now);
  const span = hiddenSince !== undefined && visibleAt > hiddenSince ? visibleAt - hiddenSince : Math.max(fallbackSpanMs, remainingMs);
  return { remainingMs, fraction: span > 0 ? Math.min(1, remainingMs / span) : 0 };
}

/** `12.3 s`, `4 min 05 s`, `2 h 03 min`: seconds matter for short timeouts, minutes for the 12-hour maximum. */
export function formatRemaining(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const total = Math.floor(s);
  if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
  return `${Math.floor(total / 3600)} h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')} min`;
}
