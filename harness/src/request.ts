// A Case bound to a base URL: the exact request that goes over the wire (before authentication).
import { requestBodyText } from './arbitraries/index.js';
import type { Case, SentRequest } from './types.js';

/** The method a case sends: the operation's, or the undocumented one a 'method' violation names. */
export function methodOf(testCase: Case): string {
  return testCase.violation?.kind === 'method' ? testCase.violation.name : testCase.operation.method;
}

export function expandPath(template: string, pathParams: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = pathParams[name];
    return value === undefined ? whole : encodeURIComponent(value);
  });
}

export function queryString(query: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, item);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function buildRequest(testCase: Case, baseUrl: string): SentRequest {
  const url = `${baseUrl}${expandPath(testCase.operation.path, testCase.pathParams)}${queryString(testCase.query)}`;
  const headers: Record<string, string> = { ...testCase.headers };
  const cookies = Object.entries(testCase.cookies).map(([name, value]) => `${name}=${value}`);
  if (cookies.length > 0) headers.Cookie = cookies.join('; ');
  const request: SentRequest = { method: methodOf(testCase), url, headers };
  if (testCase.body !== undefined) {
    const mediaType = testCase.mediaType ?? 'application/json';
    const encoding = testCase.operation.body?.content[mediaType]?.encoding;
    request.body = requestBodyText({ ...testCase, mediaType, ...(encoding && { encoding }) });
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = mediaType;
  }
  return request;
}
