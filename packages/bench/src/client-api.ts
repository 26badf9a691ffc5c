/**
 * The parts of the packages the bench uses that other issues deliver (the full client of issue 3, the sandbox of
 * issue 5, the verifier of issue 6). They are looked up at run time, so a benchmark whose piece has not landed
 * prints "not available: <why>" instead of a number.
 */
import * as clientPackage from "@finicity-aggregation/client";
import type { Customer, Customers, GetCustomersQuery } from "@finicity-aggregation/types";

export interface BenchClientOptions {
  baseUrl: string;
  appKey: string;
  appToken: string;
  maxRetries?: number;
  timeoutMs?: number;
  validateResponses?: boolean;
  fetch?: typeof fetch;
}

export interface BenchClient {
  getCustomers(query?: GetCustomersQuery): Promise<Customers>;
  iterateCustomers?: (query?: GetCustomersQuery, options?: { pageSize?: number; maxItems?: number }) => AsyncIterable<Customer>;
  pages?: (query?: GetCustomersQuery, options?: { pageSize?: number }) => AsyncIterable<Customers>;
}

/** `createCustomersClient` with the options of issue 3 (extra options are ignored by older builds). */
export function createBenchClient(options: BenchClientOptions): BenchClient {
  const create = clientPackage.createCustomersClient as unknown as (o: BenchClientOptions) => BenchClient;
  return create(options);
}

/** Which issue-3 options the built client declares, judged from its README-free surface: does it honour them? */
export function clientSupports(feature: "iterateCustomers"): boolean {
  const probe = createBenchClient({ baseUrl: "http://127.0.0.1:9", appKey: "k", appToken: "t" });
  return typeof probe[feature] === "function";
}

export type SandboxFetchFactory = (options?: Record<string, unknown>) => typeof fetch;

/** Loaded on demand: the mock package brings Prism, which takes a while to load. */
export async function sandboxFetchFactory(): Promise<SandboxFetchFactory | undefined> {
  const mockPackage = (await import("@finicity-aggregation/mock")) as Record<string, unknown>;
  const candidate = mockPackage.createSandboxFetch;
  return typeof candidate === "function" ? (candidate as SandboxFetchFactory) : undefined;
}

export type VerifyFunction = (options: Record<string, unknown>) => Promise<unknown>;

/** Loaded on demand, like the mock package. */
export async function verifyFunction(): Promise<VerifyFunction | undefined> {
  const contractPackage = (await import("@finicity-aggregation/contract")) as Record<string, unknown>;
  const candidate = contractPackage.verify;
  return typeof candidate === "function" ? (candidate as VerifyFunction) : undefined;
}
