import { css, html, LitElement, nothing, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css';
import type { Sparklines, SparklineSeries } from '../../src/inspector/protocol';
import { colourOf, formatValue, latest, plotData, spanText, summary } from '../logic/sparklines';
import { throttle } from '../logic/refresh-throttle';
import { host } from '../host';
import { base } from '../styles';

const WIDTH = 120;
const HEIGHT = 28;
/** Change batches ask for the lines again at most this often: samples are seconds apart anyway. */
const CHANGED_REFRESH_MS = 1000;

/**
 * The open queue's or stream's gauges over the last minutes, one small uPlot line each, coloured from the
 * theme, with each latest value as text beside it (and all of them in the group's label, for screen
 * readers). Reads the panel's sampler when shown, on its sampling interval and after changes.
 */
@customElement('ey-sparklines')
export class SparklinesView extends LitElement {
  // uPlot's own stylesheet, adopted like every other style here: the CSP allows no inline <style>.
  static override styles = [base, unsafeCSS(uPlotStyles), css`
    :host {
      display: block;
      margin-top: 6px;
    }
    .lines {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
    }
    figure {
      margin: 0;
      display: flex;
      align-items: center;
      gap: 6px;
    }
    figcaption {
      font-variant-numeric: tabular-nums;
    }
    .plot {
      width: ${WIDTH}px;
      height: ${HEIGHT}px;
    }
  `];

  @state() private accessor data: Sparklines | undefined;
  private readonly plots = new Map<string, uPlot>();
  private timer: number | undefined;
  private unsubscribe: (() => void) | undefined;
  private themeWatch: MutationObserver | undefined;
  private readonly refresh = throttle(() => this.load(), CHANGED_REFRESH_MS, () => performance.now(), (run, delayMs) => {
    window.setTimeout(run, delayMs);
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = host.onChanged(() => this.refresh());
    // VS Code marks a theme change on the body's class: the lines take the new theme's colours.
    this.themeWatch = new MutationObserver(() => this.dropPlots());
    this.themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.themeWatch?.disconnect();
    window.clearTimeout(this.timer);
    this.dropPlots();
  }

  private async load(): Promise<void> {
    window.clearTimeout(this.timer);
    try {
      this.data = await host.request('sparklines/read', {});
    } catch {
      // Sparklines are an extra: where they cannot be read (the resource just went), the header stays as it is.
      this.data = undefined;
    }
    // A quiet queue's oldest message keeps ageing, which no change announces: read again each interval.
    if (this.isConnected) this.timer = window.setTimeout(() => this.refresh(), this.data?.intervalMs ?? 5000);
  }

  private dropPlots(): void {
    for (const plot of this.plots.values()) plot.destroy();
    this.plots.clear();
    this.requestUpdate();
  }

  override render() {
    const d = this.data;
    if (!d?.series.length) return nothing;
    return html`<div class="lines" role="group" aria-label=${`Trends: ${summary(d)}`} data-testid="sparklines">
      ${repeat(
        d.series,
        (s) => s.key,
        (s) => html`<figure data-testid=${`sparkline-${s.key}`}>
          <div class="plot" data-key=${s.key} aria-hidden="true" title=${`${s.label} ${spanText(d)}`}></div>
          <figcaption><span class="muted">${s.label}</span> <b>${formatValue(latest(s), s.unit)}</b></figcaption>
        </figure>`,
      )}
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const d = this.data;
    const shown = new Set(d?.series.map((s) => s.key));
    for (const [key, plot] of this.plots) {
      if (!shown.has(key)) {
        plot.destroy();
        this.plots.delete(key);
      }
    }
    if (!d) return;
    for (const s of d.series) {
      const target = this.renderRoot.querySelector<HTMLElement>(`.plot[data-key="${s.key}"]`);
      if (!target) continue;
      const plot = this.plots.get(s.key);
      if (plot && plot.root.parentElement === target) plot.setData(plotData(d, s));
      else {
        plot?.destroy();
        this.plots.set(s.key, this.plot(d, s, target));
      }
    }
  }

  private plot(d: Sparklines, s: SparklineSeries, target: HTMLElement): uPlot {
    const style = getComputedStyle(this);
    const stroke = colourOf(s.key, (v) => style.getPropertyValue(v));
    const options: uPlot.Options = {
      width: WIDTH,
      height: HEIGHT,
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      legend: { show: false },
      scales: {
        x: { time: true },
        // From zero, so a flat line at 3 and one at 300 do not look alike; a little below it, so a line at 0 shows.
        y: { range: (_u, _min, max) => [-0.08 * Math.max(1, max ?? 1), Math.max(1, max ?? 1)] },
      },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke, width: 1.5, spanGaps: false, points: { show: false } }],
    };
    return new uPlot(options, plotData(d, s), target);
  }
}
