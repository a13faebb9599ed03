import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { TestContext } from './test-context.ts';

/** Every mail the app wrote to <data>/mail, in the order sent. */
export async function sentMail(ctx: TestContext): Promise<ParsedMail[]> {
  const outbox = join(ctx.dir, 'mail');
  if (!existsSync(outbox)) return [];
  const files = readdirSync(outbox).sort();
  return Promise.all(files.map((file) => simpleParser(readFileSync(join(outbox, file)))));
}

/** The path (after the origin) of the first link of a kind in a mail's text. */
export function linkIn(mail: ParsedMail, kind: 'confirm' | 'unsubscribe'): string {
  const match = new RegExp(`https?://[^/\\s]+(/[a-z-]+/newsletter/${kind}/[A-Za-z0-9_-]+)`).exec(mail.text ?? '');
  if (!match) throw new Error(`no ${kind} link in: ${mail.text}`);
  return match[1]!;
}

export function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

export async function subscriberStatuses(ctx: TestContext): Promise<string[]> {
  const rows = await ctx.services.database.db.selectFrom('newsletter_subscribers').select('status').orderBy('id').execute();
  return rows.map((row) => row.status);
}
