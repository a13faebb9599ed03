import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { open, seal } from '../../crypto/seal.ts';
import type { Database } from '../../db/schema.ts';
import type { NewsletterLanguage } from '../../domain/newsletter/subscription-input.ts';
import { isSystemActor, type Actor } from '../../domain/staff/permissions.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { AuditRepository } from '../../repositories/audit-repository.ts';
import type { DeliveriesRepository } from '../../repositories/newsletter/deliveries-repository.ts';
import type { IssuesRepository } from '../../repositories/newsletter/issues-repository.ts';
import type { SubscribersRepository } from '../../repositories/newsletter/subscribers-repository.ts';
import { staffLabel } from '../staff-auth-service.ts';

/** What the newsletter services use, handed over by the composition root. */
export interface NewsletterDeps {
  db: Kysely<Database>;
  subscribers: SubscribersRepository;
  issues: IssuesRepository;
  deliveries: DeliveriesRepository;
  audit: AuditRepository;
  /** The contact key: it seals the addresses. */
  contactKey: Buffer;
  /** The HMAC key of addresses and link tokens, derived from the index root (crypto/keys.ts), not the contact key. */
  hmacKey: Buffer;
  mailer: Mailer;
  /** Where the links in the mail lead (TUIDANG_PUBLIC_URL). */
  publicUrl: string;
  /** The domain of the return path `bounces+<token>@…`: the inbox domain, else the From address's. */
  bounceDomain: string;
}

export function emailHmac(key: Buffer, normalizedEmail: string): string {
  return createHmac('sha256', key).update(`newsletter email ${normalizedEmail}`).digest('base64url');
}

/** A link's secret: 256 random bits, only its HMAC is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The HMAC a token is stored as; null for anything that cannot be a token, which then matches no row. */
export function tokenHmac(key: Buffer, token: string): string | null {
  return TOKEN.test(token) ? createHmac('sha256', key).update(`newsletter token ${token}`).digest('base64url') : null;
}

/** Bound to the address's HMAC: a sealed address moved to another row does not open. */
export const sealEmail = (contactKey: Buffer, hmac: string, email: string) => seal(contactKey, email, `newsletter:${hmac}:email`);
export const openEmail = (contactKey: Buffer, hmac: string, sealed: string) => open(contactKey, sealed, `newsletter:${hmac}:email`);

export function links(publicUrl: string, language: NewsletterLanguage, token: string) {
  return {
    confirm: `${publicUrl}/${language}/newsletter/confirm/${token}`,
    unsubscribe: `${publicUrl}/${language}/newsletter/unsubscribe/${token}`,
  };
}

/** RFC 2369 and RFC 8058: mail programs offer an unsubscribe button that posts to the link. */
export function unsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** One audit entry shape for the newsletter: ids and counts, never an address. */
export function auditEntry(
  actor: Actor | 'system',
  at: Date,
  action: string,
  targetType: string,
  targetId: number,
  details: Record<string, unknown>,
) {
  return {
    at,
    actorId: actor === 'system' || isSystemActor(actor) ? null : actor.id,
    actor: actor === 'system' ? 'system' : staffLabel(actor),
    action,
    targetType,
    targetId: String(targetId),
    details,
  };
}
