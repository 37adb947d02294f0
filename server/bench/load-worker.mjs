// HTTP load generator for the report-submit bench. It runs in a worker thread (plain JS, no loader) so the clients'
// own work happens on its own event loop and does not queue behind the server it measures.
// workerData: { port, path, concurrency, warmup, requests, tokens: string[], bodies: object[] }
// Client c sends with tokens[c % tokens.length]; request i carries bodies[i % bodies.length], its own
// idempotency key and its own X-Forwarded-For address (a citizen's phone, not 50 clients behind one NAT).
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, path, concurrency, warmup, requests, tokens, bodies, runId } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(i, client) {
  const payload = JSON.stringify(bodies[i % bodies.length]);
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'idempotency-key': `bench-${runId}-${i}`,
    'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  };
  if (tokens.length) headers.authorization = `Bearer ${tokens[client % tokens.length]}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function phase(first, count, record) {
  let next = first;
  const end = first + count;
  const latencies = [];
  const failures = {};
  const clients = Array.from({ length: concurrency }, async (_, client) => {
    while (next < end) {
      const i = next++;
      const t0 = performance.now();
      const res = await post(i, client);
      const ms = performance.now() - t0;
      if (res.status !== 201) {
        const key = `${res.status} ${res.body.match(/"code":"(\w+)"/)?.[1] ?? res.body.slice(0, 80)}`;
        failures[key] = (failures[key] ?? 0) + 1;
      }
      if (record) latencies.push(ms);
    }
  });
  const t0 = performance.now();
  await Promise.all(clients);
  return { elapsedMs: performance.now() - t0, latencies, failures };
}

await phase(0, warmup, false);
const result = await phase(warmup, requests, true);
agent.destroy();
result.latencies.sort((a, b) => a - b);
parentPort.postMessage(result);
