import type { ResponseTooLargeError } from "./errors.js";

/**
 * A response whose body stream ends once it passes `cap` bytes, for a body without a Content-Length within the
 * cap (or a compressed one). Past the cap, a 2xx body (`maxBytes` given) errors with a ResponseTooLargeError; an
 * error body is cut at `cap`. Either way pipeThrough cancels the rest of the body: it is never read.
 * This is the `./body-cap` entry, loaded by `import()` on the first such body; the client passes its own
 * ResponseTooLargeError class in (`TooLarge`), so what is thrown is the class the main entry exports.
 */
export function capBody(response: Response, cap: number, maxBytes: number | false, TooLarge: typeof ResponseTooLargeError): Response {
  let total = 0;
  return new Response(
    response.body!.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          total += chunk.length;
          if (total <= cap) controller.enqueue(chunk);
          else if (maxBytes) controller.error(new TooLarge(response.status, maxBytes));
          else controller.enqueue(chunk.subarray(0, cap - total + chunk.length)), controller.terminate();
        },
      }),
    ),
    response,
  );
}
