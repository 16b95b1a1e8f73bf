// The spec's own examples checked against their schemas (parameters, request bodies, responses). A
// wrong example is a problem of the document, not of the endpoint: it becomes a warning.
import { describeSchemaError, validateOnce } from './checks/schema-validator.js';
import type { JsonSchema, Operation } from './types.js';

function audit(operation: Operation, where: string, schema: JsonSchema, examples: unknown[], problems: string[]): void {
  examples.forEach((example, index) => {
    const errors = validateOnce(schema, operation.dialect, example);
    if (errors && errors.length > 0) {
      const which = examples.length > 1 ? ` #${index + 1}` : '';
      problems.push(`${operation.id} ${where}: example${which} does not match its schema: ${errors.slice(0, 3).map(describeSchemaError).join('; ')}`);
    }
  });
}

export function exampleProblems(operations: Operation[]): string[] {
  const problems: string[] = [];
  for (const operation of operations) {
    for (const parameter of operation.parameters) audit(operation, `${parameter.in}.${parameter.name}`, parameter.schema, parameter.examples, problems);
    for (const [mediaType, media] of Object.entries(operation.body?.content ?? {})) audit(operation, `request body (${mediaType})`, media.schema, media.examples, problems);
    for (const response of operation.responses) {
      for (const [mediaType, media] of Object.entries(response.content)) {
        audit(operation, `response ${response.status} (${mediaType})`, media.schema, media.examples, problems);
      }
    }
  }
  return problems;
}
