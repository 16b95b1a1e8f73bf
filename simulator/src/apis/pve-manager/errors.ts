// The management layer's wire format: every answer is the envelope `{code, message, data}` as JSON
// (Express's `application/json; charset=utf-8`), errors with `data: null`.

export const MANAGER_CONTENT_TYPE = 'application/json; charset=utf-8';

/** A failure the service reports with an HTTP status and a message. */
export class ManagerError extends Error {
  override name = 'ManagerError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function envelope(status: number, message: string, data: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ code: status, message, data: data ?? null }), {
    status,
    headers: { 'content-type': MANAGER_CONTENT_TYPE, ...headers },
  });
}

export function managerErrorResponse(status: number, message: string): Response {
  return envelope(status, message, null);
}

export function renderManagerError(error: unknown): Response | undefined {
  if (error instanceof ManagerError) return envelope(error.status, error.message, null, error.headers);
  return undefined;
}
