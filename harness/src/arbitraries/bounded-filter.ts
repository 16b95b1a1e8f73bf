// fast-check's `filter` retries forever when its predicate is rarely true. Before filtering, a fixed-seed
// sample measures how often the predicate holds; a rare predicate gets the passing samples (or a
// fallback) instead of a filter that could spin.

import fc from 'fast-check';

const SAMPLE_SIZE = 25;
const MIN_PASS_RATE = 0.2;

export function boundedFilter<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => boolean,
  fallback: () => fc.Arbitrary<T>,
): fc.Arbitrary<T> {
  let samples: T[];
  try {
    samples = fc.sample(arbitrary, { seed: 0x5eed, numRuns: SAMPLE_SIZE });
  } catch {
    return fallback();
  }
  const passing = samples.filter(predicate);
  if (passing.length >= SAMPLE_SIZE * MIN_PASS_RATE) return arbitrary.filter(predicate);
  if (passing.length > 0) return fc.constantFrom(...passing);
  return fallback();
}
