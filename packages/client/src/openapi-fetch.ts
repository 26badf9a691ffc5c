import * as openapiFetch from "openapi-fetch";

type CreateClient = typeof openapiFetch.default;

// openapi-fetch's CommonJS build sets `exports.default`; a CommonJS bundle that imports it the Node way gets
// the whole exports object as the default import. Take `.default` again in that case so both builds work.
const loaded = openapiFetch.default as CreateClient | { default: CreateClient };

/** openapi-fetch's `createClient`, whichever module format loaded it. */
export const createClient: CreateClient = typeof loaded === "function" ? loaded : loaded.default;
