// A failing model sequence as a finding: every request of the shrunk sequence as a curl command, in
// order and labelled with its command, and the seed that replays it.
import type { AuthSession } from '../auth.js';
import type { ModelFailure } from '../model-run.js';
import type { Finding } from '../run-types.js';
import { toCurl } from './curl.js';

export const MODEL_CHECK = 'workflow_model';
const BODY_LIMIT = 4096;

export function modelFinding(failure: ModelFailure, description: string, session: AuthSession, insecure: boolean): Finding {
  const curlOptions = { insecure, secrets: session.secrets };
  const lines = failure.steps.map((step, index) => {
    const answer = step.response ? `  # -> ${step.response.status}` : '  # -> (no answer)';
    return `# ${index + 1}. ${step.command}\n${toCurl(step.request, curlOptions)}${answer}`;
  });
  const last = failure.steps.at(-1);
  const mask = (text: string) => session.secrets.reduce((masked, secret) => (secret.value ? masked.replaceAll(secret.value, `$${secret.placeholder}`) : masked), text);
  const request = last?.request;
  return {
    check: MODEL_CHECK,
    title: 'Model-based sequence failed',
    severity: 'high',
    expected: `the endpoint to follow the model: ${description}`,
    actual: `${failure.error} (shrunk sequence: ${failure.commands}; fast-check path ${failure.path || '-'})`,
    operationId: 'workflow',
    method: request?.method ?? '',
    path: request ? new URL(request.url).pathname : '',
    phase: 'stateful',
    occurrences: 1,
    request: request
      ? { method: request.method, url: mask(request.url), headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, mask(v)])), ...(request.body !== undefined ? { body: mask(request.body) } : {}) }
      : { method: '', url: '', headers: {} },
    ...(last?.response
      ? { response: { status: last.response.status, statusText: last.response.statusText, headers: last.response.headers, body: last.response.bodyText.slice(0, BODY_LIMIT) } }
      : {}),
    curl: lines.length > 0 ? `\n${lines.join('\n')}` : '(no requests)',
    seed: failure.seed,
  };
}
