import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateNextKey, promoteNextKey } from '../src/crypto/key-rotation-files.ts';
import { keyCheck, loadKeys } from '../src/crypto/keys.ts';
import { seal } from '../src/crypto/seal.ts';
import { createDatabase } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { toDbTime } from '../src/db/time.ts';
import { createAuditRepository } from '../src/repositories/audit-repository.ts';
import { keyChecksRepository } from '../src/repositories/key-checks-repository.ts';
import { keyRotationRepository } from '../src/repositories/key-rotation-repository.ts';
import { createAttachmentStore } from '../src/services/inbox/attachment-store.ts';
import { createKeyRotationService } from '../src/services/key-rotation-service.ts';

/**
 * The contact key's rotation over N sealed newsletter addresses on SQLite (or DATABASE_URL): the
 * CPU time and wall time per re-sealed value, for docs/operations.md "Key rotation".
 * Run: node --import tsx bench/key-rotation.ts [N] [batch]
 */
const count = Number(process.argv[2] ?? 100_000);
const batchSize = Number(process.argv[3] ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'tuidang-rotation-'));
const { keys } = loadKeys(dir);
const database = createDatabase(process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.sqlite')}`);
try {
  const db = database.db;
  await migrateToLatest(db);
  await keyChecksRepository.insert(db, 'contact', keyCheck(keys, 'contact'), new Date());
  const at = toDbTime(new Date());
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, i) => {
      const hmac = `bench-${start + i}`;
      return {
        email_sealed: seal(keys.contact, `reader${start + i}@example.org`, `newsletter:${hmac}:email`),
        email_hmac: hmac,
        language: 'en' as const,
        status: 'confirmed' as const,
        token_hmac: `token-${start + i}`,
        consented_at: at,
        terms_version: '1',
        created_at: at,
        updated_at: at,
      };
    });
    await db.insertInto('newsletter_subscribers').values(rows).execute();
  }
  const rotation = createKeyRotationService({
    db,
    rotation: keyRotationRepository,
    keyChecks: keyChecksRepository,
    audit: createAuditRepository(keys),
    attachmentStore: (key) => createAttachmentStore(dir, key),
    now: () => new Date(),
  });
  const files = { next: () => loadOrCreateNextKey(dir, 'contact'), promote: (when: Date) => promoteNextKey(dir, 'contact', when) };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await rotation.rotate('contact', keys.contact, files, { batchSize });
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const resealed = report.columns.reduce((sum, column) => sum + column.resealed, 0);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `${resealed} values re-sealed in batches of ${batchSize}: ${(wall / 1000).toFixed(1)} s wall, ` +
      `${(cpuMs / 1000).toFixed(1)} s CPU, ${((cpuMs * 1000) / resealed).toFixed(1)} µs CPU per value, ` +
      `${Math.round(resealed / (cpuMs / 1000))} values per CPU-second`,
  );
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
