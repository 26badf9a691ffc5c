/**
 * Types for the Mastercard Open Banking (Finicity) Get Customers API.
 *
 * `paths`, `components` and `operations` are generated from the OpenAPI description that ships in this
 * package as `@finicity-aggregation/types/openapi.yaml`; the names below are stable aliases for them.
 */
export type { paths, components, operations } from "./generated/openapi.js";
import type { components, operations } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** One page of Get Customers results. */
export type Customers = Schemas["Customers"];
/** A customer enrolled by the partner. */
export type Customer = Schemas["Customer"];
/** `active` (real, billable) or `testing` (free test customer). */
export type CustomerType = Schemas["CustomerType"];
/** The error body the API sends (as JSON) for 4xx and 5xx answers. */
export type ErrorMessage = Schemas["ErrorMessage"];
/** Credentials for `POST /aggregation/v2/partners/authentication`. */
export type PartnerCredentials = Schemas["PartnerCredentials"];
/** The token that `POST /aggregation/v2/partners/authentication` returns. */
export type AccessToken = Schemas["AccessToken"];
/** The query parameters of `GET /aggregation/v1/customers`; all optional. */
export type GetCustomersQuery = NonNullable<operations["GetCustomers"]["parameters"]["query"]>;
