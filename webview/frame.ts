/**
 * Coalesces calls into one per animation frame: however many change batches arrive between two frames,
 * the view refetches and redraws once.
 */
export function perFrame(callback: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      callback();
    });
  };
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
