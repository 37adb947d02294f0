import fp from 'fastify-plugin';
import type { Config } from '../config';
import { createSealer, type Sealer } from '../lib/sealing';

declare module 'fastify' {
  interface FastifyInstance {
    sealer: Sealer;
  }
}

export default fp<{ config: Config }>(
  async (app, opts) => {
    app.decorate('sealer', createSealer(opts.config.identityKeys, opts.config.hashKey));
  },
  { name: 'sealer' },
);
