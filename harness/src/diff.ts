// `hypersim test --diff`: every request goes to the endpoint (whose answer the checks judge) and, the
// same request with the simulator's own credentials, to the in-process simulator. Where they behave
// differently is recorded: the status class, the body's shape, state-like values (task states, exit
// statuses, error messages). Volatile values are normalised: ids first seen in a pair of answers (UPIDs,
// task ids, tickets) are mapped, so the simulator is asked about its own task; digits and hex runs in
// compared texts do not count; other values (times, counters) are compared by type only.
import type { AuthSession } from './auth.js';
import type { Target } from './target.js';
import type { Operation, PhaseName, ReceivedResponse, SentRequest } from './types.js';

export interface Difference {
  kind: 'status' | 'body shape' | 'value' | 'error message';
  request: SentRequest;
  phase: PhaseName;
  endpoint: string;
  simulator: string;
}

/** Keys whose string values say how something went, compared after normalising. */
const STATE_KEY = /(^|_)(status|state|exitstatus|result|outcome|phase|message|error|errors)$/i;
const MIN_ID_LENGTH = 6;

/** State values that say "not finished yet": a task read before its end differs by timing, not behaviour. */
const IN_PROGRESS = /^(queued|pending|running|in[_ -]?progress|blocked|provisioning|starting|creating|cloning)$/i;

function inProgress(value: unknown, key = ''): boolean {
  if (typeof value === 'string') return STATE_KEY.test(key) && IN_PROGRESS.test(value);
  if (Array.isArray(value)) return false;
  return isRecord(value) && Object.entries(value).some(([name, item]) => inProgress(item, name));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON value's structure: keys and types, arrays by the set of their items' shapes. */
export function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return `[${[...new Set(value.map(shapeOf))].sort().join('|')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((key) => `${key}:${shapeOf(value[key])}`).join(',')}}`;
  return value === null ? 'null' : typeof value;
}

export function normaliseText(text: string): string {
  return text.replace(/[0-9a-f]{4,}/gi, '#').replace(/\d+/g, '#').trim();
}

/** Pairs of string leaves at the same place: [pointer, key, endpoint value, simulator value]. */
function stringPairs(a: unknown, b: unknown, pointer = '', key = ''): Array<[string, string, string, string]> {
  if (typeof a === 'string' && typeof b === 'string') return [[pointer, key, a, b]];
  if (Array.isArray(a) && Array.isArray(b)) return a.flatMap((item, index) => (index < b.length ? stringPairs(item, b[index], `${pointer}/${index}`, key) : []));
  if (isRecord(a) && isRecord(b)) return Object.keys(a).flatMap((name) => (name in b ? stringPairs(a[name], b[name], `${pointer}/${name}`, name) : []));
  return [];
}

export class DiffRecorder {
  readonly differences: Difference[] = [];
  /** the phase running now, for the findings */
  phase: PhaseName = 'examples';
  /** endpoint value -> simulator value, for ids seen in paired answers */
  private readonly ids = new Map<string, string>();

  /** The endpoint's request as the simulator must get it: its ids in place of the endpoint's. */
  translate(request: SentRequest): SentRequest {
    let { url, body } = request;
    for (const [endpoint, simulator] of this.ids) {
      url = url.replaceAll(encodeURIComponent(endpoint), encodeURIComponent(simulator)).replaceAll(endpoint, simulator);
      if (body !== undefined) body = body.replaceAll(encodeURIComponent(endpoint), encodeURIComponent(simulator)).replaceAll(endpoint, simulator);
    }
    return { ...request, url, ...(body !== undefined ? { body } : {}) };
  }

  compare(request: SentRequest, endpoint: ReceivedResponse, simulator: ReceivedResponse): void {
    const record = (kind: Difference['kind'], a: string, b: string) =>
      this.differences.push({ kind, request, phase: this.phase, endpoint: a, simulator: b });
    const classOf = (status: number) => `${String(status)[0]}xx`;
    if (classOf(endpoint.status) !== classOf(simulator.status)) {
      record('status', `${endpoint.status} ${endpoint.statusText}`, `${simulator.status} ${simulator.statusText}`);
      return;
    }
    if (endpoint.status >= 400 && normaliseText(endpoint.statusText) !== normaliseText(simulator.statusText)) {
      record('error message', endpoint.statusText, simulator.statusText);
    }
    if (endpoint.json === undefined || simulator.json === undefined) return;
    // one side still running (the in-process simulator finishes tasks at once, a real endpoint takes its
    // time): its shape and values are compared on the read after it ends
    const settled = !inProgress(endpoint.json) && !inProgress(simulator.json);
    const shapes = [shapeOf(endpoint.json), shapeOf(simulator.json)];
    if (settled && shapes[0] !== shapes[1]) record('body shape', shapes[0] ?? '', shapes[1] ?? '');
    for (const [pointer, key, a, b] of stringPairs(endpoint.json, simulator.json)) {
      if (a === b) continue;
      if (STATE_KEY.test(key)) {
        if (settled && normaliseText(a) !== normaliseText(b)) record(key === 'message' || key.startsWith('error') ? 'error message' : 'value', `${pointer} ${JSON.stringify(a)}`, `${pointer} ${JSON.stringify(b)}`);
      } else if (a.length >= MIN_ID_LENGTH && b.length >= MIN_ID_LENGTH && !this.ids.has(a)) this.ids.set(a, b);
    }
  }
}

export interface DiffTargetSettings {
  endpoint: Target;
  simulator: Target;
  /** the endpoint's session: its credentials are taken off before the simulator's go on */
  endpointSession: () => AuthSession;
  simulatorSession: AuthSession;
  recorder: DiffRecorder;
}

/** A target that answers from the endpoint and compares each answer with the simulator's. */
export function diffTarget(settings: DiffTargetSettings): Target {
  const { endpoint, simulator, recorder } = settings;
  return {
    baseUrl: endpoint.baseUrl,
    insecure: endpoint.insecure,
    async send(request) {
      const answer = await endpoint.send(request);
      const session = settings.endpointSession();
      const bare = session.strip(request);
      // the same kind of credentials: the simulator's own, none, or forged ones (the auth phase)
      const same = (a: SentRequest) => JSON.stringify(a.headers) === JSON.stringify(request.headers) && a.url === request.url;
      const credentials = same(session.apply(bare)) ? settings.simulatorSession.apply(bare) : same(bare) ? bare : settings.simulatorSession.forge(bare);
      const translated = recorder.translate(credentials);
      const shadow = await simulator.send({ ...translated, url: translated.url.replace(endpoint.baseUrl, simulator.baseUrl) });
      recorder.compare(request, answer, shadow);
      return answer;
    },
    async close() {
      await Promise.all([endpoint.close(), simulator.close()]);
    },
  };
}

/** The operation a URL belongs to (for naming findings), by its path template. */
export function operationOf(url: string, baseUrl: string, operations: Operation[], method: string): Operation | undefined {
  const path = new URL(url).pathname.slice(new URL(baseUrl).pathname.replace(/\/+$/, '').length);
  return operations.find((operation) => {
    if (operation.method !== method) return false;
    const parts = operation.path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^${parts.join('[^/]+')}/?$`).test(path);
  });
}
