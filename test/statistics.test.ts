// Oracles from /work/shared/reference/statistics-oracles.md (computed independently, agree with SciPy).
import { describe, expect, it } from "vitest";
import {
  Z_95, Z_998, benjaminiHochberg, binomialCdf, binomialUpperTail, empiricalBayesBetaBinomial,
  exactBinomialLimit, exactFunnelLimits, fisherUpperTail, normalFunnelLimits, normalUpperTail, overdispersion,
  phiAdjustedFunnelLimits, wilsonInterval, zScore,
} from "../loaders/analysis/statistics.ts";

const close = (actual: number, expected: number, digits = 6) => expect(actual).toBeCloseTo(expected, digits);

// Ten-district example, failures/samples.
const districts = { A: [2, 20], B: [7, 40], C: [3, 60], D: [22, 80], E: [8, 100], F: [21, 150], G: [13, 200], H: [33, 250], I: [24, 300], J: [6, 50] } as const;
const names = Object.keys(districts) as (keyof typeof districts)[];
const units = names.map((k) => ({ x: districts[k][0], n: districts[k][1] }));
const theta0 = 139 / 1250;

describe("normal quantiles", () => {
  it("are the 95% and 99.8% values of the sheet", () => {
    close(Z_95, 1.959964);
    close(Z_998, 3.090232);
  });
});

describe("Wilson score interval", () => {
  it("8 of 50 at 95% is [0.083374, 0.285142], centre 0.184258", () => {
    const w = wilsonInterval(8, 50);
    close(w.low, 0.083374);
    close(w.high, 0.285142);
    close(w.centre, 0.184258);
  });
  it("8 of 50 at 99.8% is [0.057917, 0.371130]", () => {
    const w = wilsonInterval(8, 50, Z_998);
    close(w.low, 0.057917);
    close(w.high, 0.37113);
  });
  it("0 of 20 at 95% is [0, 0.161125]", () => {
    const w = wilsonInterval(0, 20);
    expect(w.low).toBe(0);
    close(w.high, 0.161125);
  });
});

describe("binomial tails", () => {
  it("Binomial(50, 0.1): P(X≤1), P(X≤9), P(X≥8)", () => {
    close(binomialCdf(1, 50, 0.1), 0.03378586, 8);
    close(binomialCdf(9, 50, 0.1), 0.97546206, 8);
    close(binomialUpperTail(8, 50, 0.1), 0.12214508, 8);
  });
  it("district D's one-sided exact p is 4.3403e-5", () => {
    expect(binomialUpperTail(22, 80, theta0)).toBeCloseTo(4.3403e-5, 8);
  });
});

describe("one-sided Fisher exact test (item hot spots)", () => {
  // oracles: scipy.stats.fisher_exact([[k, m−k], [kb, mb−kb]], alternative="greater").pvalue
  it("lady tasting tea, 3 of 4 against 1 of 4: 17/70", () => {
    expect(fisherUpperTail(3, 4, 1, 4)).toBeCloseTo(17 / 70, 12);
  });
  it("a jump in share, 16 of 20 against 4 of 40", () => {
    expect(fisherUpperTail(16, 20, 4, 40)).toBeCloseTo(1.0835248e-7, 13);
  });
  it("large counts keep their digits: 120 of 800 against 100 of 1,600", () => {
    const p = fisherUpperTail(120, 800, 100, 1600);
    expect(Math.abs(p / 8.741710591873644e-12 - 1)).toBeLessThan(1e-6);
  });
  it("a share lower than its baseline is no evidence: 2 of 20 against 10 of 40", () => {
    expect(fisherUpperTail(2, 20, 10, 40)).toBeCloseTo(0.962966695450497, 9);
    expect(fisherUpperTail(0, 20, 10, 40)).toBe(1);
  });
});

describe("normal upper tail P(Z ≥ z)", () => {
  // R 4.x: pnorm(z, lower.tail = FALSE), printed with digits = 16; z = 1, 2.5 and −3 from
  // mpmath.ncdf(−z) at 50 digits. 1 − Φ(z) is 1.8% off at z = 8 and 0 from z ≈ 8.3.
  const oracle: [number, number][] = [
    [5, 2.866515718791939e-7], [8, 6.220960574271784e-16], [10, 7.619853024160527e-24], [20, 2.753624118606233e-89],
    [1, 0.15865525393145705], [2.5, 0.0062096653257761352], [-3, 1 - 0.0013498980316300945],
  ];
  it.each(oracle)("at z = %d agrees with R to 1e-10 relative", (z, expected) => {
    expect(Math.abs(normalUpperTail(z) / expected - 1)).toBeLessThan(1e-10);
  });
  it("is ½ at 0, continuous where its two expansions meet (z = 3), 0 at +∞ and 1 at −∞", () => {
    expect(normalUpperTail(0)).toBe(0.5);
    // mpmath.ncdf(−2.999999) and ncdf(−3.000001)
    expect(Math.abs(normalUpperTail(2.999999) / 0.0013499024634851542 - 1)).toBeLessThan(1e-10);
    expect(Math.abs(normalUpperTail(3.000001) / 0.0013498935997883304 - 1)).toBeLessThan(1e-10);
    expect(normalUpperTail(Infinity)).toBe(0);
    expect(normalUpperTail(-Infinity)).toBe(1);
    expect(normalUpperTail(NaN)).toBeNaN();
  });
});

describe("funnel limits", () => {
  it("normal approximation at n=50, θ0=0.1", () => {
    const l95 = normalFunnelLimits(50, 0.1, Z_95);
    close(l95.lower, 0.016846);
    close(l95.upper, 0.183154);
    const l998 = normalFunnelLimits(50, 0.1, Z_998);
    close(l998.lowerRaw, -0.031107);
    expect(l998.lower).toBe(0);
    close(l998.upper, 0.231107);
  });
  it("exact binomial at n=50, θ0=0.1: r, α and limit of each tail", () => {
    const cases: [number, number, number, number][] = [
      [0.025, 1, 0.306854, 0.013863],
      [0.975, 9, 0.013864, 0.179723],
      [0.001, 0, 0.805967, -0.016119],
      [0.999, 13, 0.993579, 0.240128],
    ];
    for (const [p, r, alpha, limit] of cases) {
      const got = exactBinomialLimit(50, 0.1, p);
      expect(got.r).toBe(r);
      close(got.alpha, alpha);
      close(got.limitRaw, limit);
    }
    expect(exactFunnelLimits(50, 0.1, 0.998).low).toBe(0);
  });
  it("exact binomial 99.8% at n=200, θ0=0.1 is [0.037852, 0.168567]", () => {
    const l = exactFunnelLimits(200, 0.1, 0.998);
    close(l.low, 0.037852);
    close(l.high, 0.168567);
  });
});

describe("overdispersion on the ten-district example", () => {
  const od = overdispersion(units, theta0);
  it("z-scores", () => {
    const expected = [-0.1593, 1.2835, -1.5079, 4.6602, -0.9924, 1.122, -2.0783, 1.0461, -1.7189, 0.1979];
    units.forEach((u, i) => close(zScore(u, theta0), expected[i], 4));
  });
  it("winsorisation bounds, φ raw and winsorised, χ² p, τ²", () => {
    close(od.bounds[0], -1.7549, 4);
    close(od.bounds[1], 1.6212, 4);
    close(od.phiRaw, 3.6315, 4);
    close(od.phi, 1.5986, 4);
    close(od.chiSquareP, 0.067, 3);
    expect(od.tau2).toBeCloseTo(0.00065239, 8);
  });
  it("99.8% limits at n=100: plain, φ-adjusted and τ-adjusted", () => {
    const plain = normalFunnelLimits(100, theta0, Z_998);
    close(plain.lowerRaw, 0.014049);
    close(plain.upperRaw, 0.208351);
    const phi = phiAdjustedFunnelLimits(100, theta0, Z_998, od.phi);
    close(phi.lowerRaw, -0.011634, 5);
    close(phi.upperRaw, 0.234034, 5);
    const tau = normalFunnelLimits(100, theta0, Z_998, od.tau2);
    close(tau.lowerRaw, -0.013973, 5);
    close(tau.upperRaw, 0.236373, 5);
  });
  it("only D lies outside the 99.8% limits under all three methods", () => {
    const outside = (method: "plain" | "phi" | "tau") => names.filter((_name, i) => {
      const u = units[i];
      const limits = method === "plain" ? normalFunnelLimits(u.n, theta0, Z_998)
        : method === "phi" ? phiAdjustedFunnelLimits(u.n, theta0, Z_998, od.phi)
        : normalFunnelLimits(u.n, theta0, Z_998, od.tau2);
      const y = u.x / u.n;
      return y > limits.upperRaw || y < limits.lowerRaw;
    });
    expect(outside("plain")).toEqual(["D"]);
    expect(outside("phi")).toEqual(["D"]);
    expect(outside("tau")).toEqual(["D"]);
  });
  it("district D: z/√φ = 3.686 and z^RE = 3.770", () => {
    const d = units[3];
    close(zScore(d, theta0) / Math.sqrt(od.phi), 3.686, 3);
    const zRe = (d.x / d.n - theta0) / Math.sqrt((theta0 * (1 - theta0)) / d.n + od.tau2);
    close(zRe, 3.77, 3);
    expect(normalUpperTail(zRe)).toBeLessThan(0.001);
  });
});

describe("Benjamini–Hochberg", () => {
  it("textbook check: [0.01, 0.04, 0.03, 0.005] → [0.02, 0.04, 0.04, 0.02]", () => {
    benjaminiHochberg([0.01, 0.04, 0.03, 0.005]).forEach((q, i) => close(q, [0.02, 0.04, 0.04, 0.02][i], 12));
  });
  it("ten districts on exact one-sided p-values", () => {
    const q = benjaminiHochberg(units.map((u) => binomialUpperTail(u.x, u.n, theta0)));
    const expected: Record<string, number> = { D: 0.000434, B: 0.428235, F: 0.428235, H: 0.428235, J: 0.973877, A: 0.990189, C: 0.990189, E: 0.990189, G: 0.990189, I: 0.990189 };
    names.forEach((name, i) => close(q[i], expected[name], 6));
  });
});

describe("empirical-Bayes beta-binomial shrinkage", () => {
  const fit = empiricalBayesBetaBinomial(units);
  it("χ², ρ, α, β of the ten-district example", () => {
    close(fit.chiSquare, 36.3152, 4);
    close(fit.rho, 0.025808, 6);
    close(fit.alpha, 4.1975, 4);
    close(fit.beta, 33.5501, 4);
  });
  it("posterior means and P(θ > θ0)", () => {
    const means = [0.1073, 0.144, 0.0736, 0.2225, 0.0885, 0.1342, 0.0723, 0.1293, 0.0835, 0.1162];
    const above = [0.4186, 0.7894, 0.0879, 0.9997, 0.1704, 0.8214, 0.0184, 0.8183, 0.0411, 0.5248];
    means.forEach((m, i) => close(fit.posteriorMean[i], m, 4));
    above.forEach((p, i) => close(fit.probabilityAbove[i], p, 4));
  });
  it("own-data weight is n/(n+M) and M is capped when there is no spread", () => {
    close(fit.ownWeight[3], 80 / (80 + fit.alpha + fit.beta), 12);
    const flat = empiricalBayesBetaBinomial([{ x: 10, n: 100 }, { x: 20, n: 200 }, { x: 5, n: 50 }]);
    expect(flat.rho).toBe(0);
    expect(flat.priorSize).toBe(1e6);
    close(flat.posteriorMean[0], 0.1, 6);
  });
});
