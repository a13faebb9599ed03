import { missingTexts, type IssueErrors, type IssueTexts } from '../../domain/newsletter/issue-input.ts';
import type { DeliveryStatus, SubscriberStatus } from '../../domain/newsletter/statuses.ts';
import type { NewsletterLanguage } from '../../domain/newsletter/subscription-input.ts';
import { Permission, can, type Actor } from '../../domain/staff/permissions.ts';
import type { IssueRecord } from '../../repositories/newsletter/issues-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import { mailText } from './mail-text.ts';
import { auditEntry, links, type NewsletterDeps } from './newsletter-deps.ts';

export type { IssueRecord };

/** An issue with how far its sending has come. */
export interface IssueProgress {
  issue: IssueRecord;
  counts: Record<DeliveryStatus, number>;
  /** How many would get it if it were sent now. */
  confirmed: number;
}

/** What saving or sending refused: a code, and the fields it is about (empty languages). */
export type IssueRefusal =
  | { code: 'newsletter.incomplete'; fields: IssueErrors }
  | { code: 'newsletter.notDraft' | 'request.notFound' | 'auth.forbidden' };

/** The console's side: issues written in three languages, and the start of their sending (docs/newsletter.md). */
export function createIssues(deps: NewsletterDeps) {
  const { db, issues, deliveries, subscribers, audit } = deps;
  const may = (actor: Actor) => can(actor, Permission.NewsletterSend);
  const validId = (id: number) => Number.isSafeInteger(id) && id > 0;

  return {
    async list(actor: Actor): Promise<Result<{ issues: IssueRecord[]; subscribers: Record<SubscriberStatus, number> }>> {
      if (!may(actor)) return fail('auth.forbidden');
      return ok({ issues: await issues.list(db), subscribers: await subscribers.countByStatus(db) });
    },

    async get(actor: Actor, id: number): Promise<Result<IssueProgress>> {
      if (!may(actor)) return fail('auth.forbidden');
      const issue = validId(id) ? await issues.findById(db, id) : undefined;
      if (!issue) return fail('request.notFound');
      const confirmed = (await subscribers.countByStatus(db)).confirmed;
      return ok({ issue, counts: await deliveries.countsFor(db, id), confirmed });
    },

    async create(actor: Actor, texts: IssueTexts, now: Date = new Date()): Promise<Result<number>> {
      if (!may(actor)) return fail('auth.forbidden');
      return db.transaction().execute(async (trx) => {
        const id = await issues.insert(trx, texts, actor.id > 0 ? actor.id : null, now);
        await audit.append(trx, auditEntry(actor, now, 'newsletter.issue.created', 'newsletter_issue', id, {}));
        return ok(id);
      });
    },

    async update(actor: Actor, id: number, texts: IssueTexts, now: Date = new Date()): Promise<Result<null>> {
      if (!may(actor)) return fail('auth.forbidden');
      const issue = validId(id) ? await issues.findById(db, id) : undefined;
      if (!issue) return fail('request.notFound');
      return db.transaction().execute(async (trx) => {
        if (!(await issues.updateDraft(trx, id, texts, now))) return fail('newsletter.notDraft');
        await audit.append(trx, auditEntry(actor, now, 'newsletter.issue.edited', 'newsletter_issue', id, {}));
        return ok(null);
      });
    },

    /**
     * Freezes a complete draft and queues one delivery per confirmed subscriber, in one transaction;
     * the sending job takes it from there. Sending twice queues nothing the second time.
     */
    async send(
      actor: Actor,
      id: number,
      now: Date = new Date(),
    ): Promise<{ ok: true; recipients: number } | { ok: false; refusal: IssueRefusal }> {
      if (!may(actor)) return { ok: false, refusal: { code: 'auth.forbidden' } };
      const issue = validId(id) ? await issues.findById(db, id) : undefined;
      if (!issue) return { ok: false, refusal: { code: 'request.notFound' } };
      if (issue.status !== 'draft') return { ok: false, refusal: { code: 'newsletter.notDraft' } };
      const missing = missingTexts(issue.texts);
      if (Object.keys(missing).length > 0) return { ok: false, refusal: { code: 'newsletter.incomplete', fields: missing } };
      return db.transaction().execute(async (trx) => {
        if (!(await issues.startSending(trx, id, actor.id > 0 ? actor.id : null, now))) {
          return { ok: false as const, refusal: { code: 'newsletter.notDraft' as const } };
        }
        const recipients = await deliveries.queueIssue(trx, id, now);
        await issues.setRecipients(trx, id, recipients);
        await audit.append(trx, auditEntry(actor, now, 'newsletter.issue.sent', 'newsletter_issue', id, { recipients }));
        return { ok: true as const, recipients };
      });
    },

    /** The mail as a subscriber reading `language` will get it, with a stand-in for their own unsubscribe link. */
    preview(issue: IssueRecord, language: NewsletterLanguage): { subject: string; text: string } {
      const { subject, body } = issue.texts[language];
      return { subject, text: `${body}\n\n${mailText(language).footer(links(deps.publicUrl, language, '…').unsubscribe)}` };
    },
  };
}

export type Issues = ReturnType<typeof createIssues>;
