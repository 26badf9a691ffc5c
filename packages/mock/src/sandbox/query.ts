import type { Customer, CustomerType } from "@finicity-aggregation/types";

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 1000;

/** A Get Customers query after validation, with defaults applied. */
export interface CustomerQuery {
  username?: string;
  type?: CustomerType;
  search?: string;
  start: number;
  limit: number;
}

/** A query the API rejects: HTTP 400 with this code and message. */
export interface QueryError {
  code: string;
  message: string;
}

const INTEGER = /^[+-]?[0-9]+$/;
/** `start` and `limit` are int32 in the spec (and the official description). */
const INT32_MAX = 2_147_483_647;

/**
 * Validates the query string of `GET /aggregation/v1/customers` the way the real API documents it.
 * An empty `username`, `type` or `search` counts as absent (the official Postman request sends
 * `username=&type=&search=&start=1&limit=25`); an empty `start=` or `limit=` is not a number and is a 400,
 * as is a value outside int32. When a name repeats, the first value counts.
 */
export function parseCustomerQuery(params: URLSearchParams): { query: CustomerQuery } | { error: QueryError } {
  const value = (name: string) => {
    const raw = params.get(name);
    return raw === null || raw === "" ? undefined : raw;
  };
  const type = value("type");
  if (type !== undefined && type !== "active" && type !== "testing") {
    return { error: { code: "14016", message: "Invalid customer type." } };
  }
  const startText = params.get("start");
  let start = 1;
  if (startText !== null) {
    if (!INTEGER.test(startText)) return { error: { code: "41003", message: "Start index must be a whole number" } };
    start = Number(startText);
    if (start < 1) return { error: { code: "41003", message: "Start index cannot be less than one" } };
    if (start > INT32_MAX) return { error: { code: "41003", message: `Start index cannot be greater than ${INT32_MAX}` } };
  }
  const limitText = params.get("limit");
  let limit = DEFAULT_LIMIT;
  if (limitText !== null) {
    if (!INTEGER.test(limitText)) return { error: { code: "41004", message: "Limit must be a whole number" } };
    limit = Number(limitText);
    if (limit < 1) return { error: { code: "41004", message: "Limit cannot be less than one" } };
    if (limit > MAX_LIMIT) return { error: { code: "14020", message: `Limit cannot be greater than ${MAX_LIMIT}` } };
  }
  const username = value("username");
  const search = normaliseSearch(params.get("search") ?? "");
  return {
    query: {
      start,
      limit,
      // Stryker disable next-line ConditionalExpression: equivalent, the store reads a field set to undefined as absent
      ...(type === undefined ? {} : { type }),
      // Stryker disable next-line ConditionalExpression: equivalent, as the line above
      ...(username === undefined ? {} : { username }),
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, an empty search matches every customer, as no search does
      ...(search === "" ? {} : { search }),
    },
  };
}

/** The sandbox's one order: oldest first (createdDate), then by id. */
export function compareCustomers(a: Customer, b: Customer): number {
  return compareDigits(a.createdDate, b.createdDate) || compareDigits(a.id, b.id);
}

function normaliseSearch(search: string): string {
  return search.trim().replace(/\s+/g, " ");
}

function compareDigits(a: string, b: string): number {
  const x = stripLeadingZeros(a);
  const y = stripLeadingZeros(b);
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/** `"007"` → `"7"`, `"0"` → `"0"` (keeps the last digit). */
function stripLeadingZeros(digits: string): string {
  let i = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent, stripping the last "0" too makes zero "", still the shortest, so the order is the same
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  // Stryker disable next-line ConditionalExpression: equivalent, slice(0) is the string itself
  return i === 0 ? digits : digits.slice(i);
}
