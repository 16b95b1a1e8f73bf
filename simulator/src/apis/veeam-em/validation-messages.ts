// Validation findings (from the spec, via ajv) as one Veeam error message, naming the element at fault.
import type { ValidationIssue } from '../../core/validate.js';

export function validationMessage(issues: ValidationIssue[]): string {
  const first = mostSpecific(issues);
  if (first.keyword === 'oneOf' || isBranchChoice(first, issues)) {
    const choices = issues.filter((i) => i.keyword === 'required' && (i.pointer ?? '') === '').map((i) => String(i.params.missingProperty));
    return `The request body is not valid: it must contain exactly one of ${choices.join(', ')}.`;
  }
  const where = first.location === 'body' ? 'request body' : `${first.location} parameter '${first.name}'`;
  return `The ${where} is not valid: ${describe(first)}`;
}

function describe(issue: ValidationIssue): string {
  const path = (issue.pointer ?? '').split('/').filter(Boolean);
  const element = path.join('/') || (issue.location === 'body' ? 'the body' : issue.name);
  const parent = path.join('/') || (issue.location === 'body' ? 'the body' : issue.name);
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return `element '${String(p.missingProperty)}' is required in ${quoted(parent)}.`;
    case 'additionalProperties':
      return `element '${String(p.additionalProperty)}' is not expected in ${quoted(parent)}.`;
    case 'minProperties':
    case 'maxProperties':
      return `${quoted(parent)} must contain exactly one element.`;
    case 'maxLength':
      return `${quoted(element)} must be at most ${String(p.limit)} characters long.`;
    case 'minLength':
      return `${quoted(element)} must not be empty.`;
    case 'pattern':
    case 'format':
      return `${quoted(element)} has an invalid format: '${String(valueAt(issue))}'.`;
    case 'enum':
      return `${quoted(element)} must be one of ${(p.allowedValues as unknown[]).join(', ')}, not '${String(valueAt(issue))}'.`;
    case 'type':
      return `${quoted(element)} must be ${String(p.type)}.`;
    default:
      return `${quoted(element)} ${issue.message}.`;
  }
}

function quoted(name: string): string {
  return name === 'the body' ? name : `'${name}'`;
}

function valueAt(issue: ValidationIssue): unknown {
  if (issue.location !== 'body') return issue.value;
  const path = (issue.pointer ?? '').split('/').filter(Boolean).slice(1);
  let value: unknown = issue.value;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** A body that fails every branch of a oneOf: the issue deepest inside the body names the real mistake
 * (a CloneInfo element missing its JobName), not the branches it was never meant to match. */
function mostSpecific(issues: ValidationIssue[]): ValidationIssue {
  const depth = (issue: ValidationIssue) => (issue.pointer ?? '').split('/').length;
  const candidates = issues.filter((issue) => issue.keyword !== 'oneOf');
  if (candidates.length === 0) return issues[0]!;
  return candidates.reduce((best, issue) => (depth(issue) > depth(best) ? issue : best), candidates[0]!);
}

/** A root-level issue that only says which oneOf branch the body did not pick. */
function isBranchChoice(issue: ValidationIssue, issues: ValidationIssue[]): boolean {
  const atRoot = issue.location === 'body' && (issue.pointer ?? '') === '';
  return atRoot && (issue.keyword === 'required' || issue.keyword === 'additionalProperties') && issues.some((i) => i.keyword === 'oneOf');
}
