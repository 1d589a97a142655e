import { parseHTML } from 'linkedom';
import { barChart, lineChart, monthTick } from './svg-chart';

const parse = (svg: string) => parseHTML(`<html><body>${svg}</body></html>`).document;

describe('charts drawn on the server', () => {
  const bars = barChart(
    [
      { label: 'Local resolution', count: 12 },
      { label: 'Formal investigation', count: 3 },
    ],
    { title: 'Open cases by stage', description: '12 at local resolution, 3 formal' },
    'Open cases',
  );

  it('is an SVG named and described for screen readers', () => {
    const svg = parse(bars).querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Open cases by stage');
    expect(svg.querySelector('desc')?.textContent).toBe('12 at local resolution, 3 formal');
    // Inside an image only the image is named (axe: aria-prohibited-attr).
    expect(svg.querySelectorAll('[aria-label], [aria-description]')).toHaveLength(0);
  });

  it('carries no script and no inline style, which the console’s Content-Security-Policy would block', () => {
    expect(bars).not.toMatch(/<script|<style|style="/);
  });

  it('draws a bar per label and writes each value', () => {
    const document = parse(bars);
    expect(document.querySelectorAll('rect').length).toBeGreaterThanOrEqual(2);
    const texts = [...document.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['Local resolution', '12', '3']));
  });

  it('draws a line per series named at its last point, leaving out months with nothing to show', () => {
    const svg = lineChart(
      [
        { month: '2026-01', series: 'Stage 1', value: 80 },
        { month: '2026-02', series: 'Stage 1', value: null },
        { month: '2026-03', series: 'Stage 1', value: 90 },
        { month: '2026-01', series: 'Stage 2', value: 50 },
      ],
      { title: 'On time', description: 'd' },
      { yLabel: '% on time', percent: true },
    );
    const document = parse(svg);
    expect(document.querySelectorAll('path').length).toBeGreaterThanOrEqual(2);
    const texts = [...document.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(['Stage 1', 'Stage 2', 'Jan 26', 'Mar 26']));
    expect(svg).not.toMatch(/<style|style="/);
  });

  it('names months briefly', () => {
    expect(monthTick('2026-12')).toBe('Dec 26');
    expect(monthTick('2027-01')).toBe('Jan 27');
  });

  it('gives the same figures the same picture (kept, not drawn again), and different figures a new one', () => {
    const text = { title: 'Open cases by status', description: 'd' };
    const first = barChart([{ label: 'Open', count: 1 }], text, 'Open cases');
    expect(barChart([{ label: 'Open', count: 1 }], text, 'Open cases')).toBe(first);
    expect(barChart([{ label: 'Open', count: 2 }], text, 'Open cases')).not.toBe(first);
    expect(barChart([{ label: 'Open', count: 2 }], text, 'Open cases')).toContain('>2<');
  });
});
