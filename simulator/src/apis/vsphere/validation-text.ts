// Validation findings (ajv, through core/validate) in vSphere's words, for INVALID_ARGUMENT messages.
import type { ValidationIssue } from '../../core/validate.js';

export function issueText(issue: ValidationIssue): string {
  const p = issue.params;
  const where = issue.location === 'body' ? 'the request body' : `the ${issue.location} parameters`;
  const field = issue.name === '' ? where : `'${issue.name}'`;
  switch (issue.keyword) {
    case 'required':
      return issue.name === String(p.missingProperty)
        ? `Structure is missing the required field '${issue.name}' in ${where}.`
        : `Structure ${field} is missing the required field '${String(p.missingProperty)}'.`;
    case 'additionalProperties':
      return issue.name === String(p.additionalProperty)
        ? `Found unexpected field '${issue.name}' in ${where}.`
        : `Found unexpected field '${String(p.additionalProperty)}' in ${field}.`;
    case 'type':
      return `Invalid value for ${field}: expected ${String(p.type)}.`;
    case 'enum':
      return `Invalid value for ${field}: expected one of ${(p.allowedValues as unknown[]).join(', ')}.`;
    default:
      return `Invalid value for ${field}: ${issue.message}.`;
  }
}
