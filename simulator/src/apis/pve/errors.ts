// PVE's wire format: `{"data": ...}` as application/json;charset=UTF-8, errors with the first line of
// the message as the HTTP reason phrase.

export const PVE_CONTENT_TYPE = 'application/json;charset=UTF-8';

/** A failure PVE reports with a message: `{"data":null,"message":"...\n"}` (500 unless said otherwise). */
export class PveError extends Error {
  override name = 'PveError';
  constructor(
    message: string,
    readonly status = 500,
  ) {
    super(message);
  }
}

/** Parameter verification failure: 400 `{"data":null,"errors":{param: text}}`. */
export class PveParamError extends Error {
  override name = 'PveParamError';
  constructor(readonly errors: Record<string, string>) {
    super('Parameter verification failed.');
  }
}

const HEADERS = { 'content-type': PVE_CONTENT_TYPE, 'cache-control': 'max-age=0', pragma: 'no-cache', server: 'pve-api-daemon/3.0' };

/** A handler's answer already serialised (large listings kept as JSON text between requests). */
export class PveRawJson {
  constructor(readonly json: string) {}
}

export function pveData(data: unknown, extraHeaders?: Record<string, string>): Response {
  const headers = extraHeaders === undefined || Object.keys(extraHeaders).length === 0 ? HEADERS : { ...HEADERS, ...extraHeaders };
  const body = data instanceof PveRawJson ? `{"data":${data.json}}` : JSON.stringify({ data: data ?? null });
  return new Response(body, { status: 200, headers });
}

export function pveErrorResponse(status: number, message: string): Response {
  const text = message.endsWith('\n') ? message : `${message}\n`;
  return new Response(JSON.stringify({ data: null, message: text }), { status, statusText: reasonPhrase(text), headers: HEADERS });
}

export function pveParamErrorResponse(errors: Record<string, string>): Response {
  return new Response(JSON.stringify({ data: null, errors }), { status: 400, statusText: 'Parameter verification failed.', headers: HEADERS });
}

export function renderPveError(error: unknown): Response | undefined {
  if (error instanceof PveParamError) return pveParamErrorResponse(error.errors);
  if (error instanceof PveError) return pveErrorResponse(error.status, error.message);
  return undefined;
}

/** The first line of the message, limited to what an HTTP status line may carry. */
function reasonPhrase(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/[^\t\x20-\x7e]/g, '?').slice(0, 200);
}
