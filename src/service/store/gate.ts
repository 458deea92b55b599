/** Each method of `T` as the store's interface has it: the same arguments, the answer in a Promise. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/**
 * One SQLite connection serves the whole process, and a statement run while a
 * transaction is open on it joins that transaction: it would see rows not yet committed,
 * and a write of its own would be lost with a rollback (or, if it begins a transaction,
 * fail). The store's interface is asynchronous (a PostgreSQL store gives each transaction
 * a connection of its own), so a transaction may now await between its statements, and
 * other code may call the store meanwhile. The gate keeps them apart: while a transaction
 * holds it, every other call waits until its COMMIT or ROLLBACK.
 */
export class Gate {
  #held: Promise<void> | undefined;

  /** Runs `fn` now if no transaction holds the gate (as the synchronous store did), else after it. */
  async run<T>(fn: () => T): Promise<Awaited<T>> {
    while (this.#held) await this.#held;
    return await fn();
  }

  /** Runs `fn` holding the gate: nothing else runs on the connection until it settles. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#held) await this.#held;
    let release!: () => void;
    this.#held = new Promise<void>((r) => (release = r));
    try {
      return await fn();
    } finally {
      this.#held = undefined;
      release();
    }
  }
}

/**
 * The asynchronous interface of one of the SQLite store's synchronous modules: each method
 * runs through `gate` (or, inside a transaction that holds it, with none) and answers in
 * a Promise. A Proxy rather than a hand-written class per module, so that the interface
 * cannot drift from the statements behind it.
 */
export function asyncView<T extends object>(target: T, gate?: Gate): Async<T> {
  return new Proxy(target, {
    get(t, key) {
      const value: unknown = Reflect.get(t, key, t);
      if (typeof value !== 'function') return value;
      if (gate) return (...args: unknown[]) => gate.run(() => value.apply(t, args));
      // Inside the transaction: the statement runs at the call, as it did before.
      return async (...args: unknown[]) => value.apply(t, args);
    },
  }) as unknown as Async<T>;
}
