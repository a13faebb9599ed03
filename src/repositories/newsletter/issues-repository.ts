import type { Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { fromDbTime, toDbTime } from '../../db/time.ts';
import { issueStatusesBefore, type IssueStatus } from '../../domain/newsletter/statuses.ts';
import type { IssueTexts } from '../../domain/newsletter/issue-input.ts';
import type { Executor } from '../executor.ts';

export interface IssueRecord {
  id: number;
  status: IssueStatus;
  texts: IssueTexts;
  createdBy: number | null;
  recipients: number;
  createdAt: Date;
  updatedAt: Date;
  sendingAt: Date | null;
  sentAt: Date | null;
}

type IssueRow = Selectable<Database['newsletter_issues']>;

function toRecord(row: IssueRow): IssueRecord {
  return {
    id: row.id,
    status: row.status,
    texts: {
      'zh-hans': { subject: row.subject_zh_hans, body: row.body_zh_hans },
      'zh-hant': { subject: row.subject_zh_hant, body: row.body_zh_hant },
      en: { subject: row.subject_en, body: row.body_en },
    },
    createdBy: row.created_by,
    recipients: row.recipients,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
    sendingAt: row.sending_at === null ? null : fromDbTime(row.sending_at),
    sentAt: row.sent_at === null ? null : fromDbTime(row.sent_at),
  };
}

const columnsOf = (texts: IssueTexts) => ({
  subject_zh_hans: texts['zh-hans'].subject,
  body_zh_hans: texts['zh-hans'].body,
  subject_zh_hant: texts['zh-hant'].subject,
  body_zh_hant: texts['zh-hant'].body,
  subject_en: texts.en.subject,
  body_en: texts.en.body,
});

/** How many issues the list shows, newest first. */
const LIST_LIMIT = 200;

export const issuesRepository = {
  async list(db: Executor): Promise<IssueRecord[]> {
    const rows = await db.selectFrom('newsletter_issues').selectAll().orderBy('id', 'desc').limit(LIST_LIMIT).execute();
    return rows.map(toRecord);
  },

  async findById(db: Executor, id: number): Promise<IssueRecord | undefined> {
    const row = await db.selectFrom('newsletter_issues').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  },

  async insert(db: Executor, texts: IssueTexts, createdBy: number | null, at: Date): Promise<number> {
    const row = await db
      .insertInto('newsletter_issues')
      .values({ status: 'draft', ...columnsOf(texts), created_by: createdBy, created_at: toDbTime(at), updated_at: toDbTime(at) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  /** Saves a draft's words; false when it is no longer a draft. */
  async updateDraft(db: Executor, id: number, texts: IssueTexts, at: Date): Promise<boolean> {
    const result = await db
      .updateTable('newsletter_issues')
      .set({ ...columnsOf(texts), updated_at: toDbTime(at) })
      .where('id', '=', id)
      .where('status', 'in', issueStatusesBefore('draft'))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  /** draft → sending; false when someone sent it first. */
  async startSending(db: Executor, id: number, sentBy: number | null, at: Date): Promise<boolean> {
    const result = await db
      .updateTable('newsletter_issues')
      .set({ status: 'sending', sent_by: sentBy, sending_at: toDbTime(at), updated_at: toDbTime(at) })
      .where('id', '=', id)
      .where('status', 'in', issueStatusesBefore('sending'))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async setRecipients(db: Executor, id: number, recipients: number): Promise<void> {
    await db.updateTable('newsletter_issues').set({ recipients }).where('id', '=', id).execute();
  },

  /** sending → sent for every issue none of whose deliveries is still queued; the ids moved. */
  async finishSent(db: Executor, at: Date): Promise<number[]> {
    const rows = await db
      .updateTable('newsletter_issues')
      .set({ status: 'sent', sent_at: toDbTime(at), updated_at: toDbTime(at) })
      .where('status', 'in', issueStatusesBefore('sent'))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('newsletter_deliveries')
              .select('newsletter_deliveries.id')
              .whereRef('newsletter_deliveries.issue_id', '=', 'newsletter_issues.id')
              .where('newsletter_deliveries.status', '=', 'queued'),
          ),
        ),
      )
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  },
};

export type IssuesRepository = typeof issuesRepository;
