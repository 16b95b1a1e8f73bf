// Values an API's operation wrapper leaves on the Hono context for the core's middleware to read.
export type CoreVariables = {
  /** the spec operationId the request was routed to */
  operationId: string;
  /** the fault rule that hit this request, for the journal */
  fault: string;
};

export type CoreEnv = { Variables: CoreVariables };
