export { createCustomersClient, type CustomersClient, type CustomersClientOptions } from "./client.js";
export {
  FinicityApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  RateLimitError,
  InternalServerError,
} from "./errors.js";
export { REGIONS, type Region, type RegionSettings } from "./regions.js";
export type { Customer, Customers, CustomerType, ErrorMessage, GetCustomersQuery } from "@finicity-aggregation/types";
