/** The regions the API is served from. */
export type Region = "au" | "us";

export interface RegionSettings {
  /** The region's API host. */
  baseUrl: string;
  /** Header that carries the app key. */
  appKeyHeader: string;
  /** Header that carries the token. */
  appTokenHeader: string;
}

/**
 * AU uses the header names the AU Get Customers reference lists (`App-Key`, `Finicity-App-Token`);
 * US uses `Finicity-App-Key` and `Finicity-App-Token`. Override with `headerNames` when your host differs.
 */
export const REGIONS: Readonly<Record<Region, RegionSettings>> = Object.freeze({
  au: Object.freeze({
    baseUrl: "https://api.openbanking.mastercard.com.au",
    appKeyHeader: "App-Key",
    appTokenHeader: "Finicity-App-Token",
  }),
  us: Object.freeze({
    baseUrl: "https://api.finicity.com",
    appKeyHeader: "Finicity-App-Key",
    appTokenHeader: "Finicity-App-Token",
  }),
});
