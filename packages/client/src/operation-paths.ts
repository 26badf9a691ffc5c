/** The paths of the two operations this client calls. */
export const CUSTOMERS = "/aggregation/v1/customers";
export const AUTH = "/aggregation/v2/partners/authentication";
