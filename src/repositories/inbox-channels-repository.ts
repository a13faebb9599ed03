import type { Selectable } from 'kysely';
import type { ChannelsTables } from '../db/schema-channels.ts';
import { lockForChainAppend } from '../db/engine.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { Executor } from './executor.ts';

/** The IMAP mailbox a center keeps, its password still sealed. */
export interface StoredMailbox {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  passwordSealed: string;
  folder: string;
}

/** One center's inbox settings as stored (migration 0018). */
export interface InboxSettingsRecord {
  centerId: number;
  addressLocal: string;
  webhookSecretSealed: string | null;
  webhookSecretSetAt: Date | null;
  imap: StoredMailbox | null;
  updatedAt: Date;
}

function toRecord(row: Selectable<ChannelsTables['center_inbox_settings']>): InboxSettingsRecord {
  const imap =
    row.imap_host !== null && row.imap_port !== null && row.imap_user !== null && row.imap_password_sealed !== null
      ? {
          host: row.imap_host,
          port: row.imap_port,
          tls: row.imap_tls === 1,
          user: row.imap_user,
          passwordSealed: row.imap_password_sealed,
          folder: row.imap_folder ?? 'INBOX',
        }
      : null;
  return {
    centerId: row.center_id,
    addressLocal: row.address_local,
    webhookSecretSealed: row.webhook_secret_sealed,
    webhookSecretSetAt: row.webhook_secret_set_at === null ? null : fromDbTime(row.webhook_secret_set_at),
    imap,
    updatedAt: fromDbTime(row.updated_at),
  };
}

function mailboxColumns(imap: StoredMailbox | null) {
  return {
    imap_host: imap?.host ?? null,
    imap_port: imap?.port ?? null,
    imap_tls: imap ? (imap.tls ? (1 as const) : (0 as const)) : null,
    imap_user: imap?.user ?? null,
    imap_password_sealed: imap?.passwordSealed ?? null,
    imap_folder: imap?.folder ?? null,
  };
}

/** Serialises choices of an address, so two centers cannot both find one free and take it (PostgreSQL; SQLite's writes are serial). */
const ADDRESS_LOCK = 7_461_018;

/** How each center's inbox is reached: its address, the webhook's secret, its IMAP mailbox. */
export const inboxChannelsRepository = {
  /** Taken for the rest of the transaction, before checking that an address is free. */
  async lockAddresses(trx: Executor): Promise<void> {
    await lockForChainAppend(trx, ADDRESS_LOCK);
  },

  async find(db: Executor, centerId: number): Promise<InboxSettingsRecord | null> {
    const row = await db.selectFrom('center_inbox_settings').selectAll().where('center_id', '=', centerId).executeTakeFirst();
    return row ? toRecord(row) : null;
  },

  async findAll(db: Executor): Promise<InboxSettingsRecord[]> {
    return (await db.selectFrom('center_inbox_settings').selectAll().orderBy('center_id').execute()).map(toRecord);
  },

  /** The center that chose this local part, if any. */
  async centerWithLocal(db: Executor, local: string): Promise<number | null> {
    const row = await db.selectFrom('center_inbox_settings').select('center_id').where('address_local', '=', local).executeTakeFirst();
    return row?.center_id ?? null;
  },

  /** Every center that keeps an IMAP mailbox, for the poller. */
  async withMailbox(db: Executor): Promise<InboxSettingsRecord[]> {
    const rows = await db.selectFrom('center_inbox_settings').selectAll().where('imap_host', 'is not', null).orderBy('center_id').execute();
    return rows.map(toRecord);
  },

  /** Writes the address and the mailbox, creating the row if the center had none; the webhook secret is left alone. */
  async saveAddressAndMailbox(db: Executor, centerId: number, addressLocal: string, imap: StoredMailbox | null, at: Date): Promise<void> {
    const values = { address_local: addressLocal, ...mailboxColumns(imap), updated_at: toDbTime(at) };
    await db
      .insertInto('center_inbox_settings')
      .values({ center_id: centerId, webhook_secret_sealed: null, webhook_secret_set_at: null, ...values })
      .onConflict((oc) => oc.column('center_id').doUpdateSet(values))
      .execute();
  },

  /** Replaces the webhook secret, creating the row with `defaultLocal` if the center had none. */
  async saveWebhookSecret(db: Executor, centerId: number, defaultLocal: string, sealed: string, at: Date): Promise<void> {
    const values = { webhook_secret_sealed: sealed, webhook_secret_set_at: toDbTime(at), updated_at: toDbTime(at) };
    await db
      .insertInto('center_inbox_settings')
      .values({ center_id: centerId, address_local: defaultLocal, ...mailboxColumns(null), ...values })
      .onConflict((oc) => oc.column('center_id').doUpdateSet(values))
      .execute();
  },
};

export type InboxChannelsRepository = typeof inboxChannelsRepository;
