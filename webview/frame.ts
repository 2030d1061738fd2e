import { throttle } from './logic/refresh-throttle';

/** Ten refreshes a second: live to the eye, and a small fraction of a frame-rate refetch under a burst. */
const REFRESH_INTERVAL_MS = 100;

/**
 * Coalesces calls into one run on an animation frame, at most every REFRESH_INTERVAL_MS and never two at
 * once when the callback returns a promise: however many change batches arrive, the view refetches and
 * redraws a few times a second and ends on the final state.
 */
export function perFrame(callback: () => unknown): () => void {
  return throttle(callback, REFRESH_INTERVAL_MS, () => performance.now(), (run, delayMs) => {
    window.setTimeout(() => requestAnimationFrame(run), delayMs);
  });
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hour12: false,
});
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const formatTime = (ms: number) => timeFormat.format(ms);
export const formatDateTime = (ms: number) => dateFormat.format(ms);
