// The setup every browser flow shares: the real product on a free port and a headless Chromium, started before the
// file's tests and stopped after them (the browser's close() fails the file on any CSP violation).
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startProduct } from './server';

export interface FlowEnvironment {
  product: Awaited<ReturnType<typeof startProduct>>;
  chrome: Awaited<ReturnType<typeof launchBrowser>>;
}

/** `prepare` adds what a flow needs beyond the demo data, once the product runs. */
export function productAndBrowser(prepare?: (product: FlowEnvironment['product']) => Promise<unknown>): FlowEnvironment {
  const env = {} as FlowEnvironment;
  beforeAll(async () => {
    [env.product, env.chrome] = await Promise.all([startProduct(), launchBrowser()]);
    await prepare?.(env.product);
  });
  afterAll(async () => {
    await env.chrome?.close();
    await env.product?.stop();
  });
  return env;
}
