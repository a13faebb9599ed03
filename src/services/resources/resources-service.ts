import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DEFAULT_RESOURCES } from '../../domain/resources/default-content.ts';
import { parseResourceLink } from '../../domain/resources/links.ts';
import { checkResourceText, cleanResourceText, type TextProblem } from '../../domain/resources/markup.ts';
import { can, isSystemActor, Permission, type Actor } from '../../domain/staff/permissions.ts';
import { LOCALES, type Locale } from '../../i18n/index.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { Executor } from '../../repositories/executor.ts';
import type { ResourceLinkRecord, ResourceVersionRecord, ResourcesRepository } from '../../repositories/resources-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';

export type ResourceLink = ResourceLinkRecord;
export type ResourceVersion = ResourceVersionRecord;

/** What the public page shows: the newest text of its language (or the shipped one) and the listed addresses. */
export interface ResourcesPage {
  body: string;
  links: ResourceLink[];
}

/** A save refused for its text says why, with what to name in the message (the link that is not allowed). */
export type SaveResult = { ok: true; value: number } | ({ ok: false; error: TextProblem['code'] } & Pick<TextProblem, 'params'>);

/** The history the editor lists: enough for a season of edits; older versions stay in the table. */
const HISTORY_LIMIT = 50;

export interface ResourcesServiceDeps {
  db: Kysely<Database>;
  resources: ResourcesRepository;
  audit: AuditRepository;
  now?: () => Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function createResourcesService({ db, resources, audit, now = () => new Date() }: ResourcesServiceDeps) {
  const allowedOf = (links: readonly ResourceLink[]) => new Set(links.map((link) => link.url));
  const authorOf = (actor: Actor) => (isSystemActor(actor) ? null : actor.id);

  async function record(trx: Executor, actor: Actor, at: Date, action: string, targetId: string, details: object) {
    await audit.append(trx, {
      at,
      actorId: authorOf(actor),
      actor: staffLabel(actor),
      action,
      targetType: 'resources',
      targetId,
      details: { ...details },
    });
  }

  return {
    async page(locale: Locale): Promise<ResourcesPage> {
      const [latest, links] = await Promise.all([resources.latest(db, locale), resources.links(db)]);
      return { body: latest?.body ?? DEFAULT_RESOURCES[locale], links };
    },

    /** The editor's view of one language: its newest text (or the shipped one), the history and the addresses. */
    async editor(
      actor: Actor,
      locale: Locale,
    ): Promise<Result<{ body: string; current: ResourceVersion | null; history: ResourceVersion[]; links: ResourceLink[] }>> {
      if (!can(actor, Permission.ResourcesEdit)) return fail('auth.forbidden');
      const history = await resources.history(db, locale, HISTORY_LIMIT);
      const current = history[0] ?? null;
      return ok({ body: current?.body ?? DEFAULT_RESOURCES[locale], current, history, links: await resources.links(db) });
    },

    /** One version of a language, to read before restoring it. */
    async version(actor: Actor, locale: Locale, id: number): Promise<Result<ResourceVersion>> {
      if (!can(actor, Permission.ResourcesEdit)) return fail('auth.forbidden');
      const version = Number.isSafeInteger(id) ? await resources.findVersion(db, id) : null;
      return version && version.locale === locale ? ok(version) : fail('request.notFound');
    },

    /** Each language's newest version (null while the shipped text is shown) and the listed addresses. */
    async overview(actor: Actor): Promise<Result<{ current: Record<Locale, ResourceVersion | null>; links: ResourceLink[] }>> {
      if (!can(actor, Permission.ResourcesEdit)) return fail('auth.forbidden');
      const current = {} as Record<Locale, ResourceVersion | null>;
      for (const locale of LOCALES) current[locale] = await resources.latest(db, locale);
      return ok({ current, links: await resources.links(db) });
    },

    /** Saves a text as the language's newest version, checked against the addresses listed now. */
    async save(actor: Actor, locale: Locale, source: string): Promise<SaveResult> {
      if (!can(actor, Permission.ResourcesEdit)) return fail('auth.forbidden');
      const at = now();
      return db.transaction().execute(async (trx) => {
        const problem = checkResourceText(source, allowedOf(await resources.links(trx)));
        if (problem) return { ok: false, error: problem.code, params: problem.params };
        const body = cleanResourceText(source);
        const id = await resources.insertVersion(trx, { locale, body, createdBy: authorOf(actor), restoredFrom: null, at });
        await record(trx, actor, at, 'resources.saved', String(id), { locale, characters: body.length, sha256: sha256(body) });
        return { ok: true, value: id };
      });
    },

    /**
     * Adds an older version's text again as the newest one, so the history keeps both the text that
     * was replaced and the restore. A link in it to an address no longer listed refuses the restore.
     */
    async restore(actor: Actor, locale: Locale, fromId: number): Promise<SaveResult> {
      if (!can(actor, Permission.ResourcesEdit)) return fail('auth.forbidden');
      const at = now();
      return db.transaction().execute(async (trx) => {
        const from = Number.isSafeInteger(fromId) ? await resources.findVersion(trx, fromId) : null;
        if (!from || from.locale !== locale) return { ok: false, error: 'request.notFound' };
        const problem = checkResourceText(from.body, allowedOf(await resources.links(trx)));
        if (problem) return { ok: false, error: problem.code, params: problem.params };
        const id = await resources.insertVersion(trx, { locale, body: from.body, createdBy: authorOf(actor), restoredFrom: from.id, at });
        await record(trx, actor, at, 'resources.restored', String(id), { locale, from: from.id, sha256: sha256(from.body) });
        return { ok: true, value: id };
      });
    },

    async addLink(actor: Actor, input: { url: string; kind: string; label: string }): Promise<Result<number>> {
      if (!can(actor, Permission.ResourcesEdit)) return fail('auth.forbidden');
      const parsed = parseResourceLink(input);
      if (!parsed.ok) return fail(parsed.error);
      const at = now();
      return db.transaction().execute(async (trx) => {
        const id = await resources.insertLink(trx, {
          url: parsed.url,
          kind: parsed.kind,
          label: parsed.label,
          createdBy: authorOf(actor),
          at,
        });
        if (id === null) return fail('resources.linkListed');
        await record(trx, actor, at, 'resources.link.added', String(id), { url: parsed.url, kind: parsed.kind, label: parsed.label });
        return ok(id);
      });
    },

    /** Removes an address; a text that links to it shows those words as plain text from then on. */
    async removeLink(actor: Actor, id: number): Promise<Result<null>> {
      if (!can(actor, Permission.ResourcesEdit)) return fail('auth.forbidden');
      if (!Number.isSafeInteger(id)) return fail('request.notFound');
      const at = now();
      return db.transaction().execute(async (trx) => {
        const removed = await resources.deleteLink(trx, id);
        if (!removed) return fail('request.notFound');
        await record(trx, actor, at, 'resources.link.removed', String(id), removed);
        return ok(null);
      });
    },
  };
}

export type ResourcesService = ReturnType<typeof createResourcesService>;
