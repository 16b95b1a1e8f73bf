// The spec's own examples checked against their schemas (parameters, request bodies, responses). A
// wrong example is a problem of the document, not of the endpoint: it becomes a warning.
import { describeSchemaError, type SchemaError, validateOnce } from './checks/schema-validator.js';
import { isXmlMediaType, judgeXmlBody } from './checks/xml-body.js';
import type { JsonSchema, Operation } from './types.js';

/** An XML example is a document: judged as the XML answers are, not as a JSON string. */
function xmlExampleErrors(schema: JsonSchema, dialect: Operation['dialect'], example: string): SchemaError[] | undefined {
  const verdict = judgeXmlBody(schema, dialect, example);
  if (verdict.kind === 'unparseable') return [{ instancePath: '', keyword: 'xml', message: `is not well-formed XML: ${verdict.message}` }];
  return verdict.kind === 'invalid' ? verdict.errors : [];
}

function audit(operation: Operation, where: string, schema: JsonSchema, examples: unknown[], problems: string[], mediaType?: string): void {
  examples.forEach((example, index) => {
    const errors = mediaType !== undefined && isXmlMediaType(mediaType) && typeof example === 'string'
      ? xmlExampleErrors(schema, operation.dialect, example)
      : validateOnce(schema, operation.dialect, example);
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
    for (const [mediaType, media] of Object.entries(operation.body?.content ?? {})) audit(operation, `request body (${mediaType})`, media.schema, media.examples, problems, mediaType);
    for (const response of operation.responses) {
      for (const [mediaType, media] of Object.entries(response.content)) {
        audit(operation, `response ${response.status} (${mediaType})`, media.schema, media.examples, problems, mediaType);
      }
    }
  }
  return problems;
}
