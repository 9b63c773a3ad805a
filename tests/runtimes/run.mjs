// The measurement of tests/clients/client.mjs in a runtime outside the browser:
// `node run.mjs BASE` (undici's WebSocket, from this folder's node_modules),
// `deno run --allow-net run.mjs BASE` or `bun run.mjs BASE` (their own WebSocket).
import { run } from "../clients/client.mjs";

const base = globalThis.Deno ? Deno.args[0] : process.argv[2];
let WebSocket;
let userAgent;
if (globalThis.Deno) {
  WebSocket = globalThis.WebSocket;
  userAgent = `Deno ${Deno.version.deno}`;
} else if (globalThis.Bun) {
  WebSocket = globalThis.WebSocket;
  userAgent = `Bun ${Bun.version}`;
} else {
  // Node.js's own global WebSocket is the undici it bundles; the pinned package is measured.
  const undici = await import("undici");
  const { createRequire } = await import("node:module");
  const version = createRequire(import.meta.url)("undici/package.json").version;
  WebSocket = undici.WebSocket;
  userAgent = `undici ${version} on Node.js ${process.versions.node}`;
}
await run(base, WebSocket, userAgent);
