// What a WHATWG WebSocket client sees, measured against the test server of tests/clients/.
// The same code runs in a browser page (tests/browser/page.html) and in a runtime
// (tests/runtimes/run.mjs): `run` fetches its configuration from the server at `base`,
// runs it with the `WebSocket` class it is given, and posts the report back.
"use strict";

// Opens one connection and resolves with the CloseEvent it ends with:
// [code, wasClean, reason, negotiated subprotocol or null].
function closeEventOf(WebSocket, { url, protocols }) {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, protocols);
    let protocol = null;
    socket.onopen = () => (protocol = socket.protocol);
    socket.onerror = () => {};
    socket.onclose = (event) => resolve([event.code, event.wasClean, event.reason, protocol]);
  });
}

// Every case, config.concurrency connections at a time, spread over the test server's ports
// (browsers let only one connection per address be in the CONNECTING state); results in case
// order.
async function receivedCloses(WebSocket, config) {
  const port = (i) => config.ports[i % config.ports.length];
  const cases = config.cases.map((c, i) =>
    c.raw !== undefined ? { url: `ws://127.0.0.1:${port(i)}/raw/${c.raw}`, protocols: [] }
    : c.ext !== undefined ? { url: `ws://127.0.0.1:${port(i)}/ext/${c.ext}`, protocols: c.protocols || [] }
    : c);
  const events = new Array(cases.length);
  let next = 0;
  async function worker() {
    while (next < cases.length) {
      const i = next++;
      events[i] = await closeEventOf(WebSocket, cases[i]);
    }
  }
  await Promise.all(Array.from({ length: config.concurrency }, worker));
  return { events };
}

// Calls close(code) with every unsigned short on one socket. The WHATWG standard checks the
// code before anything else, so after the first accepted call the socket is closing and
// later calls only throw or do nothing.
function closeMethod(WebSocket, config) {
  const socket = new WebSocket(`ws://127.0.0.1:${config.ports[0]}/raw/03e8`);
  socket.onerror = () => {};
  const accepted = [];
  const otherErrors = [];
  for (let code = 0; code <= 65535; code++) {
    try {
      socket.close(code);
      accepted.push(code);
    } catch (error) {
      if (error.name !== "InvalidAccessError") otherErrors.push([code, error.name]);
    }
  }
  const outcome = (reason) => {
    try {
      socket.close(1000, reason);
      return "ok";
    } catch (error) {
      return error.name;
    }
  };
  return {
    accepted,
    otherErrors,
    // Bytes of UTF-8 count, not characters: "é" is two.
    longestReason: outcome("é".repeat(config.maxReason / 2 | 0) + "r".repeat(config.maxReason % 2)),
    reasonTooLong: outcome("é".repeat((config.maxReason + 1) / 2 | 0) + "r".repeat((config.maxReason + 1) % 2)),
  };
}

async function measure(WebSocket, config) {
  const started = Date.now();
  const result = config.mode === "close-method"
    ? closeMethod(WebSocket, config)
    : await receivedCloses(WebSocket, config);
  return { ms: Date.now() - started, ...result };
}

// Runs the measurement the server at `base` (`http://127.0.0.1:PORT`) configures, and posts
// its report there; `userAgent` names the client in the report.
export async function run(base, WebSocket, userAgent) {
  let body;
  try {
    const config = await (await fetch(`${base}/config`)).json();
    body = { userAgent, ...(await measure(WebSocket, config)) };
  } catch (error) {
    body = { userAgent, fatal: String((error && error.stack) || error) };
  }
  await fetch(`${base}/report`, { method: "POST", body: JSON.stringify(body) });
}
