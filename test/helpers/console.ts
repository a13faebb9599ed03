import { Secret, TOTP } from 'otpauth';
import type { StaffRole } from '../../src/db/schema.ts';
import type { TestContext } from './test-context.ts';

export const PASSWORD = 'correct horse battery staple';

export interface StaffClient {
  staffId: number;
  email: string;
  cookie: string;
  csrf: string;
  totpSecret: string;
  get(path: string): Promise<Response>;
  post(
    path: string,
    fields?: Record<string, string | string[]>,
    options?: { csrf?: string | null; origin?: string; site?: string },
  ): Promise<Response>;
}

export function totpCode(secret: string, offsetSteps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });
}

function cookieFrom(response: Response): string | null {
  const header = response.headers.get('set-cookie') ?? '';
  return /tuidang_staff=([^;]*)/.exec(header)?.[1] ?? null;
}

export async function ensureCenter(ctx: TestContext): Promise<number> {
  const existing = await ctx.services.database.db.selectFrom('centers').select('id').limit(1).executeTakeFirst();
  if (existing) return existing.id;
  const at = new Date().toISOString();
  const row = await ctx.services.database.db
    .insertInto('centers')
    .values({
      name: '纽约退党服务中心',
      city: 'New York',
      country: 'US',
      hotlines: '["+1 212 000 0000"]',
      languages: '中文, English',
      is_public: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function form(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const item of typeof value === 'string' ? [value] : value) body.append(key, item);
  return body.toString();
}

/** A staff member taken through the real flow: enrolment link, password, TOTP enrolment, signed in. */
export async function signInAs(
  ctx: TestContext,
  role: StaffRole,
  options: { trusted?: boolean; email?: string; centerId?: number | null } = {},
): Promise<StaffClient> {
  const email = options.email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const centerId = role === 'admin' ? null : (options.centerId ?? (await ensureCenter(ctx)));
  const added = await ctx.services.staffAdmin.add('cli', {
    email,
    name: `Test ${role}`,
    role,
    centerId,
    trusted: options.trusted ?? false,
  });
  if (!added.ok) throw new Error(added.error);
  const request = async (path: string, init: RequestInit = {}) => ctx.app.request(path, init);
  const post = (path: string, fields: Record<string, string | string[]>, cookie?: string) =>
    request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie: `tuidang_staff=${cookie}` } : {}) },
      body: form(fields),
    });

  const enrolled = await post(`/console/enrol/${added.value.enrolToken}`, { password: PASSWORD, confirmation: PASSWORD });
  if (enrolled.status !== 303) throw new Error(`enrol: ${enrolled.status}`);
  const signedIn = await post('/console/sign-in', { email, password: PASSWORD });
  let cookie = cookieFrom(signedIn);
  if (signedIn.status !== 303 || !cookie) throw new Error(`sign-in: ${signedIn.status}`);
  const page = await (await request('/console/second-factor', { headers: { cookie: `tuidang_staff=${cookie}` } })).text();
  const totpSecret = /id="totp-secret">([A-Z2-7]+)</.exec(page)?.[1];
  const enrolment = /name="enrolment" value="([^"]+)"/.exec(page)?.[1];
  const pendingCsrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!totpSecret || !enrolment || !pendingCsrf) throw new Error('no TOTP enrolment page');
  const confirmed = await post('/console/second-factor', { _csrf: pendingCsrf, enrolment, code: totpCode(totpSecret) }, cookie);
  cookie = cookieFrom(confirmed);
  if (confirmed.status !== 303 || !cookie) throw new Error(`TOTP enrolment: ${confirmed.status} ${await confirmed.text()}`);
  const home = await (await request('/console', { headers: { cookie: `tuidang_staff=${cookie}` } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1];
  if (!csrf) throw new Error('no CSRF token on the console home');
  const finalCookie = cookie;
  return {
    staffId: added.value.staffId,
    email,
    cookie: finalCookie,
    csrf,
    totpSecret,
    get: (path) => request(path, { headers: { cookie: `tuidang_staff=${finalCookie}` } }),
    post: (path, fields = {}, postOptions = {}) =>
      request(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `tuidang_staff=${finalCookie}`,
          ...(postOptions.origin ? { origin: postOptions.origin } : {}),
          ...(postOptions.site ? { 'sec-fetch-site': postOptions.site } : {}),
        },
        body: form(postOptions.csrf === null ? fields : { _csrf: postOptions.csrf ?? csrf, ...fields }),
      }),
  };
}
