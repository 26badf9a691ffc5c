// @ts-check
/**
 * A throw-away Verdaccio for release:check: loopback only, on a free port, storage in a temporary folder,
 * no uplinks (it only ever holds the @finicity-aggregation packages; consumers get everything else from
 * their usual registry through a scoped registry setting), stopped by `close()`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { runServer } from "verdaccio";
import { runOrThrow } from "../run.mjs";

export const SCOPE = "@finicity-aggregation";

/**
 * @typedef {object} LocalRegistry
 * @property {string} url        e.g. `http://127.0.0.1:41234/`
 * @property {string} npmrc      path of an npmrc that routes the scope here and holds the publish token
 * @property {(tarball: string) => Promise<void>} publish
 * @property {() => Promise<void>} close
 */

/**
 * @param {string} dir an empty temporary folder the registry may own
 * @returns {Promise<LocalRegistry>}
 */
export async function startLocalRegistry(dir) {
  await mkdir(join(dir, "storage"), { recursive: true });
  const configPath = join(dir, "config.yaml");
  await writeFile(
    configPath,
    stringify({
      storage: join(dir, "storage"),
      auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 10 } },
      uplinks: {},
      packages: {
        [`${SCOPE}/*`]: { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
        "**": { access: "$all", publish: "$authenticated" },
      },
      web: { enable: false },
      log: { type: "stdout", format: "pretty", level: "error" },
      publish: { allow_offline: true },
    }),
  );
  /** @type {import("node:http").Server} */
  const server = await runServer(configPath);
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("Verdaccio did not report a TCP address");
  const url = `http://127.0.0.1:${address.port}/`;
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve(undefined));
    });

  try {
    const user = "release-check";
    const response = await fetch(`${url}-/user/org.couchdb.user:${user}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: user, password: `pw-${process.pid}-${Date.now()}` }),
    });
    const body = /** @type {{ token?: string }} */ (await response.json().catch(() => ({})));
    if (!response.ok || !body.token) throw new Error(`could not add a user to the local registry: HTTP ${response.status}`);
    const npmrc = join(dir, "npmrc");
    const hostPath = url.replace(/^http:/, "");
    await writeFile(npmrc, `${SCOPE}:registry=${url}\n${hostPath}:_authToken=${body.token}\n`);

    return {
      url,
      npmrc,
      async publish(tarball) {
        await runOrThrow("npm", ["publish", tarball, "--registry", url, `--${SCOPE}:registry=${url}`, "--userconfig", npmrc, "--provenance=false", "--access", "public"], {
          cwd: dir,
          env: { ...process.env, npm_config_loglevel: "error" },
        });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
