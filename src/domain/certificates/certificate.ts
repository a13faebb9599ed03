import { randomInt } from 'node:crypto';
import { luhnCheckDigit } from '../declaration/registration-number.ts';
import { ORGANIZATIONS, isOrganization, type Organization } from '../declaration/organizations.ts';
import { decodeHtmlEntities } from '../markup/html-entities.ts';

/**
 * Certificates for people who quit under their real name (docs/certificates.md). A certificate is a
 * signed note (C2SP signed-note, the transparency log's format and key): its text below, then the
 * registry's Ed25519 signature. Anyone holding the verifier key checks it offline.
 */

/** Where a request stands. A certificate is revoked when its declaration is no longer published. */
export type CertificateStatus = 'requested' | 'issued' | 'refused';

/** Which states an editor's decision may start from; anything else is refused, never forced. */
export const CERTIFICATE_TRANSITIONS = {
  issue: ['requested'],
  refuse: ['requested'],
} as const satisfies Record<string, readonly CertificateStatus[]>;

export type CertificateDecision = keyof typeof CERTIFICATE_TRANSITIONS;

export const CERTIFICATE_STATUS_AFTER: Record<CertificateDecision, CertificateStatus> = { issue: 'issued', refuse: 'refused' };

/** What the public verification page may show: the name, or only that the certificate is valid and when it was issued. */
export type CertificateDisclosure = 'name' | 'validity';

export function isDisclosure(value: string): value is CertificateDisclosure {
  return value === 'name' || value === 'validity';
}

const PREFIX = 'TD';

/**
 * A fresh number: TD, 15 random digits (the first not zero) and a Luhn check digit, so a mistyped
 * digit is caught before any lookup. Random, unlike registration numbers: certificates are few, and
 * the number must not lead to the receipt.
 */
export function newCertificateNumber(): string {
  let body = String(randomInt(1, 10));
  for (let i = 0; i < 14; i++) body += String(randomInt(0, 10));
  return `${PREFIX}${body}${luhnCheckDigit(body)}`;
}

/** Accepts what people copy: lower case, spaces, hyphens and full-width characters. Null when it cannot be one. */
export function normalizeCertificateNumber(input: string): string | null {
  const folded = input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  const match = /^TD([1-9][0-9]{15})$/.exec(folded);
  if (!match) return null;
  const digits = match[1]!;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1)) ? `${PREFIX}${digits}` : null;
}

/** TD 4821 0394 7561 0283: easier to read aloud and to copy by hand. */
export function formatCertificateNumber(number: string): string {
  return `${number.slice(0, 2)} ${number.slice(2).replace(/(\d{4})(?=\d)/g, '$1 ')}`;
}

/** What a certificate says, as signed. */
export interface CertificateFacts {
  number: string;
  name: string;
  orgs: Organization[];
  /** The day of issue in the counting time zone, YYYY-MM-DD. */
  issuedOn: string;
}

const HEADER = 'tuidang-certificate/1';

/** The signed text: one field a line, in a fixed order, ending in a newline (what signNote signs). */
export function certificateText(facts: CertificateFacts): string {
  return [HEADER, `number ${facts.number}`, `name ${facts.name}`, `orgs ${facts.orgs.join(' ')}`, `issued ${facts.issuedOn}`, ''].join(
    '\n',
  );
}

/** The facts of a signed text, or null when it is not exactly what certificateText writes. */
export function parseCertificateText(text: string): CertificateFacts | null {
  const lines = text.split('\n');
  if (lines.length !== 6 || lines[0] !== HEADER || lines[5] !== '') return null;
  const field = (line: string, key: string) => (line.startsWith(`${key} `) ? line.slice(key.length + 1) : null);
  const number = field(lines[1]!, 'number');
  const name = field(lines[2]!, 'name');
  const orgs = field(lines[3]!, 'orgs')?.split(' ');
  const issuedOn = field(lines[4]!, 'issued');
  if (!number || normalizeCertificateNumber(number) !== number || !name || !orgs || !issuedOn) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn)) return null;
  if (orgs.length === 0 || !orgs.every(isOrganization)) return null;
  const canonical = ORGANIZATIONS.filter((org) => orgs.includes(org));
  if (canonical.length !== orgs.length || canonical.some((org, i) => org !== orgs[i])) return null;
  return { number, name, orgs: canonical, issuedOn };
}

/**
 * The signed note in a file a holder kept: the note itself, or a saved certificate page, whose note is
 * the text of its `certificate-note` element. Null when there is none.
 */
export function certificateNoteIn(file: string): string | null {
  const text = file.replace(/\r\n/g, '\n');
  if (text.startsWith(`${HEADER}\n`)) return text;
  const match = /<pre[^>]*\bid="certificate-note"[^>]*>([\s\S]*?)<\/pre>/.exec(text);
  if (!match) return null;
  return decodeHtmlEntities(match[1]!);
}
