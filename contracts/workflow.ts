// What every contracts/<api>/workflow.ts exports: a fast-check model of the API's lifecycle that can run
// against any target (the in-process simulator, or a live endpoint) through the harness's transport.
import type fc from 'fast-check';
import type { AuthSession } from '../harness/src/auth.js';
import type { ReceivedResponse, SentRequest } from '../harness/src/types.js';

/** What a workflow needs from the target: a transport, a logged-in session, and the names it may use. */
export interface WorkflowTarget {
  /** the API's base URL, e.g. https://127.0.0.1:8006/api2/json */
  baseUrl: string;
  send(request: SentRequest): Promise<ReceivedResponse>;
  session: AuthSession;
  /** every object the run creates is named with this prefix, so that cleanup removes only those */
  namePrefix: string;
  /** pause between task polls in ms (0 against the in-process simulator) */
  pollMs: number;
  /** the --auth value (USER:PASSWORD), for workflows that open and close sessions of their own */
  credentials?: string;
}

export interface WorkflowDefinition<Model extends object = any, Real = any> {
  /** what the model covers, one line */
  description: string;
  /** the generators of the commands, for fc.commands */
  commands(): Array<fc.Arbitrary<fc.AsyncCommand<Model, Real>>>;
  /** pairs of commands that may rightly run at the same time (the harness races them, its scheduler
   * picking the order of their responses), e.g. two clones racing for nextid */
  races?(): Array<fc.Arbitrary<[fc.AsyncCommand<Model, Real>, fc.AsyncCommand<Model, Real>]>>;
  initialModel(): Model;
  /** binds the real side (a small client of the vendor API) to a target */
  connect(target: WorkflowTarget): Real;
  /** removes what the run created and the model still holds (live targets, --cleanup) */
  cleanup?(model: Model, real: Real): Promise<void>;
}
