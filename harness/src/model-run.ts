// The stateful phase for an API with a model (contracts/<api>/workflow.ts): fast-check command sequences
// run against the target, each checked against the model; a failing sequence is shrunk by fast-check,
// and the requests of the shrunk sequence are kept, step by step, for the report. Racing pairs (the
// workflow's `races`) run two commands at once, with fast-check's scheduler picking the order in which
// their responses arrive, so races replay from the seed.
import fc from 'fast-check';
import type { WorkflowDefinition } from '../../contracts/workflow.js';
import type { AuthSession } from './auth.js';
import type { ReceivedResponse, SentRequest } from './types.js';

type Command = fc.AsyncCommand<object, unknown>;

export interface ModelRunSettings {
  workflow: WorkflowDefinition;
  baseUrl: string;
  send(request: SentRequest): Promise<ReceivedResponse>;
  session: AuthSession;
  namePrefix: string;
  pollMs: number;
  seed: number;
  numRuns: number;
  maxCommands: number;
  /** a fresh world before each sequence (the in-process simulator) */
  reset?: () => Promise<void>;
  /** remove what a sequence created and the model still holds, after each sequence (live targets) */
  cleanupAfterEach: boolean;
}

export interface ModelStep {
  /** the command (or racing pair) that sent the request */
  command: string;
  request: SentRequest;
  response?: ReceivedResponse;
}

export interface ModelFailure {
  /** the shrunk sequence, as fast-check prints it */
  commands: string;
  error: string;
  steps: ModelStep[];
  /** fast-check's seed and path: `--seed` alone replays the search that found it */
  seed: number;
  path: string;
}

export interface ModelRunOutcome {
  runs: number;
  requests: number;
  failure?: ModelFailure;
}

/** Two commands run at once; the model sees both (each checks its own precondition when it runs). */
class RacingPair implements Command {
  constructor(
    readonly first: Command,
    readonly second: Command,
    private readonly race: (both: () => Promise<unknown>) => Promise<void>,
  ) {}
  check = (model: Readonly<object>) => this.first.check(model) && this.second.check(model);
  async run(model: object, real: unknown): Promise<void> {
    await this.race(() => Promise.all([this.first.run(model, real), this.second.run(model, real)]));
  }
  toString = () => `race(${String(this.first)}, ${String(this.second)})`;
}

/** The command currently running, for labelling the requests it sends. */
class LabelledCommand implements Command {
  constructor(
    readonly inner: Command,
    private readonly label: { current: string },
  ) {}
  check = (model: Readonly<object>) => this.inner.check(model);
  async run(model: object, real: unknown): Promise<void> {
    this.label.current = String(this.inner);
    await this.inner.run(model, real);
  }
  toString = () => String(this.inner);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runModel(settings: ModelRunSettings): Promise<ModelRunOutcome> {
  const { workflow } = settings;
  const label = { current: '' };
  let steps: ModelStep[] = [];
  let requests = 0;
  let scheduler: fc.Scheduler | undefined;
  /** set only while a racing pair runs: then responses arrive in the order the scheduler picks */
  let racingWith: fc.Scheduler | undefined;
  let lastFailure: { steps: ModelStep[]; error: string } | undefined;
  const send = async (request: SentRequest): Promise<ReceivedResponse> => {
    const step: ModelStep = { command: label.current, request };
    steps.push(step);
    requests += 1;
    const pending = settings.send(request);
    const response = await (racingWith ? racingWith.schedule(pending, label.current) : pending);
    step.response = response;
    return response;
  };
  const race = async (both: () => Promise<unknown>) => {
    if (scheduler === undefined) {
      await both();
      return;
    }
    racingWith = scheduler;
    try {
      await scheduler.waitFor(both());
    } finally {
      racingWith = undefined;
    }
  };
  const plain = workflow.commands();
  const racing = (workflow.races?.() ?? []).map((pair) => pair.map(([first, second]) => new RacingPair(first, second, race)));
  const arbitraries = [...plain, ...racing].map((arbitrary) => arbitrary.map((command): Command => new LabelledCommand(command, label)));
  const property = fc.asyncProperty(
    fc.commands(arbitraries, { maxCommands: settings.maxCommands }),
    fc.scheduler(),
    async (commands, chosen) => {
      steps = [];
      scheduler = racing.length > 0 ? chosen : undefined;
      await settings.reset?.();
      const real = workflow.connect({ baseUrl: settings.baseUrl, send, session: settings.session, namePrefix: settings.namePrefix, pollMs: settings.pollMs });
      const model = workflow.initialModel();
      try {
        await fc.asyncModelRun(() => ({ model, real }), commands);
      } catch (error) {
        lastFailure = { steps, error: message(error) };
        throw error;
      } finally {
        if (settings.cleanupAfterEach) await workflow.cleanup?.(model, real).catch(() => undefined);
        scheduler = undefined;
      }
    },
  );
  const details = await fc.check(property, { numRuns: settings.numRuns, seed: settings.seed });
  if (!details.failed) return { runs: details.numRuns, requests };
  const [commands] = details.counterexample ?? [];
  return {
    runs: details.numRuns,
    requests,
    failure: {
      commands: String(commands ?? '(unknown)'),
      error: lastFailure?.error ?? message(details.errorInstance),
      steps: lastFailure?.steps ?? [],
      seed: details.seed,
      path: details.counterexamplePath ?? '',
    },
  };
}
