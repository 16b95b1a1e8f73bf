// The checks, by the names users select them with (--checks / --exclude-checks).
import type { Check } from '../types.js';
import { asyncTaskCompletionCheck } from './async-task-completion.js';
import { contentTypeConformanceCheck } from './content-type-conformance.js';
import { ensureResourceAvailabilityCheck } from './ensure-resource-availability.js';
import { ignoredAuthCheck } from './ignored-auth.js';
import { maxResponseTimeCheck } from './max-response-time.js';
import { missingRequiredHeaderCheck } from './missing-required-header.js';
import { negativeDataRejectionCheck } from './negative-data-rejection.js';
import { notAServerErrorCheck } from './not-a-server-error.js';
import { positiveDataAcceptanceCheck } from './positive-data-acceptance.js';
import { responseHeadersConformanceCheck } from './response-headers-conformance.js';
import { responseSchemaConformanceCheck } from './response-schema-conformance.js';
import { statusCodeConformanceCheck } from './status-code-conformance.js';
import { unsupportedMethodCheck } from './unsupported-method.js';
import { useAfterFreeCheck } from './use-after-free.js';

export interface RegisteredCheck {
  check: Check;
  defaultEnabled: boolean;
  description: string;
}

export const CHECKS: Record<string, RegisteredCheck> = {
  not_a_server_error: {
    check: notAServerErrorCheck,
    defaultEnabled: true,
    description: 'No 5xx, except a 5xx the operation documents whose body matches its schema',
  },
  status_code_conformance: {
    check: statusCodeConformanceCheck,
    defaultEnabled: true,
    description: 'The status is documented (exactly, as a range such as 4XX, or by default)',
  },
  content_type_conformance: {
    check: contentTypeConformanceCheck,
    defaultEnabled: true,
    description: 'The Content-Type is one documented for the status; a body always has one',
  },
  response_schema_conformance: {
    check: responseSchemaConformanceCheck,
    defaultEnabled: true,
    description: 'A JSON body validates against the documented schema (3.0 nullable and 3.1 both read right)',
  },
  response_headers_conformance: {
    check: responseHeadersConformanceCheck,
    defaultEnabled: true,
    description: 'Documented required response headers are present and documented headers are valid',
  },
  negative_data_rejection: {
    check: negativeDataRejectionCheck,
    defaultEnabled: true,
    description: 'A schema-violating request gets a 4xx (not accepted, not a crash)',
  },
  positive_data_acceptance: {
    check: positiveDataAcceptanceCheck,
    defaultEnabled: true,
    description: 'A valid request gets a 2xx, 401, 403 or 404 (settable per run and per operation; x-hypersim-state-refusals)',
  },
  missing_required_header: {
    check: missingRequiredHeaderCheck,
    defaultEnabled: true,
    description: 'A request without a required header gets a 4xx',
  },
  ignored_auth: {
    check: ignoredAuthCheck,
    defaultEnabled: true,
    description: 'A secured operation without or with bad credentials answers 401 or 403',
  },
  unsupported_method: {
    check: unsupportedMethodCheck,
    defaultEnabled: true,
    description: 'An undocumented method answers 405 with an Allow header, or 501',
  },
  use_after_free: {
    check: useAfterFreeCheck,
    defaultEnabled: true,
    description: 'After a successful delete the resource is no longer readable',
  },
  ensure_resource_availability: {
    check: ensureResourceAvailabilityCheck,
    defaultEnabled: true,
    description: 'After a successful create the linked read succeeds',
  },
  max_response_time: {
    check: maxResponseTimeCheck,
    defaultEnabled: false,
    description: 'Each response arrives within --max-response-time milliseconds',
  },
  async_task_completion: {
    check: asyncTaskCompletionCheck,
    defaultEnabled: true,
    description: 'A task an operation starts ends within the bound, and its end state matches its schema',
  },
};

export class UnknownCheckError extends Error {
  override name = 'UnknownCheckError';
}

/** The checks a run uses: the named ones (or every default-enabled one), minus the excluded ones. */
export function selectChecks(include?: readonly string[], exclude: readonly string[] = []): Map<string, Check> {
  const unknown = [...(include ?? []), ...exclude].filter((name) => !(name in CHECKS));
  if (unknown.length > 0) {
    throw new UnknownCheckError(`unknown check(s): ${unknown.join(', ')}; known: ${Object.keys(CHECKS).join(', ')}`);
  }
  const names = include ?? Object.keys(CHECKS).filter((name) => CHECKS[name]?.defaultEnabled);
  const selected = new Map<string, Check>();
  for (const name of names) {
    const registered = CHECKS[name];
    if (registered && !exclude.includes(name)) selected.set(name, registered.check);
  }
  return selected;
}

export { onlyWhen, needsSchema, skipOnStatus } from './guards.js';
export { validateAgainstSchema } from './schema-validator.js';
