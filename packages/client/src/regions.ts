/** The regions the API is served from. */
export type Region = "au" | "us";

export interface RegionSettings {
  /** The region's API host. */
  readonly baseUrl: string;
  /** Header that carries the app key. */
  readonly appKeyHeader: string;
  /** Header that carries the token. */
  readonly appTokenHeader: string;
  /** When a token made with partner credentials is renewed (ms after it was made). */
  readonly tokenRenewAfterMs: number;
}

/**
 * AU uses the header names the AU Get Customers reference lists (`App-Key`, `Finicity-App-Token`);
 * US uses `Finicity-App-Key` and `Finicity-App-Token`. Override with `headerNames` when your host differs.
 */
export const REGIONS: Readonly<Record<Region, RegionSettings>> = {
  au: {
    baseUrl: "https://api.openbanking.mastercard.com.au",
    appKeyHeader: "App-Key",
    appTokenHeader: "Finicity-App-Token",
    tokenRenewAfterMs: 85 * 60_000, // AU tokens live 90 minutes
  },
  us: {
    baseUrl: "https://api.finicity.com",
    appKeyHeader: "Finicity-App-Key",
    appTokenHeader: "Finicity-App-Token",
    tokenRenewAfterMs: 90 * 60_000, // US tokens live 2 hours; Mastercard advises a new one after 90 minutes
  },
};
