// FastAPI's wire format: JSON bodies, errors as `{"detail": "<text>"}` (HTTPException) or, for validation,
// `{"detail": [{type, loc, msg, input, ctx?}]}` with status 422.

const JSON_HEADERS = { 'content-type': 'application/json' };

/** An HTTPException: a status and a detail text, plus headers (401 carries WWW-Authenticate). */
export class SandboxError extends Error {
  override name = 'SandboxError';
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** One item of a 422's detail, as pydantic v2 reports it through FastAPI. */
export interface PydanticError {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** A RequestValidationError: every problem of the request at once. */
export class SandboxValidationError extends Error {
  override name = 'SandboxValidationError';
  constructor(readonly errors: PydanticError[]) {
    super('request validation failed');
  }
}

export const BEARER = { 'www-authenticate': 'Bearer' };

export function notAuthenticated(): SandboxError {
  return new SandboxError(401, 'Not authenticated', BEARER);
}

export function badCredentials(): SandboxError {
  return new SandboxError(401, 'Could not validate credentials', BEARER);
}

export function json(value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(value), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function sandboxErrorResponse(status: number, detail: string, headers: Record<string, string> = {}): Response {
  return json({ detail }, status, headers);
}

export function renderSandboxError(error: unknown): Response | undefined {
  if (error instanceof SandboxValidationError) return json({ detail: error.errors }, 422);
  if (error instanceof SandboxError) return sandboxErrorResponse(error.status, error.detail, error.headers);
  return undefined;
}
