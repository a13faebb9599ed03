import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { open, seal } from '../../crypto/seal.ts';
import type { Database } from '../../db/schema.ts';
import { centerOfDefault, defaultLocalPart } from '../../domain/channels/inbox-address.ts';
import { parseInboxSettings, type InboxSettingsErrors, type InboxSettingsForm } from '../../domain/channels/inbox-settings-input.ts';
import { verifyWebhookSignature, type SignatureCheck } from '../../domain/channels/webhook-signature.ts';
import { can, Permission, type Actor } from '../../domain/staff/permissions.ts';
import type { ErrorCode } from '../../i18n/index.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { CentersRepository } from '../../repositories/centers-repository.ts';
import type { InboxChannelsRepository, InboxSettingsRecord, StoredMailbox } from '../../repositories/inbox-channels-repository.ts';
import { fail, ok, type Result } from '../result.ts';
import { staffLabel } from '../staff-auth-service.ts';

/** A center's inbox settings as the console shows them: never a secret, only whether one is set. */
export interface InboxSettingsView {
  centerId: number;
  centerName: string;
  addressLocal: string;
  address: string;
  webhookPath: string;
  webhookSecretSetAt: Date | null;
  imap: { host: string; port: number; tls: boolean; user: string; folder: string } | null;
}

/** A mailbox the poller reads, its password opened. */
export interface ImapMailbox {
  centerId: number;
  host: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
}

export type SettingsUpdate = { ok: true } | { ok: false; error: ErrorCode; fields?: InboxSettingsErrors };

export interface ChannelSettingsDeps {
  db: Kysely<Database>;
  settings: InboxChannelsRepository;
  centers: CentersRepository;
  audit: AuditRepository;
  /** channelSecretsKey(keys.staff): seals the webhook secrets and IMAP passwords. */
  secretsKey: Buffer;
  /** The inbox domain: addresses are `<local>@<domain>`. */
  domain: string;
  now?: () => Date;
}

const context = (centerId: number, field: 'webhook-secret' | 'imap-password') => `channels:${centerId}:${field}`;

/**
 * Per-center inbox settings (docs/inbox.md, "How items arrive"): the address the SMTP receiver
 * answers to, the voicemail webhook's secret, the IMAP mailbox the poller reads. Center admins
 * manage their own center's, admins every center's; each change is audited, never with a secret.
 */
export function createChannelSettings({ db, settings, centers, audit, secretsKey, domain, now = () => new Date() }: ChannelSettingsDeps) {
  function mayManage(actor: Actor, centerId: number): boolean {
    if (can(actor, Permission.ChannelsManageAll)) return true;
    return can(actor, Permission.ChannelsManageCenter) && actor.centerId === centerId;
  }

  function view(centerId: number, centerName: string, record: InboxSettingsRecord | null): InboxSettingsView {
    const addressLocal = record?.addressLocal ?? defaultLocalPart(centerId);
    const imap = record?.imap ?? null;
    return {
      centerId,
      centerName,
      addressLocal,
      address: `${addressLocal}@${domain}`,
      webhookPath: `/hooks/voicemail/${centerId}`,
      webhookSecretSetAt: record?.webhookSecretSetAt ?? null,
      imap: imap && { host: imap.host, port: imap.port, tls: imap.tls, user: imap.user, folder: imap.folder },
    };
  }

  return {
    domain,

    /** The centers the actor manages the settings of, with their addresses. */
    async list(actor: Actor): Promise<Result<InboxSettingsView[]>> {
      if (!can(actor, Permission.ChannelsManageCenter) && !can(actor, Permission.ChannelsManageAll)) return fail('auth.forbidden');
      const all = can(actor, Permission.ChannelsManageAll);
      if (!all && actor.centerId === null) return ok([]);
      const list = await centers.list(db, all ? {} : { id: actor.centerId! });
      const records = new Map((await settings.findAll(db)).map((record) => [record.centerId, record]));
      return ok(list.map((center) => view(center.id, center.name, records.get(center.id) ?? null)));
    },

    async get(actor: Actor, centerId: number): Promise<Result<InboxSettingsView>> {
      if (!mayManage(actor, centerId)) return fail(can(actor, Permission.ChannelsManageCenter) ? 'request.notFound' : 'auth.forbidden');
      const center = Number.isSafeInteger(centerId) ? await centers.findById(db, centerId) : null;
      if (!center) return fail('request.notFound');
      return ok(view(center.id, center.name, await settings.find(db, center.id)));
    },

    /** Saves the address and the mailbox; a blank password keeps the stored one. */
    async update(actor: Actor, centerId: number, form: InboxSettingsForm): Promise<SettingsUpdate> {
      if (!mayManage(actor, centerId)) return { ok: false, error: 'request.notFound' };
      const at = now();
      return db.transaction().execute(async (trx): Promise<SettingsUpdate> => {
        const center = await centers.findById(trx, centerId);
        if (!center) return { ok: false, error: 'request.notFound' };
        const current = await settings.find(trx, centerId);
        const parsed = parseInboxSettings(form, centerId, current?.imap != null);
        if (!parsed.ok) return { ok: false, error: 'request.invalid', fields: parsed.errors };
        const { addressLocal, imap } = parsed.input;
        await settings.lockAddresses(trx);
        const holder = await settings.centerWithLocal(trx, addressLocal);
        if (holder !== null && holder !== centerId) {
          return { ok: false, error: 'request.invalid', fields: { address: 'channels.addressTaken' } };
        }
        let mailbox: StoredMailbox | null = null;
        if (imap) {
          const passwordSealed =
            imap.password === null ? current!.imap!.passwordSealed : seal(secretsKey, imap.password, context(centerId, 'imap-password'));
          mailbox = { host: imap.host, port: imap.port, tls: imap.tls, user: imap.user, passwordSealed, folder: imap.folder };
        }
        await settings.saveAddressAndMailbox(trx, centerId, addressLocal, mailbox, at);
        const before = view(centerId, center.name, current);
        await audit.append(trx, {
          at,
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'inbox.channels.updated',
          targetType: 'center',
          targetId: String(centerId),
          details: {
            address: { from: before.addressLocal, to: addressLocal },
            imap: {
              from: before.imap,
              to: imap && { host: imap.host, port: imap.port, tls: imap.tls, user: imap.user, folder: imap.folder },
              passwordChanged: imap?.password != null,
            },
          },
        });
        return { ok: true };
      });
    },

    /** A new webhook secret: returned once, to be shown once; only the fact is audited. */
    async rotateWebhookSecret(actor: Actor, centerId: number): Promise<Result<string>> {
      if (!mayManage(actor, centerId)) return fail('request.notFound');
      const secret = randomBytes(32).toString('base64url');
      const at = now();
      return db.transaction().execute(async (trx) => {
        if (!(await centers.findById(trx, centerId))) return fail('request.notFound');
        const sealed = seal(secretsKey, secret, context(centerId, 'webhook-secret'));
        await settings.saveWebhookSecret(trx, centerId, defaultLocalPart(centerId), sealed, at);
        await audit.append(trx, {
          at,
          actorId: actor.id,
          actor: staffLabel(actor),
          action: 'inbox.channels.webhookSecretRotated',
          targetType: 'center',
          targetId: String(centerId),
          details: {},
        });
        return ok(secret);
      });
    },

    /**
     * The center an address's local part (lower case) belongs to: the one that chose it, or the one
     * whose default it is while that center has not chosen another.
     */
    async centerForAddress(local: string): Promise<number | null> {
      const chosen = await settings.centerWithLocal(db, local);
      if (chosen !== null) return chosen;
      const centerId = centerOfDefault(local);
      if (centerId === null || !(await centers.findById(db, centerId))) return null;
      return (await settings.find(db, centerId)) === null ? centerId : null;
    },

    /** Checks a voicemail webhook's signature with the center's secret; a center without one fails as a mismatch. */
    async verifyWebhook(centerId: number, header: string | undefined, body: Uint8Array, nowMs: number): Promise<SignatureCheck> {
      const record = Number.isSafeInteger(centerId) ? await settings.find(db, centerId) : null;
      if (!record?.webhookSecretSealed) return { ok: false, reason: header ? 'mismatch' : 'missing' };
      const secret = open(secretsKey, record.webhookSecretSealed, context(centerId, 'webhook-secret'));
      return verifyWebhookSignature(header, secret, body, nowMs);
    },

    /** Every mailbox to poll, its password opened: for the IMAP poller only. */
    async mailboxes(): Promise<ImapMailbox[]> {
      return (await settings.withMailbox(db)).flatMap((record) =>
        record.imap
          ? [
              {
                centerId: record.centerId,
                host: record.imap.host,
                port: record.imap.port,
                tls: record.imap.tls,
                user: record.imap.user,
                password: open(secretsKey, record.imap.passwordSealed, context(record.centerId, 'imap-password')),
                folder: record.imap.folder,
              },
            ]
          : [],
      );
    },
  };
}

export type ChannelSettings = ReturnType<typeof createChannelSettings>;
