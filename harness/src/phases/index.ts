// The phases, in the order a run goes through them, and the explicit dispatcher from name to module.
import type { PhaseName } from '../types.js';
import { authPhase } from './auth.js';
import { coveragePhase } from './coverage.js';
import { examplesPhase } from './examples.js';
import { fuzzPhase } from './fuzz.js';
import { negativePhase } from './negative.js';
import type { Phase } from './phase.js';
import { statefulPhase } from './stateful.js';

export type { Phase, PhaseEnv } from './phase.js';

export function phaseModule(name: PhaseName): Phase {
  switch (name) {
    case 'examples':
      return examplesPhase;
    case 'coverage':
      return coveragePhase;
    case 'fuzz':
      return fuzzPhase;
    case 'negative':
      return negativePhase;
    case 'auth':
      return authPhase;
    case 'stateful':
      return statefulPhase;
  }
}
