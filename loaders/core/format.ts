// Numbers and percentages as staff and the public read them.

/** A rate (0–1) as a percentage with one decimal: 0.0512 → '5.1%'. */
export function percentText(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** percentText of a value that may be missing: `missing` ('' in a report, '—' in the briefing) when it is not a number. */
export function percentOrMissing(value: unknown, missing = ""): string {
  return typeof value === "number" ? percentText(value) : missing;
}

/**
 * failed / inspected as a percentage rounded half up to one decimal, from the integer
 * counts (as circulars publish it): (1, 8) → 12.5, (2, 3) → 66.7; null when nothing was inspected.
 */
export function percent1(failed: number, inspected: number): number | null {
  return inspected > 0 ? Math.round((failed * 1000) / inspected) / 10 : null;
}

/** percent1 as text, '12.5%'; '' when nothing was inspected. */
export function countsPercentText(failed: number, inspected: number): string {
  const percent = percent1(failed, inspected);
  return percent === null ? "" : `${percent.toFixed(1)}%`;
}

/** One decimal: 2.345 → '2.3' (scores, points). */
export function oneDecimal(value: number): string {
  return value.toFixed(1);
}

/** Thousands separated by commas, as circulars print counts: 12345 → '12,345'. */
export function thousands(n: number): string {
  return n.toLocaleString("en-US");
}

/** A change in percentage points: '上升0.8个百分点' / '下降1.2个百分点' (0 counts as 上升: callers say 持平 themselves). */
export function pointsChangeText(change: number): string {
  return `${change >= 0 ? "上升" : "下降"}${oneDecimal(Math.abs(change))}个百分点`;
}

/** '比上季度上升0.8个百分点', or '与上季度持平' when the change is 0; null without a comparison. */
export function changePhrase(change: number | null, against: string): string | null {
  if (change === null) return null;
  if (change === 0) return `与${against}持平`;
  return `比${against}${pointsChangeText(change)}`;
}
