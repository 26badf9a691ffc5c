export {
  createCustomersClient,
  type CustomersClient,
  type CustomersClientOptions,
  type GetCustomers,
  type IterateOptions,
  type PageOptions,
  type RequestOptions,
  type WithResponse,
} from "./client.js";
export {
  FinicityError,
  FinicityApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  RateLimitError,
  InternalServerError,
  ResponseValidationError,
  ConnectionError,
  TimeoutError,
  ValidationError,
  PaginationError,
  RedirectError,
  ResponseTooLargeError,
  type ResponseValidationIssue,
  type ValidationIssue,
} from "./errors.js";
export { REGIONS, type Region, type RegionSettings } from "./regions.js";
export type { Logger, LogLevel } from "./logger.js";
export type { TokenStore } from "./token-store.js";
export type { Customer, Customers, CustomerType, ErrorMessage, GetCustomersQuery } from "@finicity-aggregation/types";
