// Generated from @finicity-aggregation/types/openapi.yaml by packages/client/scripts/generate-query-rules.mjs.
// Do not edit by hand: change spec/openapi.yaml and run `pnpm generate`.

/** What the spec says about one query parameter (JSON Schema keywords, `format: int32` folded into the bounds). */
export interface QueryRule {
  type?: string;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
}
export type QueryRules = Readonly<Record<string, QueryRule>>;

/** Query rules of `GetCustomers`. */
export const getCustomersQueryRules: QueryRules = {
  "username": {
    "type": "string"
  },
  "type": {
    "type": "string",
    "enum": [
      "active",
      "testing",
      ""
    ]
  },
  "search": {
    "type": "string"
  },
  "start": {
    "type": "integer",
    "minimum": 1,
    "maximum": 2147483647
  },
  "limit": {
    "type": "integer",
    "minimum": 1,
    "maximum": 1000
  }
};
