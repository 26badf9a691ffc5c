import { connect } from "node:net";

export interface RawExchange {
  /** Everything the server sent, as latin1 text (byte for byte). */
  text: string;
  /** The server closed the connection (rather than the deadline passing). */
  closedByServer: boolean;
}

/**
 * Sends raw bytes to the server at `base` and collects what comes back until the server closes the connection,
 * or `deadlineMs` passes (then the client closes it). For what fetch cannot send: absolute-form targets,
 * fragments, bodies on GET, half-sent requests.
 */
export function rawExchange(base: string, request: string | Buffer, deadlineMs = 2_000): Promise<RawExchange> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ""));
    let text = "";
    let done = false;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closedByServer });
    };
    const timer = setTimeout(() => finish(false), deadlineMs);
    socket.on("data", (chunk) => (text += chunk.toString("latin1")));
    socket.on("end", () => finish(true));
    socket.on("close", () => finish(true));
    socket.on("error", () => finish(true));
    socket.on("connect", () => socket.write(request));
  });
}

export interface ParsedAnswer {
  status: number;
  /** Header names lower-cased; `date` left out (it changes). */
  headers: Record<string, string>;
  body: string;
}

/** Splits a raw HTTP/1.1 answer (one, not chunked) into status, headers and body. */
export function parseAnswer(text: string): ParsedAnswer {
  const end = text.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = (end === -1 ? text : text.slice(0, end)).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    if (name !== "date") headers[name] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body: end === -1 ? "" : text.slice(end + 4) };
}
