// `import { runContractTests } from 'hypersim/harness'`: the engine the CLI uses, for vitest files and
// scripts, plus the pieces a caller may want on its own.
export { runContractTests, DEFAULTS } from './runner.js';
export { loadSpec, SpecError, type LoadedSpec } from './spec.js';
export { resolveBaseUrl } from './target.js';
export { CHECKS } from './checks/index.js';
export { toJunit } from './report/junit.js';
export { toJson } from './report/json.js';
export { toCurl } from './report/curl.js';
export { formatSummary } from './report/console.js';
export { ALL_PHASES } from './run-types.js';
export type { Finding, RunOptions, RunResult, CheckStats, OperationStats, PlanEntry, CleanupRecord } from './run-types.js';
export type { AuthRecipe, AuthSession } from './auth.js';
export type * from './types.js';
