import createClient, { type Client } from "openapi-fetch";
import type { Customers, GetCustomersQuery, paths } from "@finicity-aggregation/types";
import { apiErrorFor } from "./errors.js";
import { REGIONS, type Region } from "./regions.js";

export interface CustomersClientOptions {
  /** `au` (default) or `us`: picks the server and the header names. */
  region?: Region;
  /** Overrides the region's server (a mock, the sandbox, a proxy). Header names still follow `region`. */
  baseUrl?: string;
  /** Your app key. */
  appKey: string;
  /** A token from `POST /aggregation/v2/partners/authentication`. */
  appToken: string;
  /** A fetch implementation; default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

export interface CustomersClient {
  /** `GET /aggregation/v1/customers`: one page of customers. Throws a `FinicityApiError` on a non-2xx answer. */
  getCustomers(query?: GetCustomersQuery): Promise<Customers>;
  /** The underlying openapi-fetch client, for anything this layer does not cover. */
  readonly raw: Client<paths>;
}

export function createCustomersClient(options: CustomersClientOptions): CustomersClient {
  const region = REGIONS[options.region ?? "au"];
  const raw = createClient<paths>({
    baseUrl: (options.baseUrl ?? region.baseUrl).replace(/\/+$/, ""),
    headers: {
      Accept: "application/json",
      [region.appKeyHeader]: options.appKey,
      [region.appTokenHeader]: options.appToken,
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    raw,
    async getCustomers(query = {}) {
      const { data, error, response } = await raw.GET("/aggregation/v1/customers", { params: { query } });
      if (!response.ok || data === undefined) throw apiErrorFor(response.status, error, response.headers);
      return data;
    },
  };
}
