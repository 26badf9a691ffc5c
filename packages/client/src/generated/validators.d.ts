// Generated from @finicity-aggregation/types/openapi.yaml by packages/client/scripts/build-validators.mjs.
// Do not edit by hand: change spec/openapi.yaml and run `pnpm generate`.

/** An error as Ajv's generated code reports it. */
export interface GeneratedValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled validator: returns whether `data` is valid and leaves the problems in `errors`. */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedValidationError[] | null;
}

/** The spec operations whose responses can be validated. */
export type OperationId = "GetCustomers" | "CreateToken";

/** What a declared response status accepts: a JSON body checked by `json`, and/or any `text/plain` body. */
export interface ResponseRule {
  json?: GeneratedValidator;
  text?: true;
}

export declare const Customers: GeneratedValidator;
export declare const ErrorMessage: GeneratedValidator;
export declare const AccessToken: GeneratedValidator;
export declare const responses: Record<OperationId, Record<string, ResponseRule>>;
