/** Scales and ticks for the hand-written SVG charts (no chart library: small, themeable with CSS variables, accessible). */
export interface Scale {
  (value: number): number;
  ticks: number[];
}

/** Round tick steps (1, 2, 5 × 10^k) that give about `count` ticks from 0 to max. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  if ((ticks[ticks.length - 1] ?? 0) < max) ticks.push((ticks[ticks.length - 1] ?? 0) + step);
  return ticks;
}

/** Linear from [0, max of nice ticks] to [from, to] (pixels; `to` may be smaller for y axes). */
export function linearScale(max: number, from: number, to: number, count = 5): Scale {
  const ticks = niceTicks(max, count);
  const top = ticks[ticks.length - 1] || 1;
  const scale = ((value: number) => from + (Math.max(0, value) / top) * (to - from)) as Scale;
  scale.ticks = ticks;
  return scale;
}

/**
 * Logarithmic over [min, max] widened to 1-2-5 steps; values at or below zero are drawn at the
 * bottom of the axis (a task that earned nothing still appears).
 */
export function logScale(min: number, max: number, from: number, to: number): Scale {
  const lo = Math.max(min, 1e-9);
  const hi = Math.max(max, lo * 10);
  const candidates: number[] = [];
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) candidates.push(m * 10 ** k);
  }
  const lowTick = [...candidates].reverse().find((c) => c <= lo) ?? lo;
  const highTick = candidates.find((c) => c >= hi) ?? hi;
  const a = Math.log10(lowTick);
  const b = Math.log10(highTick);
  const scale = ((value: number) => {
    const v = Math.log10(Math.min(Math.max(value, lowTick), highTick));
    return from + ((v - a) / (b - a || 1)) * (to - from);
  }) as Scale;
  const inRange = candidates.filter((c) => c >= lowTick && c <= highTick);
  // Keep the axis readable: only powers of ten when 1-2-5 would crowd it.
  scale.ticks = inRange.length > 9 ? inRange.filter((c) => Math.abs(Math.log10(c) % 1) < 1e-9) : inRange;
  return scale;
}
