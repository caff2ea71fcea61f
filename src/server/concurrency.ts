/** A client asked for more concurrent what-ifs than it may have running. */
export class TooManyAtOnce extends Error {
  constructor(readonly max: number) {
    super(`at most ${max} what-ifs at once per client: wait for one to finish`);
  }
}

/**
 * Caps how many what-ifs one client (by address) has running at once, so that opening many connections
 * does not multiply the work budget of a single request. A concurrency cap, not a rate limit
 * (`@fastify/rate-limit` counts requests per time window): one client asking one question after another
 * is never refused, and many slow questions at once are, however slowly they arrive. The count is released
 * when the work itself ends, not when the response is written, so a client that disconnects early still
 * holds its place until the work stops.
 */
export class PerClientLimit {
  private readonly running = new Map<string, number>();

  constructor(readonly max: number) {}

  async run<T>(client: string, work: () => T | Promise<T>): Promise<T> {
    const now = this.running.get(client) ?? 0;
    if (now >= this.max) throw new TooManyAtOnce(this.max);
    this.running.set(client, now + 1);
    try {
      return await work();
    } finally {
      const left = (this.running.get(client) ?? 1) - 1;
      if (left === 0) this.running.delete(client);
      else this.running.set(client, left);
    }
  }
}
