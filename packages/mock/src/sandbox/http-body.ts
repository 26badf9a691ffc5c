import type { IncomingMessage } from "node:http";

/**
 * The largest request body the sandbox reads: 64 KiB. A CreateToken body is under 1 KiB, so this leaves a wide
 * margin, and it is far below the 4 MB after which Prism's proxy answers 413. A larger body (by `Content-Length`,
 * or as it streams in without one) is answered 413 at once, with `Connection: close`; the rest is never buffered.
 */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** The body as text; `undefined` when it is larger than MAX_REQUEST_BODY_BYTES (the rest is left unread). */
export function readBody(req: IncomingMessage): Promise<string | undefined> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_REQUEST_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY_BYTES) {
        stop();
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(new TextDecoder().decode(Buffer.concat(chunks)));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const stop = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
    };
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}
