// A named-argument way to build a CheckFailure, so call sites read as what they report.
import { CheckFailure, type Severity } from '../types.js';

export interface FailureDetails {
  check: string;
  title: string;
  severity: Severity;
  expected: string;
  actual: string;
  /** identical findings across cases share this key */
  dedupKey: string;
}

export function failure(details: FailureDetails): CheckFailure {
  const { check, title, severity, expected, actual, dedupKey } = details;
  return new CheckFailure(check, title, severity, expected, actual, dedupKey);
}

/** Keeps bodies and values short enough to read in a report line. */
export function preview(value: unknown, limit = 200): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
