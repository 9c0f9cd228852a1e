import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rake } from './raking.ts';

/*
 * Property: on random respondents and margins, `rake` (typed arrays, cell-index loops) agrees to
 * 1e-9 with the plain implementation below, written for this test from the rules in decision 011
 * and sharing no code with it: respondents are objects with a label per margin, margins are maps
 * from label to population, and each step groups the respondents by label.
 */

interface Person {
  labels: Record<string, string | null>;
  weight: number;
}
interface PlainMargin {
  name: string;
  population: Map<string, number>;
}

function plainRake(people: Person[], margins: PlainMargin[], tolerance: number, maxIterations: number) {
  // The cells a margin can fit: population above zero and somebody in it.
  const fit = margins
    .map((m) => {
      const present = new Set(people.map((p) => p.labels[m.name]).filter((l): l is string => l !== null));
      const usable = [...m.population.entries()].filter(([label, pop]) => pop > 0 && present.has(label));
      const total = usable.reduce((s, [, pop]) => s + pop, 0);
      return { name: m.name, shares: new Map(usable.map(([label, pop]) => [label, pop / total])) };
    })
    .filter((m) => m.shares.size > 0);
  const inMargin = (p: Person, m: (typeof fit)[number]) => {
    const l = p.labels[m.name];
    return l !== null && l !== undefined && m.shares.has(l) ? l : null;
  };
  const groupWeights = (m: (typeof fit)[number]) => {
    const byLabel = new Map<string, number>();
    let known = 0;
    for (const p of people) {
      const l = inMargin(p, m);
      if (l === null) continue;
      byLabel.set(l, (byLabel.get(l) ?? 0) + p.weight);
      known += p.weight;
    }
    return { byLabel, known };
  };
  let iterations = 0;
  let worst = fit.length ? Infinity : 0;
  while (iterations < maxIterations && worst > tolerance) {
    iterations++;
    for (const m of fit) {
      const { byLabel, known } = groupWeights(m);
      for (const p of people) {
        const l = inMargin(p, m);
        if (l !== null) p.weight = p.weight * ((m.shares.get(l)! * known) / byLabel.get(l)!);
      }
    }
    worst = 0;
    for (const m of fit) {
      const { byLabel, known } = groupWeights(m);
      for (const [l, share] of m.shares) worst = Math.max(worst, Math.abs((byLabel.get(l) ?? 0) / known - share) / share);
    }
  }
  return { weights: people.map((p) => p.weight), iterations, converged: worst <= tolerance };
}

const scenario = fc.integer({ min: 1, max: 3 }).chain((marginCount) =>
  fc
    .record({
      sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: marginCount, maxLength: marginCount }),
      n: fc.integer({ min: 1, max: 80 }),
    })
    .chain(({ sizes, n }) =>
      fc.record({
        sizes: fc.constant(sizes),
        populations: fc.tuple(
          ...sizes.map((k) =>
            fc.array(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 100_000 }), weight: 5 }, { arbitrary: fc.constant(0), weight: 1 }), {
              minLength: k,
              maxLength: k,
            }),
          ),
        ),
        // −1 = unknown; k = a cell outside the margin (treated as unknown, too).
        cells: fc.array(
          fc.tuple(
            ...sizes.map((k) =>
              fc.oneof({ arbitrary: fc.integer({ min: 0, max: k - 1 }), weight: 8 }, { arbitrary: fc.constantFrom(-1, k), weight: 1 }),
            ),
          ),
          { minLength: n, maxLength: n },
        ),
        base: fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: n, maxLength: n }),
      }),
    ),
);

describe('raking property: agrees with an independent implementation', () => {
  it('gives the same weights, iterations and convergence to 1e-9', () => {
    fc.assert(
      fc.property(scenario, ({ sizes, populations, cells, base }) => {
        const n = cells.length;
        const margins = sizes.map((_, j) => ({
          name: `m${j}`,
          cells: Int32Array.from(cells, (c) => c[j]!),
          population: Float64Array.from(populations[j]!),
        }));
        const tolerance = 1e-10;
        const maxIterations = 60;
        const fast = rake(n, margins, { tolerance, maxIterations, baseWeights: Float64Array.from(base) });

        const people: Person[] = cells.map((c, i) => ({
          weight: base[i]!,
          labels: Object.fromEntries(c.map((x, j) => [`m${j}`, x >= 0 && x < sizes[j]! ? `c${x}` : null])),
        }));
        const plainMargins = sizes.map((k, j) => ({
          name: `m${j}`,
          population: new Map(Array.from({ length: k }, (_, c) => [`c${c}`, populations[j]![c]!] as const)),
        }));
        const plain = plainRake(people, plainMargins, tolerance, maxIterations);

        expect(fast.report.iterations).toBe(plain.iterations);
        expect(fast.report.converged).toBe(plain.converged);
        plain.weights.forEach((w, i) => expect(Math.abs(fast.weights[i]! - w)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w))));
      }),
      { numRuns: 400 },
    );
  });
});
