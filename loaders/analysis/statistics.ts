// The statistics behind rates, problem flags (article 72) and the catalogue draft (article 10).
// Pure functions on aggregated cells (a few thousand at most): the heavy counting is SQL.
// Formulas and oracles: /work/shared/reference/statistics-oracles.md; choices: loaders/analysis/README.md.
// Special functions (incomplete beta, normal and chi-square CDFs) come from jStat, not hand-written code.
import { createRequire } from "node:module";
import { quantileSorted } from "d3";

/** The few jStat functions used here (the package ships no type declarations). */
interface JStat {
  ibeta(x: number, a: number, b: number): number;
  combinationln(n: number, k: number): number;
  normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
  chisquare: { cdf(x: number, dof: number): number };
  beta: { inv(p: number, a: number, b: number): number };
}
const jStat = createRequire(import.meta.url)("jstat") as JStat;

/** Two-sided 95% and 99.8% normal quantiles (1.959964 and 3.090232). */
export const Z_95 = jStat.normal.inv(0.975, 0, 1);
export const Z_998 = jStat.normal.inv(0.999, 0, 1);

export interface Interval { low: number; high: number }

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Wilson score interval for x successes in n trials (centre is the shrunken point estimate).
 * At x = 0 the lower limit is exactly 0 and at x = n the upper exactly 1 (centre = half-width
 * there); centre − half in floating point leaves ±5.6e-17, so those ends are set, not computed.
 */
export function wilsonInterval(x: number, n: number, z = Z_95): Interval & { centre: number } {
  if (n <= 0) return { low: NaN, high: NaN, centre: NaN };
  const p = x / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { low: x <= 0 ? 0 : clamp01(centre - half), high: x >= n ? 1 : clamp01(centre + half), centre };
}

/**
 * P(X ≥ x) for X ~ Binomial(n, θ), as the regularised incomplete beta I_θ(x, n−x+1).
 * Computed directly (not 1 − CDF) so that tiny p-values keep their digits for BH.
 */
export function binomialUpperTail(x: number, n: number, theta: number): number {
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (theta <= 0) return 0;
  if (theta >= 1) return 1;
  return jStat.ibeta(theta, x, n - x + 1);
}

/** P(X ≤ r) for X ~ Binomial(n, θ), as I_{1−θ}(n−r, r+1). */
export function binomialCdf(r: number, n: number, theta: number): number {
  if (r < 0) return 0;
  if (r >= n) return 1;
  if (theta <= 0) return 1;
  if (theta >= 1) return 0;
  return jStat.ibeta(1 - theta, n - r, r + 1);
}

/**
 * One-sided Fisher exact test that a share is higher in a period than in its baseline:
 * k of m in the period, kb of mb in the baseline. Conditional on both margins, the period's
 * count K is hypergeometric (population m + mb, successes k + kb, m draws); returns P(K ≥ k).
 * It accounts for the baseline share being itself an estimate from few batches.
 */
export function fisherUpperTail(k: number, m: number, kb: number, mb: number): number {
  const population = m + mb;
  const successes = k + kb;
  const top = Math.min(m, successes);
  if (k <= Math.max(0, m - (population - successes))) return 1;
  // first term from jStat's log-binomials, the rest by the ratio pmf(j+1)/pmf(j)
  let term = Math.exp(jStat.combinationln(successes, k) + jStat.combinationln(population - successes, m - k) - jStat.combinationln(population, m));
  let tail = 0;
  for (let j = k; j <= top && term > 0; j++) {
    tail += term;
    if (term < tail * 1e-17) break;
    term *= ((successes - j) * (m - j)) / ((j + 1) * (population - successes - m + j + 1));
  }
  return Math.min(1, tail);
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Standard normal upper tail Q(z) = 1 − Φ(z) = P(Z ≥ z), to about 1e-14 relative for every z
 * down to underflow (z ≈ 38.5). Not 1 − Φ(z): that loses every digit once Φ(z) rounds to 1
 * (7% off at z = 8, exactly 0 from z ≈ 8.3), and jStat's erfc is computed as 1 − erf, so it
 * has the same defect. Two textbook expansions of the tail (Abramowitz & Stegun 26.2.11 and
 * 26.2.14; Marsaglia 2004, J Stat Softw 11(4)):
 * - z < 3: Φ(z) − ½ = φ(z)·Σ z^(2k+1)/(1·3·5···(2k+1)), all terms positive; Q ≥ 0.00135 there,
 *   so ½ minus it keeps its digits;
 * - z ≥ 3: Laplace's continued fraction Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))),
 *   evaluated by the modified Lentz method.
 * Checked against R's pnorm(z, lower.tail = FALSE) in test/statistics.test.ts.
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z < 0) return 1 - normalUpperTail(-z);
  if (z === Infinity) return 0;
  const density = Math.exp(-0.5 * z * z) / SQRT_2PI;
  if (z < 3) {
    let term = z;
    let sum = z;
    for (let k = 1; term > sum * 1e-17; k++) {
      term *= (z * z) / (2 * k + 1);
      sum += term;
    }
    return 0.5 - density * sum;
  }
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    d = z + k * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = z + k / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return density / f;
}

/**
 * Funnel limits by the normal approximation (Spiegelhalter 2005, Stat Med 24:1185):
 * θ0 ± z·√(s² + τ²) with s² = θ0(1−θ0)/n. τ² = 0 gives the plain limits; the additive
 * random-effects adjustment passes the estimated τ². Returned unclamped and clamped to [0,1].
 */
export function normalFunnelLimits(n: number, theta0: number, z: number, tau2 = 0) {
  const sd = Math.sqrt((theta0 * (1 - theta0)) / n + tau2);
  const lowerRaw = theta0 - z * sd;
  const upperRaw = theta0 + z * sd;
  return { lowerRaw, upperRaw, lower: clamp01(lowerRaw), upper: clamp01(upperRaw) };
}

/** Multiplicative overdispersion fix: θ0 ± z·√(φ·s²). */
export function phiAdjustedFunnelLimits(n: number, theta0: number, z: number, phi: number) {
  const sd = Math.sqrt((phi * theta0 * (1 - theta0)) / n);
  return { lowerRaw: theta0 - z * sd, upperRaw: theta0 + z * sd, lower: clamp01(theta0 - z * sd), upper: clamp01(theta0 + z * sd) };
}

/**
 * One exact binomial funnel limit for tail probability p (0.025, 0.975, 0.001, 0.999),
 * interpolated as in the appendix of Spiegelhalter 2005 (also Manktelow & Seaton 2012):
 * r_p is the smallest r with F(r) ≥ p, α = (F(r_p) − p)/(F(r_p) − F(r_p − 1)), limit (r_p − α)/n.
 * For upper limits F(r_p) − p is computed as (1 − p) − P(X > r_p) to keep its digits.
 */
export function exactBinomialLimit(n: number, theta0: number, p: number): { r: number; alpha: number; limitRaw: number; limit: number } {
  // binary search: F is non-decreasing in r and F(n) = 1 ≥ p
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (binomialCdf(mid, n, theta0) >= p) hi = mid;
    else lo = mid + 1;
  }
  const r = lo;
  const above = p > 0.5 ? 1 - p - binomialUpperTail(r + 1, n, theta0) : binomialCdf(r, n, theta0) - p;
  const mass = binomialUpperTail(r, n, theta0) - binomialUpperTail(r + 1, n, theta0); // P(X = r)
  const alpha = mass > 0 ? above / mass : 0;
  const limitRaw = (r - alpha) / n;
  return { r, alpha, limitRaw, limit: clamp01(limitRaw) };
}

/** Exact binomial funnel limits for a two-sided coverage (0.95 or 0.998), clamped to [0,1]. */
export function exactFunnelLimits(n: number, theta0: number, coverage: number): Interval {
  const tail = (1 - coverage) / 2;
  return { low: exactBinomialLimit(n, theta0, tail).limit, high: exactBinomialLimit(n, theta0, 1 - tail).limit };
}

export interface Unit { x: number; n: number }

/** z_i = (y_i − θ0)/s_i with s_i² = θ0(1−θ0)/n_i. */
export function zScore(unit: Unit, theta0: number): number {
  return (unit.x / unit.n - theta0) / Math.sqrt((theta0 * (1 - theta0)) / unit.n);
}

export interface Overdispersion {
  /** winsorised φ̂ = mean of squared z-scores clipped to their 10th and 90th percentiles (R type 7) */
  phi: number;
  phiRaw: number;
  /** the winsorisation bounds [10th, 90th percentile] */
  bounds: [number, number];
  /** P(χ² ≥ I·φ̂), df I−1 for a pooled target, I for an external one */
  chiSquareP: number;
  /** additive random-effects variance τ̂² = max(0, (Iφ̂ − (I−1)) / (Σw − Σw²/Σw)), w = 1/s² */
  tau2: number;
  units: number;
}

/**
 * Overdispersion of units around θ0 (Spiegelhalter 2005, QSHC 14:347; FunnelPlotR
 * R/od_adjustment.R, here on the raw proportion scale as the oracles are).
 */
export function overdispersion(units: Unit[], theta0: number, opts: { externalTarget?: boolean; winsorise?: number } = {}): Overdispersion {
  const count = units.length;
  const variance = theta0 * (1 - theta0);
  if (count < 2 || !(variance > 0)) {
    return { phi: NaN, phiRaw: NaN, bounds: [NaN, NaN], chiSquareP: NaN, tau2: 0, units: count };
  }
  const winsorise = opts.winsorise ?? 0.1;
  const z = units.map((u) => zScore(u, theta0));
  const sorted = [...z].sort((a, b) => a - b);
  const bounds: [number, number] = [quantileSorted(sorted, winsorise)!, quantileSorted(sorted, 1 - winsorise)!];
  const phiRaw = z.reduce((s, v) => s + v * v, 0) / count;
  const phi = z.reduce((s, v) => s + Math.min(bounds[1], Math.max(bounds[0], v)) ** 2, 0) / count;
  const dof = opts.externalTarget ? count : count - 1;
  const chiSquareP = 1 - jStat.chisquare.cdf(count * phi, dof);
  const weights = units.map((u) => u.n / variance);
  const sumW = weights.reduce((s, w) => s + w, 0);
  const sumW2 = weights.reduce((s, w) => s + w * w, 0);
  const tau2 = Math.max(0, (count * phi - (count - 1)) / (sumW - sumW2 / sumW));
  return { phi, phiRaw, bounds, chiSquareP, tau2, units: count };
}

/**
 * Benjamini–Hochberg adjusted p-values (q), in the input order:
 * q_(i) = min over j ≥ i of min(1, m·p_(j)/j). Reject where q ≤ the chosen FDR level.
 */
export function benjaminiHochberg(pValues: number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1];
    running = Math.min(running, Math.min(1, (m * p) / rank));
    q[i] = running;
  }
  return q;
}

export interface BetaBinomialFit {
  mu: number;
  chiSquare: number;
  rho: number;
  /** prior sample size M = α + β (capped when ρ̂ = 0: no between-unit variation, full pooling) */
  priorSize: number;
  alpha: number;
  beta: number;
  posteriorMean: number[];
  /** n_i/(n_i + M): the weight of the unit's own data in its posterior mean */
  ownWeight: number[];
  /** P(θ_i > reference) under the unit's Beta(α + x_i, β + n_i − x_i) posterior */
  probabilityAbove: number[];
}

/** Cap on M when ρ̂ = 0 (oracle sheet: "e.g. 1e6"). */
export const MAX_PRIOR_SIZE = 1e6;

/**
 * Empirical-Bayes beta-binomial shrinkage by the moment estimator of the oracle sheet:
 * μ̂ = Σx/Σn, χ² = Σn_i(y_i − μ̂)²/(μ̂(1 − μ̂)), ρ̂ = max(0, (χ² − (I−1))/(N − Σn_i²/N)),
 * M = 1/ρ̂ − 1, α = μ̂M, β = (1 − μ̂)M. Posterior mean (x_i + α)/(n_i + M).
 */
export function empiricalBayesBetaBinomial(units: Unit[], reference?: number): BetaBinomialFit {
  const count = units.length;
  const totalN = units.reduce((s, u) => s + u.n, 0);
  const totalX = units.reduce((s, u) => s + u.x, 0);
  const mu = totalN > 0 ? totalX / totalN : NaN;
  const variance = mu * (1 - mu);
  const chiSquare = variance > 0 ? units.reduce((s, u) => s + u.n * (u.x / u.n - mu) ** 2, 0) / variance : 0;
  const spread = totalN - units.reduce((s, u) => s + u.n * u.n, 0) / totalN;
  const rho = spread > 0 ? Math.max(0, (chiSquare - (count - 1)) / spread) : 0;
  const priorSize = rho > 0 ? Math.min(MAX_PRIOR_SIZE, 1 / rho - 1) : MAX_PRIOR_SIZE;
  const alpha = mu * priorSize;
  const beta = (1 - mu) * priorSize;
  const target = reference ?? mu;
  return {
    mu, chiSquare, rho, priorSize, alpha, beta,
    posteriorMean: units.map((u) => (u.x + alpha) / (u.n + priorSize)),
    ownWeight: units.map((u) => u.n / (u.n + priorSize)),
    probabilityAbove: units.map((u) =>
      alpha > 0 && beta > 0 ? 1 - jStat.ibeta(target, alpha + u.x, beta + u.n - u.x) : NaN),
  };
}

/**
 * Equal-tailed credible interval of a Beta(a, b) posterior (95% by default): its 2.5% and
 * 97.5% quantiles (jStat's inverse incomplete beta). The sampling plan shows the catalogue's
 * posterior Beta(α + x, β + n − x) of each category this way.
 */
export function betaInterval(a: number, b: number, level = 0.95): Interval {
  if (!(a > 0 && b > 0)) return { low: NaN, high: NaN };
  const tail = (1 - level) / 2;
  return { low: jStat.beta.inv(tail, a, b), high: jStat.beta.inv(1 - tail, a, b) };
}
