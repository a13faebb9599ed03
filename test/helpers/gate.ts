/**
 * Holds async calls at a point of the test's choosing: while held, pass()
 * waits until release(). For tests of what happens while a read is in flight.
 */
export class Gate {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  hold(on: boolean): void {
    this.#held = on;
  }

  async pass(): Promise<void> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** Lets every waiting call through, and gives what follows them a turn of the event loop. */
  async release(): Promise<void> {
    for (const resolve of this.#waiting.splice(0)) resolve();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
