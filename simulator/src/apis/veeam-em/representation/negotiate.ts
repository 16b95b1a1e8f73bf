// Which representation a request asks for (Accept) or sends (Content-Type), and the response in it.
import { toJson } from './json.js';
import type { Element } from './tree.js';
import { toXml } from './xml.js';

export type Representation = 'xml' | 'json';

export const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** XML unless the client names application/json before (or without) application/xml. */
export function acceptedRepresentation(accept: string | undefined): Representation {
  if (!accept) return 'xml';
  const types = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  const json = types.indexOf('application/json');
  if (json < 0) return 'xml';
  const xml = types.findIndex((type) => type === 'application/xml' || type === 'text/xml');
  return xml >= 0 && xml < json ? 'xml' : 'json';
}

/** The body's representation by Content-Type; undefined for a media type Veeam does not read. */
export function bodyRepresentation(contentType: string | undefined): Representation | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/xml' || type === 'text/xml') return 'xml';
  return undefined;
}

export function render(element: Element, representation: Representation, status = 200, headers: Record<string, string> = {}): Response {
  const body = representation === 'json' ? JSON.stringify(toJson(element)) : toXml(element);
  return new Response(body, { status, headers: { 'content-type': representation === 'json' ? JSON_CONTENT_TYPE : XML_CONTENT_TYPE, ...headers } });
}
