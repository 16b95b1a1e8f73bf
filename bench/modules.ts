// What `npm run bench` measures, in order. A later module may compare against figures of earlier ones
// (context.figures), so the baseline comes first. Add a measurement by appending its module here.
import { cloneFlows } from './clone-flow.js';
import { harnessCheckedRequests, harnessLargeSpec } from './harness.js';
import { readThroughput } from './reads.js';
import { sandboxCloneFlows } from './sandbox-clone-flow.js';
import { scale } from './scale.js';
import type { BenchModule } from './types.js';
import { vsphereCloneFlows } from './vsphere-clone-flow.js';

export const BENCH_MODULES: readonly BenchModule[] = [
  readThroughput,
  cloneFlows,
  harnessCheckedRequests,
  harnessLargeSpec,
  scale,
  sandboxCloneFlows,
  vsphereCloneFlows,
];
