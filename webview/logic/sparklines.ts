/**
 * What the header's sparklines draw and say: the series as uPlot takes them, the latest values as words
 * (the chart's accessible label, and the number beside each line), and a colour per gauge from the theme.
 */
import type { SparklineSeries, Sparklines } from '../../src/inspector/protocol';

/** uPlot's data for one gauge: times in seconds (its time scale's unit), then the values, nulls as gaps. */
export function plotData(s: Sparklines, series: SparklineSeries): [number[], (number | null)[]] {
  return [s.times.map((t) => t / 1000), series.values];
}

/** The last value a gauge had, skipping the gaps at the end (a queue deleted a moment ago). */
export function latest(series: SparklineSeries): number | null {
  for (let i = series.values.length - 1; i >= 0; i--) if (series.values[i] !== null) return series.values[i];
  return null;
}

const numbers = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** `12 messages`, `3.5 records/s`, `95 s` (ages over two minutes in minutes), `no data`. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'no data';
  if (unit === 's' && value >= 120) return `${numbers.format(Math.floor(value / 60))} min`;
  return `${numbers.format(value)} ${unit}`;
}

/** The span the lines cover, for the label: `over the last 4 min`. */
export function spanText(s: Sparklines): string {
  if (s.times.length < 2) return 'since the panel opened';
  const seconds = Math.round((s.times.at(-1)! - s.times[0]) / 1000);
  return seconds < 120 ? `over the last ${seconds} s` : `over the last ${Math.round(seconds / 60)} min`;
}

/** Every gauge's latest value in one sentence, for screen readers. */
export function summary(s: Sparklines): string {
  if (!s.series.length) return 'No samples yet';
  return `${s.series.map((x) => `${x.label}: ${formatValue(latest(x), x.unit)}`).join('; ')} (${spanText(s)})`;
}

/** Theme variables the lines take, by gauge; the foreground when a theme defines none of them. */
const THEME_COLOURS: Record<string, string> = {
  visible: '--vscode-charts-blue',
  inFlight: '--vscode-charts-yellow',
  oldestAgeSeconds: '--vscode-charts-purple',
  deadLetterDepth: '--vscode-charts-red',
  recordsPerSecond: '--vscode-charts-green',
};

/** The colour a gauge's line takes: the theme's chart colour read through `read` (getComputedStyle). */
export function colourOf(key: string, read: (variable: string) => string): string {
  const own = read(THEME_COLOURS[key] ?? '--vscode-charts-foreground').trim();
  return own || read('--vscode-foreground').trim() || 'gray';
}
