// Which rows of a long list are on screen: only those are rendered. Pure.

export interface RowWindow {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Space above and below the rendered rows, in px. */
  padTop: number;
  padBottom: number;
}

/**
 * The rows visible in a viewport of `viewportHeight` scrolled to `scrollTop`, plus `overscan` rows on each side
 * so that fast scrolling does not show gaps. Every row is `rowHeight` px high.
 */
export function rowWindow(
  count: number,
  rowHeight: number,
  viewportHeight: number,
  scrollTop: number,
  overscan = 8,
): RowWindow {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}
