import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** The class every chart's SVG carries; its styles are in the console's stylesheet. */
export const CHART_CLASS = 'clf-chart';

/** What a chart shows, in words: its accessible name and description. */
export interface ChartText {
  title: string;
  description: string;
}

export interface Bar {
  label: string;
  count: number;
}

/** A point of a line: a month (YYYY-MM), which line, and the value (null: nothing to show). */
export interface LinePoint {
  month: string;
  series: string;
  value: number | null;
}

/**
 * Draws a chart on the server into SVG text: no script runs in the browser. Plot's own
 * `<style>` element is dropped (the console's Content-Security-Policy forbids inline styles;
 * the stylesheet styles `CHART_CLASS` instead), and the SVG is named and described for
 * screen readers, which also have the figures in the table beside every chart.
 */
export function drawChart(options: Plot.PlotOptions, text: ChartText): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const chart = Plot.plot({
    ...options,
    document,
    className: CHART_CLASS,
  }) as unknown as ReturnType<typeof document.createElement>;
  for (const style of [...chart.querySelectorAll('style')]) style.remove();
  // Plot names its marks' groups ("bar", "rule"): inside an image, names no one hears, which
  // axe rightly calls prohibited. The image's own name and description say it all.
  for (const named of [...chart.querySelectorAll('[aria-label], [aria-description]')]) {
    named.removeAttribute('aria-label');
    named.removeAttribute('aria-description');
  }
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', text.title);
  const description = document.createElementNS('http://www.w3.org/2000/svg', 'desc');
  description.textContent = text.description;
  chart.prepend(description);
  return chart.outerHTML;
}

/** Charts drawn lately, by what they show: the dashboard draws the same ones for everyone until the figures move. */
const drawn = new Map<string, string>();
const DRAWN_KEPT = 200;

/** Drawing a chart takes milliseconds; the same figures give the same SVG, so it is drawn once. */
function once(key: unknown, draw: () => string): string {
  const text = JSON.stringify(key);
  let svg = drawn.get(text);
  if (svg === undefined) {
    svg = draw();
    // Maps keep insertion order: the first key is the oldest.
    if (drawn.size >= DRAWN_KEPT) drawn.delete(drawn.keys().next().value!);
    drawn.set(text, svg);
  }
  return svg;
}

/** GOV.UK Frontend's blue: 4.5:1 against white, so a bar is seen by everyone. */
const BAR_COLOUR = '#1d70b8';

/** Horizontal bars, one per label, in the order given, each with its value written at its end. */
export function barChart(bars: readonly Bar[], text: ChartText, valueLabel: string): string {
  return once(['bar', bars, text, valueLabel], () => drawBars(bars, text, valueLabel));
}

function drawBars(bars: readonly Bar[], text: ChartText, valueLabel: string): string {
  const longest = Math.max(0, ...bars.map((bar) => bar.label.length));
  const most = Math.max(0, ...bars.map((bar) => bar.count));
  return drawChart(
    {
      width: 460,
      height: 50 + bars.length * 30,
      marginLeft: Math.min(240, 16 + longest * 8.5),
      marginRight: 40,
      // Whole numbers only: a count has no halves.
      x: { label: valueLabel, grid: true, nice: true, ticks: Math.min(most, 5), tickFormat: 'd' },
      y: { label: null, domain: bars.map((bar) => bar.label) },
      marks: [
        Plot.barX(bars, { x: 'count', y: 'label', fill: BAR_COLOUR }),
        Plot.text(bars, { x: 'count', y: 'label', text: 'count', textAnchor: 'start', dx: 4 }),
        Plot.ruleX([0]),
      ],
    },
    text,
  );
}

/** Lines over months, one per series, each named at its last point (no colour key to match). */
export function lineChart(
  points: readonly LinePoint[],
  text: ChartText,
  options: { yLabel: string; percent?: boolean },
): string {
  return once(['line', points, text, options], () => drawLines(points, text, options));
}

function drawLines(
  points: readonly LinePoint[],
  text: ChartText,
  options: { yLabel: string; percent?: boolean },
): string {
  const shown = points.filter((point) => point.value !== null);
  const months = [...new Set(points.map((point) => point.month))].sort();
  return drawChart(
    {
      width: 960,
      height: 320,
      marginRight: 200,
      x: { type: 'point', domain: months, label: null, tickFormat: monthTick },
      y: {
        label: options.yLabel,
        grid: true,
        ...(options.percent ? { domain: [0, 100] } : { nice: true, zero: true }),
      },
      color: { scheme: 'observable10' },
      marks: [
        Plot.lineY(shown, { x: 'month', y: 'value', stroke: 'series', marker: 'circle' }),
        Plot.text(
          shown,
          Plot.selectLast({
            x: 'month',
            y: 'value',
            z: 'series',
            text: 'series',
            textAnchor: 'start',
            dx: 6,
          }),
        ),
      ],
    },
    text,
  );
}

const MONTH_NAMES = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "2026-03" → "Mar 26": short enough for twelve ticks. */
export function monthTick(month: string): string {
  const [year, number] = month.split('-');
  return `${MONTH_NAMES[Number(number) - 1]} ${year.slice(2)}`;
}
