import { useEffect, useRef } from 'preact/hooks';
import type { Series } from './reportModel';

interface Props {
  title: string;
  data: Series;
  /** Bars (counts per interval) or a line (a rate over the day). */
  kind: 'bars' | 'line';
  /** The tenant's zone: the x axis shows its local time, as the table does. */
  timeZone: string;
  yLabel?: string;
}

const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c'];

/** Whether this browser can draw on a canvas (the DOM of unit tests cannot: they read the table instead). */
function canDraw(): boolean {
  try {
    return typeof document !== 'undefined' && document.createElement('canvas').getContext('2d') != null;
  } catch {
    return false;
  }
}

/**
 * A uPlot time chart. uPlot (about 50 KB) is loaded on first use only, so nobody but report readers downloads it.
 * The figure keeps a text alternative (the table below has the same numbers).
 */
export function TimeChart({ title, data, kind, timeZone, yLabel }: Props) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || !canDraw() || data.x.length === 0) return;
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    void import('uplot').then(({ default: uPlot }) => {
      if (cancelled) return;
      const bars = uPlot.paths.bars?.({ size: [0.8, 40] });
      chart = new uPlot(
        {
          width: Math.max(320, el.clientWidth || 640),
          height: 220,
          tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
          series: [
            {},
            ...data.series.map((s, i) => ({
              label: s.label,
              stroke: COLORS[i % COLORS.length],
              fill: kind === 'bars' ? `${COLORS[i % COLORS.length]}55` : undefined,
              paths: kind === 'bars' ? bars : undefined,
              spanGaps: kind === 'line',
            })),
          ],
          axes: [{}, { label: yLabel }],
        },
        [data.x, ...data.series.map((s) => s.values)],
        el,
      );
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [data, kind, timeZone, yLabel]);
  return (
    <figure class="report-chart">
      <figcaption>{title}</figcaption>
      <div ref={host} role="img" aria-label={title} />
    </figure>
  );
}
