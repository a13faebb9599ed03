import type { RegistrationNumberCodec, RegistrationNumberRef } from '../domain/declaration/registration-number.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * Serials reserved at a time. A process that stops leaves the rest of its block unused, which is
 * harmless: serials are never shown, and the numbers made from them look random anyway.
 */
const BLOCK = 1024;
/** A new block is reserved while this many are still ready, so a submission seldom waits for one. */
const LOW_WATER = BLOCK / 4;

export interface RegistrationNumbersDeps {
  codec: RegistrationNumberCodec;
  /** Reserves `count` serials for this process and answers the first (registration-serials-repository.ts). */
  reserve(count: number): Promise<number>;
  /** Which of these numbers were issued before serials existed, and so may not be issued again. */
  takenWithoutSerial(numbers: readonly string[]): Promise<Set<string>>;
  /** Where an early reservation that fails is reported: no draw is waiting for it. */
  logger: Logger;
}

/**
 * Fresh registration numbers for this process, from serials reserved a block at a time, and the
 * reference by which a number is found (see domain/declaration/registration-number.ts).
 */
export function createRegistrationNumbers({ codec, reserve, takenWithoutSerial, logger }: RegistrationNumbersDeps) {
  let ready: RegistrationNumberRef[] = [];
  let next = 0;
  let reserving: Promise<void> | undefined;

  async function reserveBlock(): Promise<void> {
    const first = await reserve(BLOCK);
    const serials = Array.from({ length: BLOCK }, (_, i) => first + i);
    const numbers = codec.encodeMany(serials);
    const taken = await takenWithoutSerial(numbers);
    const fresh = serials.map((serial, i) => ({ serial, number: numbers[i]! })).filter((ref) => !taken.has(ref.number));
    ready = ready.slice(next).concat(fresh);
    next = 0;
  }

  function topUp(): Promise<void> {
    reserving ??= reserveBlock().finally(() => {
      reserving = undefined;
    });
    return reserving;
  }

  async function draw(): Promise<RegistrationNumberRef> {
    while (next >= ready.length) await topUp();
    const ref = ready[next++]!;
    // A failed early reservation is tried again by the draw that finds the block empty.
    if (ready.length - next < LOW_WATER) {
      topUp().catch((error: unknown) =>
        logger.error({ err: error }, 'reserving registration numbers ahead of need failed; the next draw tries again'),
      );
    }
    return ref;
  }

  return {
    draw,

    /** As many fresh numbers, drawn before a transaction that must not wait for a reservation. */
    async drawMany(count: number): Promise<RegistrationNumberRef[]> {
      const refs: RegistrationNumberRef[] = [];
      while (refs.length < count) refs.push(await draw());
      return refs;
    },

    /** How the database finds a number that was typed or linked (normalized first). */
    ref(number: string): RegistrationNumberRef {
      return codec.ref(number);
    },
  };
}

export type RegistrationNumbers = ReturnType<typeof createRegistrationNumbers>;
