// Seeded randomness for the sample generator. Same seed → same numbers on every
// machine: no Math.random, no clock. sfc32 is small, fast and passes PractRand
// far beyond the few hundred million draws a 1M-batch sample needs.

/** 32-bit FNV-1a of a text, for turning a seed or an entity key into state. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes several 32-bit integers into one (murmur3 finaliser after each step). */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = mix(seed, stream, 1);
    this.b = mix(seed, stream, 2);
    this.c = mix(seed, stream, 3);
    this.d = 1;
    for (let i = 0; i < 6; i++) this.nextUint32(); // the mixed seed words are already well spread
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn from a cumulative weight table (see `cumulative`). */
  weightedIndex(table: WeightTable): number {
    const x = this.next() * table.total;
    const cum = table.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** `count` distinct indices of `weights`, drawn without replacement in proportion to weight. */
  distinctWeighted(weights: readonly number[], count: number): number[] {
    const left = weights.slice();
    const chosen: number[] = [];
    for (let n = 0; n < count; n++) {
      let total = 0;
      for (const w of left) total += w;
      if (total <= 0) break;
      let x = this.next() * total;
      let i = 0;
      for (; i < left.length - 1; i++) {
        if (x < left[i]) break;
        x -= left[i];
      }
      while (left[i] === 0 && i > 0) i--; // rounding at the very end of the range
      chosen.push(i);
      left[i] = 0;
    }
    return chosen;
  }
}

export interface WeightTable {
  cumulative: Float64Array;
  total: number;
}

export function weightTable(weights: readonly number[]): WeightTable {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += Math.max(0, w);
    cumulative[i] = total;
  });
  if (total <= 0) throw new Error("weight table with no positive weight");
  return { cumulative, total };
}

/** A generator for one entity (a company, a shop), the same whatever order it is asked in. */
export function entityRng(seed: number, ...key: number[]): Rng {
  return new Rng(mix(seed, ...key), 7);
}
