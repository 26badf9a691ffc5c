// The response validators ship as a separate entry point, loaded with `import()` only when a client is
// created with `validateResponses: true`. This declaration lets the main entry type-check before that
// entry is built; it states the agreed interface.
declare module "@finicity-aggregation/client/validate" {
  export function validateResponse(
    operationId: "GetCustomers" | "CreateToken",
    status: number,
    body: unknown,
  ): Array<{ path: string; rule: string; message: string; valueType: string }>;
}
