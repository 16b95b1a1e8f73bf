// Veeam's error answer in both representations:
//   XML  <Error Message="..." StatusCode="404" xmlns="http://www.veeam.com/ent/v1.0"/>
//   JSON {"FirstChanceExceptionMessage":null,"Message":"...","StackTrace":null,"Status":null,"StatusCode":404}
import { JSON_CONTENT_TYPE, type Representation, XML_CONTENT_TYPE } from './representation/negotiate.js';
import { el } from './representation/tree.js';
import { toXml } from './representation/xml.js';

export class VeeamError extends Error {
  override name = 'VeeamError';
  constructor(
    readonly status: number,
    message: string,
    /** extra response headers (401 carries WWW-Authenticate, 405 carries Allow) */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new VeeamError(404, message);
export const badRequest = (message: string) => new VeeamError(400, message);

export function veeamErrorResponse(status: number, message: string, representation: Representation = 'xml', headers: Record<string, string> = {}): Response {
  const body =
    representation === 'json'
      ? JSON.stringify({ FirstChanceExceptionMessage: null, Message: message, StackTrace: null, Status: null, StatusCode: status })
      : toXml(el('Error', { Message: message, StatusCode: status }));
  return new Response(body, { status, headers: { 'content-type': representation === 'json' ? JSON_CONTENT_TYPE : XML_CONTENT_TYPE, ...headers } });
}

export function renderVeeamError(error: unknown, representation: Representation): Response | undefined {
  if (error instanceof VeeamError) return veeamErrorResponse(error.status, error.message, representation, error.headers);
  return undefined;
}
