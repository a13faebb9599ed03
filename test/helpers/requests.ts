import type { TestContext } from './test-context.ts';

export type FormValue = string | readonly string[];

export function formBody(fields: Record<string, FormValue>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of typeof value === 'string' ? [value] : value) body.append(name, item);
  }
  return body;
}

export function postForm(ctx: TestContext, path: string, fields: Record<string, FormValue>, headers: Record<string, string> = {}) {
  return ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: formBody(fields).toString(),
  });
}

export function postJson(ctx: TestContext, path: string, body: unknown, headers: Record<string, string> = {}) {
  return ctx.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export async function countRows(ctx: TestContext, table: 'declarations' | 'declaration_events'): Promise<number> {
  const row = await ctx.services.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Submits a valid declaration through the API and returns its receipt. */
export async function submitDeclaration(ctx: TestContext, overrides: Record<string, unknown> = {}) {
  const response = await postJson(ctx, '/api/v1/declarations', { names: '明德', orgs: ['party'], ...overrides });
  if (response.status !== 201) throw new Error(`submit failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { registrationNumber: string; queryPassword: string; status: string };
}

/** Pulls the receipt's two secrets out of the HTML receipt page. */
export function receiptFromHtml(html: string) {
  const number = /id="registration-number">([^<]+)</.exec(html)?.[1]?.replace(/\s/g, '');
  const password = /id="query-password">([^<]+)</.exec(html)?.[1];
  if (!number || !password) throw new Error('no receipt in page');
  return { registrationNumber: number, queryPassword: password };
}

/** A form submission's answer: a 303 to its receipt page, which is then shown (once). Returns the page. */
export async function receiptPageAfter(ctx: TestContext, response: Response): Promise<string> {
  if (response.status !== 303) throw new Error(`expected a redirect to the receipt page, got ${response.status}`);
  const page = await ctx.app.request(response.headers.get('location')!);
  if (page.status !== 200) throw new Error(`the receipt page answered ${page.status}`);
  return page.text();
}
