import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir } from '../../test/helpers/test-context.ts';
import { createDatabase, type DatabaseHandle } from '../db/create-db.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { RegistrationNumberCodec } from '../domain/declaration/registration-number.ts';
import { createLogger } from '../logging/logger.ts';
import { registrationSerialsRepository } from '../repositories/registration-serials-repository.ts';
import { createRegistrationNumbers } from './registration-numbers.ts';

describe('registration numbers drawn from reserved serials', () => {
  const dir = makeTempDir();
  let handle: DatabaseHandle;
  const codec = new RegistrationNumberCodec(randomBytes(32));
  before(async () => {
    handle = createDatabase(`sqlite:${join(dir, 'numbers.sqlite')}`);
    await migrateToLatest(handle.db);
  });
  after(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The real reservation, counted, and made to fail on demand; what it logs is kept in `logs`. */
  function numbersWithCountedReservations() {
    const calls = { reservations: 0, failNext: false };
    const logs: { level: number; msg: string; err?: { message: string } }[] = [];
    let logged: (() => void) | undefined;
    const nextLog = () =>
      new Promise<void>((resolve) => {
        logged = resolve;
      });
    const logger = createLogger('info', {
      write: (line: string) => {
        logs.push(JSON.parse(line));
        logged?.();
      },
    });
    const numbers = createRegistrationNumbers({
      codec,
      reserve: async (count) => {
        calls.reservations++;
        if (calls.failNext) {
          calls.failNext = false;
          throw new Error('the writer stopped');
        }
        return registrationSerialsRepository.reserve(handle.db, count);
      },
      takenWithoutSerial: (candidates) => registrationSerialsRepository.takenWithoutSerial(handle.db, candidates),
      logger,
    });
    return { numbers, calls, logs, nextLog };
  }

  test('increasing serials, consecutive within a block, each number encoding its own, a new block reserved before the last one runs out', async () => {
    const { numbers, calls } = numbersWithCountedReservations();
    const refs = await numbers.drawMany(1500);
    assert.equal(new Set(refs.map((ref) => ref.serial)).size, 1500);
    for (const [i, ref] of refs.entries()) {
      if (i > 0 && i < 1024) assert.equal(ref.serial, refs[i - 1]!.serial + 1);
      if (i > 0) assert.ok(ref.serial > refs[i - 1]!.serial);
      assert.equal(ref.number, codec.encode(ref.serial));
      assert.deepEqual(numbers.ref(ref.number), ref);
    }
    assert.equal(calls.reservations, 2, 'the second block was reserved while the first still had numbers');
  });

  test('draws that find the block empty at once share one reservation', async () => {
    const { numbers, calls } = numbersWithCountedReservations();
    const refs = await Promise.all(Array.from({ length: 50 }, () => numbers.draw()));
    assert.equal(calls.reservations, 1);
    assert.equal(new Set(refs.map((ref) => ref.serial)).size, 50);
  });

  test('a failed reservation fails the draw that waited for it; the next draw reserves again', async () => {
    const { numbers, calls } = numbersWithCountedReservations();
    calls.failNext = true;
    await assert.rejects(numbers.draw(), /the writer stopped/);
    const ref = await numbers.draw();
    assert.equal(ref.number, codec.encode(ref.serial));
    assert.equal(calls.reservations, 2);
  });

  test('a reservation made ahead of need that fails is logged; the draw that finds the block empty reserves again', async () => {
    const { numbers, calls, logs, nextLog } = numbersWithCountedReservations();
    await numbers.drawMany(1024 - 256);
    calls.failNext = true;
    const failureLogged = nextLog();
    await numbers.draw(); // leaves fewer than a quarter of the block: the next block is reserved in the background
    await failureLogged;
    assert.deepEqual(
      logs.map(({ level, msg, err }) => ({ level, msg, error: err?.message })),
      [{ level: 50, msg: 'reserving registration numbers ahead of need failed; the next draw tries again', error: 'the writer stopped' }],
    );
    const refs = await numbers.drawMany(300);
    assert.equal(new Set(refs.map((ref) => ref.serial)).size, 300);
    assert.equal(calls.reservations, 3);
  });

  test('two processes never draw the same serial', async () => {
    const first = numbersWithCountedReservations().numbers;
    const second = numbersWithCountedReservations().numbers;
    const [a, b] = await Promise.all([first.drawMany(1100), second.drawMany(1100)]);
    const serials = new Set([...a, ...b].map((ref) => ref.serial));
    assert.equal(serials.size, 2200);
  });
});
