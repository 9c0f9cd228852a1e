import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyParameters, propertyReport, replaySettings } from './property.ts';

/** Runs a property through fc.assert with the given parameters and returns the message it throws. */
function failureOf(property: fc.IProperty<[number[]]>, parameters: fc.Parameters<[number[]]>): string {
  try {
    fc.assert(property, parameters);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the property did not fail');
}

function replayOf(message: string): { FC_SEED: string; FC_PATH: string } {
  const m = /Replay: FC_SEED=(-?\d+) FC_PATH=(\d+(?::\d+)*) npx vitest run/.exec(message);
  if (!m) throw new Error(`no replay line in:\n${message}`);
  return { FC_SEED: m[1]!, FC_PATH: m[2]! };
}

const counterexampleOf = (message: string) => /^Counterexample: (.*)$/m.exec(message)?.[1];

// Deliberately false: a list of small numbers whose sum is at least 40 and that holds a 7 exists.
const falseClaim = fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }), (xs) => {
  const sum = xs.reduce((a, b) => a + b, 0);
  return sum < 40 || !xs.includes(7);
});

describe('replayable property tests', () => {
  it('runs every property with the shared reporter (the vitest setup file)', () => {
    expect(fc.readConfigureGlobal().reporter).toBe(propertyParameters({}).reporter);
  });

  it('prints the seed and path of a failure, and FC_SEED with FC_PATH replays the same counterexample', () => {
    // A fresh seed each run, as fast-check picks one when FC_SEED is unset; explicit here only so
    // that a replay of another test in the same run (FC_SEED in the environment) cannot steer it.
    const seed = randomInt(-(2 ** 31), 2 ** 31);
    const first = failureOf(falseClaim, { seed, path: '' });
    expect(first).toContain(`seed: ${seed}, path: "`);
    const replay = replayOf(first);
    expect(first).toContain(
      `Replay: FC_SEED=${seed} FC_PATH=${replay.FC_PATH} npx vitest run src/server/test/property.test.ts -t 'prints the seed and path of a failure, and FC_SEED with FC_PATH replays the same counterexample'`,
    );
    expect(replay.FC_SEED).toBe(String(seed));
    expect(replay.FC_PATH).toMatch(/^\d+:/); // shrunk: the path leads through the shrinking steps
    const counterexample = counterexampleOf(first);
    expect(counterexample).toMatch(/^\[\[.*7.*\]\]$/);

    // The replay runs straight to the shrunk counterexample.
    const again = failureOf(falseClaim, propertyParameters(replay));
    expect(counterexampleOf(again)).toBe(counterexample);
    expect(replayOf(again)).toEqual(replay);
    // The seed alone runs the same examples and shrinks to the same counterexample.
    expect(counterexampleOf(failureOf(falseClaim, propertyParameters({ FC_SEED: replay.FC_SEED })))).toBe(counterexample);
  });

  it('replays an unshrunk failure of an asynchronous property checked with fc.check', async () => {
    // As the route fuzz test runs: no shrinking, the report taken from the run's details.
    const property = fc.asyncProperty(fc.integer(), fc.string({ maxLength: 4 }), async (n, s) => {
      await Promise.resolve();
      return (n + s.length) % 3 !== 1;
    });
    const first = await fc.check(property, { seed: randomInt(-(2 ** 31), 2 ** 31), path: '', endOnFailure: true });
    const report = propertyReport(first);
    expect(first.failed).toBe(true);
    const replay = replayOf(report!);
    expect(replay.FC_PATH).toBe(first.counterexamplePath);
    const again = await fc.check(property, { ...propertyParameters(replay), endOnFailure: true });
    expect(again.counterexample).toEqual(first.counterexample);
    expect(again.numRuns).toBe(1);
  });

  it('has no report for a property that holds', () => {
    expect(
      propertyReport(
        fc.check(
          fc.property(fc.nat(), (n) => n >= 0),
          { numRuns: 20 },
        ),
      ),
    ).toBeUndefined();
  });

  it('refuses replay settings it cannot use', () => {
    expect(replaySettings({})).toEqual({});
    expect(replaySettings({ FC_SEED: ' -17 ' })).toEqual({ seed: -17 });
    expect(replaySettings({ FC_SEED: '5', FC_PATH: '3:0:1' })).toEqual({ seed: 5, path: '3:0:1' });
    expect(() => replaySettings({ FC_PATH: '3' })).toThrow(/together with its FC_SEED/);
    expect(() => replaySettings({ FC_SEED: 'abc' })).toThrow(/FC_SEED must be an integer/);
    expect(() => replaySettings({ FC_SEED: '5', FC_PATH: '3;1' })).toThrow(/FC_PATH must look like/);
  });
});
