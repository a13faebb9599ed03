import type { Actor } from '../../domain/staff/permissions.ts';
import { isSystemActor } from '../../domain/staff/permissions.ts';
import type { ImportCounts, ImportError, ImportRecord } from '../../repositories/outreach/imports-repository.ts';
import type { Executor } from '../../repositories/executor.ts';
import { fail, ok, type Result } from '../result.ts';
import { stageRows, UnreadableFile } from './contact-import.ts';
import { auditEntry, campaignFor, openCard, type ContactCard, type OutreachDeps } from './outreach-deps.ts';

/** What a preview shows: the counts, the refused lines, the first rows as they will be called. */
export interface ImportSummary extends ImportCounts {
  importId: number;
  campaignId: number;
  status: ImportRecord['status'];
  errors: ImportError[];
  sample: ContactCard[];
}

/** A file read to the end (staged, to be confirmed), or refused as a whole with nothing kept. */
export type StageResult = { kind: 'staged'; summary: ImportSummary } | { kind: 'unreadable'; problem: ImportError };

const SAMPLE_ROWS = 20;

/**
 * Importing a call list in two steps: the file is streamed into staged contacts (bounded memory,
 * whatever its length), shown as a preview, then confirmed (the rows join the pool) or discarded.
 */
export function createImportService(deps: OutreachDeps) {
  const { db, contacts, imports, audit } = deps;
  const now = deps.now ?? (() => new Date());

  async function discardStaged(trx: Executor, importId: number, at: Date): Promise<boolean> {
    if (!(await imports.finish(trx, importId, 'discarded', at))) return false;
    await contacts.deleteStaged(trx, importId);
    return true;
  }

  async function summaryOf(record: ImportRecord): Promise<ImportSummary> {
    const sample = await contacts.firstOfImport(db, record.id, SAMPLE_ROWS);
    return {
      importId: record.id,
      campaignId: record.campaignId,
      status: record.status,
      rows: record.rows,
      accepted: record.accepted,
      duplicates: record.duplicates,
      doNotCall: record.doNotCall,
      invalid: record.invalid,
      errors: await imports.errors(db, record.id),
      sample: sample.map((contact) => openCard(deps.keys, contact)),
    };
  }

  /** The import if the actor may run its campaign. */
  async function importFor(actor: Actor, importId: number): Promise<Result<ImportRecord>> {
    if (!Number.isSafeInteger(importId) || importId <= 0) return fail('request.notFound');
    const record = await imports.findById(db, importId);
    if (!record) return fail('request.notFound');
    const campaign = await campaignFor(deps, actor, record.campaignId, 'manage');
    return campaign.ok ? ok(record) : campaign;
  }

  return {
    /**
     * Reads a file into a new staged import of the campaign, replacing any earlier one not yet
     * confirmed. An unreadable file (wrong encoding, broken quotes, no phone column) keeps nothing.
     */
    async stage(
      actor: Actor,
      campaignId: number,
      source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
      onProgress: (rows: number) => void = () => undefined,
    ): Promise<Result<StageResult>> {
      const campaign = await campaignFor(deps, actor, campaignId, 'manage');
      if (!campaign.ok) return campaign;
      if (campaign.value.purgedAt !== null) return fail('outreach.campaignPurged');
      const at = now();
      const importId = await db.transaction().execute(async (trx) => {
        for (const earlier of await imports.stagedFor(trx, campaignId)) {
          if (await discardStaged(trx, earlier, at))
            await audit.append(trx, auditEntry(actor, at, 'outreach.import.discarded', campaignId, { importId: earlier, replaced: true }));
        }
        return imports.insert(trx, campaignId, isSystemActor(actor) ? null : actor.id, at);
      });
      let staged: Awaited<ReturnType<typeof stageRows>>;
      try {
        staged = await stageRows(deps, { campaignId, importId, defaultTimeZone: campaign.value.timeZone, at }, source, onProgress);
      } catch (error) {
        await db.transaction().execute((trx) => discardStaged(trx, importId, at));
        if (error instanceof UnreadableFile) return ok({ kind: 'unreadable', problem: error.problem });
        throw error;
      }
      await db.transaction().execute(async (trx) => {
        await imports.setCounts(trx, importId, staged.counts);
        await imports.insertErrors(trx, importId, staged.errors);
        await audit.append(trx, auditEntry(actor, at, 'outreach.import.staged', campaignId, { importId, ...staged.counts }));
      });
      return ok({ kind: 'staged', summary: await summaryOf((await imports.findById(db, importId))!) });
    },

    async summary(actor: Actor, importId: number): Promise<Result<ImportSummary>> {
      const record = await importFor(actor, importId);
      return record.ok ? ok(await summaryOf(record.value)) : record;
    },

    /** The staged rows join the campaign's pool, once. */
    async commit(actor: Actor, importId: number): Promise<Result<ImportSummary>> {
      const record = await importFor(actor, importId);
      if (!record.ok) return record;
      const at = now();
      const opened = await db.transaction().execute(async (trx) => {
        if (!(await imports.finish(trx, importId, 'committed', at))) return null;
        const count = await contacts.openImport(trx, importId, at);
        await audit.append(trx, auditEntry(actor, at, 'outreach.import.committed', record.value.campaignId, { importId, contacts: count }));
        return count;
      });
      if (opened === null) return fail('outreach.importFinished');
      return ok(await summaryOf((await imports.findById(db, importId))!));
    },

    async discard(actor: Actor, importId: number): Promise<Result<void>> {
      const record = await importFor(actor, importId);
      if (!record.ok) return record;
      const at = now();
      const done = await db.transaction().execute(async (trx) => {
        if (!(await discardStaged(trx, importId, at))) return false;
        await audit.append(trx, auditEntry(actor, at, 'outreach.import.discarded', record.value.campaignId, { importId }));
        return true;
      });
      return done ? ok(undefined) : fail('outreach.importFinished');
    },
  };
}
