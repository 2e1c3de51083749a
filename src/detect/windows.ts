// Cuts the few stretches worth a regex out of a buffer: the line around each prefilter hit,
// capped so that a megabyte-long line costs no more than its hits.

/** Bytes [lo, hi) of one line of data, holding hits [first, last). One object, reused per window. */
export interface Window {
  lo: number;
  hi: number;
  /** lo/hi stop short of the line's real start/end: a match touching that edge may be a fragment. */
  cutStart: boolean;
  cutEnd: boolean;
  first: number;
  last: number;
}

const NEWLINE = 0x0a;

/**
 * Visits windows reaching at least `margin` bytes beyond each hit, never past a newline; hit i is
 * bytes [starts[i], ends[i]), sorted by start. Overlapping windows merge, and every byte is looked
 * at for a newline at most once, so the cost stays linear however many hits a line holds. Nothing
 * is kept per hit or per window: a million hits make no garbage.
 */
export function forEachWindow(
  data: Buffer,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  margin: number,
  visit: (window: Window) => void,
): void {
  const window: Window = { lo: 0, hi: 0, cutStart: false, cutEnd: false, first: 0, last: 0 };
  let open = false;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    if (open && start < window.hi) {
      // Inside the window, hence on its line: only the end can move. It moves a whole margin at
      // a time, so a line packed with hits does not pay a search for each one.
      if (window.cutEnd && end + margin > window.hi) extend(data, window, end + 2 * margin);
      window.last = i + 1;
      continue;
    }
    const floor = Math.max(0, start - margin, open ? window.hi : 0);
    let lo = start;
    while (lo > floor && data[lo - 1] !== NEWLINE) lo--;
    if (open && lo === floor && floor === window.hi) {
      // No newline from the window's end to this hit: one stretch of the same line.
      extend(data, window, end + 2 * margin);
      window.last = i + 1;
      continue;
    }
    if (open) visit(window);
    open = true;
    Object.assign(window, { lo, hi: start, cutStart: lo > 0 && data[lo - 1] !== NEWLINE, first: i, last: i + 1 });
    extend(data, window, end + margin);
  }
  if (open) visit(window);
}

/** Moves window.hi towards target, stopping at a newline. */
function extend(data: Buffer, window: Window, target: number): void {
  const to = Math.min(data.length, target);
  let hi = window.hi;
  while (hi < to && data[hi] !== NEWLINE) hi++;
  window.hi = hi;
  window.cutEnd = hi < data.length && data[hi] !== NEWLINE;
}
