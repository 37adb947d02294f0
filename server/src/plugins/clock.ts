// Time comes from here, so deadline logic can be tested at any date.
import fp from 'fastify-plugin';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

declare module 'fastify' {
  interface FastifyInstance {
    clock: Clock;
  }
}

export default fp<{ clock?: Clock }>(
  async (app, opts) => {
    app.decorate('clock', opts.clock ?? systemClock);
  },
  { name: 'clock' },
);
