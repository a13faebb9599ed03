import type { Kysely } from 'kysely';
import type { Keys } from '../crypto/keys.ts';
import type { Database } from '../db/schema.ts';
import { pingDatabase } from '../db/storage.ts';

/** Longer than a healthy check ever takes, short enough that a load balancer's probe is not left hanging. */
const READY_TIMEOUT_MS = 2000;

export interface HealthServiceDeps {
  db: Kysely<Database>;
  /** Resolves when the intake writer (on SQLite its thread and its connection) takes work. */
  intakeReady: () => Promise<void>;
  keys: Keys;
}

/**
 * What /readyz asks (docs/operations.md, "Health"): the database answers a query, the intake writer
 * answers, and the keys are loaded. It says yes or no, never which part failed or why: the answer is
 * public, and the log is where an operator reads the reason.
 */
export function createHealthService({ db, intakeReady, keys }: HealthServiceDeps) {
  // The composition root refuses to start without its keys; this holds if one was ever set to nothing.
  const keysLoaded = Object.values(keys).every((key) => key !== undefined && key !== null);
  // Probes that come while a check is still running wait for that one: a slow database is not asked again and again.
  let checking: Promise<boolean> | undefined;
  return {
    async ready(): Promise<boolean> {
      if (!keysLoaded) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
      });
      checking ??= Promise.all([pingDatabase(db), intakeReady()])
        .then(
          () => true,
          () => false,
        )
        .finally(() => {
          checking = undefined;
        });
      const checks = checking;
      try {
        return await Promise.race([checks, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
