// vSphere's error shape: `{error_type, messages: [{id, default_message, args}]}` under /api, and the same
// value wrapped as `{type: "com.vmware.vapi.std.errors.<name>", value}` under the deprecated /rest.

export const ERROR_STATUS = {
  ALREADY_EXISTS: 400,
  ALREADY_IN_DESIRED_STATE: 400,
  INVALID_ARGUMENT: 400,
  NOT_ALLOWED_IN_CURRENT_STATE: 400,
  UNSUPPORTED: 400,
  UNAUTHENTICATED: 401,
  UNAUTHORIZED: 403,
  NOT_FOUND: 404,
  OPERATION_NOT_FOUND: 405,
  ERROR: 500,
  RESOURCE_BUSY: 500,
  RESOURCE_INACCESSIBLE: 500,
  UNABLE_TO_ALLOCATE_RESOURCE: 500,
  CANCELED: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorType = keyof typeof ERROR_STATUS;

export interface VapiMessage {
  id: string;
  default_message: string;
  args: string[];
}

export interface VapiError {
  error_type: ErrorType;
  messages: VapiMessage[];
}

/** A vSphere error; handlers throw it, the pipeline renders it. */
export class VsphereError extends Error {
  override name = 'VsphereError';
  constructor(
    readonly type: ErrorType,
    readonly messageId: string,
    message: string,
    readonly args: string[] = [],
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.type];
  }

  toValue(): VapiError {
    return { error_type: this.type, messages: [{ id: this.messageId, default_message: this.message, args: this.args }] };
  }
}

export function isErrorType(value: string): value is ErrorType {
  return Object.hasOwn(ERROR_STATUS, value);
}

export const notFound = (kind: string, id: string) =>
  new VsphereError('NOT_FOUND', `com.vmware.api.vcenter.${kind.toLowerCase().replace(/ /g, '_')}.not_found`, `${kind} with identifier '${id}' does not exist.`, [id]);

export const invalidArgument = (messageId: string, message: string, args: string[] = []) => new VsphereError('INVALID_ARGUMENT', messageId, message, args);

/** "TYPE: message" (as fault rules and task plans write it) -> a typed error; other texts are ERROR. */
export function errorFromText(text: string): VsphereError {
  const m = /^([A-Z_]+):\s*(.*)$/s.exec(text);
  if (m && isErrorType(m[1]!)) return new VsphereError(m[1], `com.vmware.vapi.std.errors.${m[1].toLowerCase()}`, m[2]!);
  return new VsphereError('ERROR', 'com.vmware.vapi.std.errors.error', text);
}

/** The error type an HTTP status stands for (injected faults, 404s and 413s from the core). */
export function errorForStatus(status: number, message: string): VsphereError {
  const typed = errorFromText(message);
  if (typed.type !== 'ERROR' || status === 500) return typed;
  const byStatus: Record<number, ErrorType> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'UNAUTHORIZED', 404: 'NOT_FOUND', 405: 'OPERATION_NOT_FOUND', 413: 'INVALID_ARGUMENT', 503: 'SERVICE_UNAVAILABLE' };
  const type = byStatus[status] ?? 'ERROR';
  return new VsphereError(type, `com.vmware.vapi.std.errors.${type.toLowerCase()}`, message);
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export type Flavour = 'api' | 'rest';

export function errorResponse(error: VsphereError, flavour: Flavour, status = error.status, extraHeaders: Record<string, string> = {}): Response {
  const value = error.toValue();
  const body = flavour === 'api' ? value : { type: `com.vmware.vapi.std.errors.${error.type.toLowerCase()}`, value };
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...extraHeaders } });
}

/** Success: the bare value under /api, `{"value": ...}` under /rest; undefined is an empty answer. */
export function valueResponse(value: unknown, flavour: Flavour, status: number, extraHeaders: Record<string, string> = {}): Response {
  if (value === undefined) return new Response(null, { status: flavour === 'api' ? status : 200, headers: extraHeaders });
  const body = flavour === 'api' ? value : { value };
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...extraHeaders } });
}

/** For the core (injected faults, body limit, 404): status and message in the /api shape. */
export function vsphereErrorResponse(status: number, message: string): Response {
  const error = errorForStatus(status, message);
  return errorResponse(error, 'api', status);
}
