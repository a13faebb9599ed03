import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { StaffRole } from '../../src/db/schema.ts';
import { launchChromium } from './browser.ts';
import { ensureCenter } from './console.ts';
import { PROJECT_ROOT } from './server-process.ts';
import { createTestContext, type TestContext } from './test-context.ts';
import { enrolAndSignIn } from './browser-sign-in.ts';

export const LOCALES = ['zh-hans', 'zh-hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;
export type Size = keyof typeof SIZES;
/** Each flow runs twice: most declarants have JavaScript, many switch it off. */
export const JAVASCRIPT = [true, false] as const;

/** Where the suite leaves what a person would look at; ignored by git, kept by CI as artifacts. */
const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface OpenOptions {
  javaScript?: boolean;
  locale?: Locale;
  size?: Size;
}

/** One browser and one server for a test file, and the pages it opened. */
export interface FlowRig {
  ctx: TestContext;
  url: string;
  browser: Browser;
  open(options?: OpenOptions): Promise<Page>;
  /** A staff member enrolled and signed in through the real pages, TOTP secret included. */
  signIn(role: StaffRole, options?: OpenOptions): Promise<{ page: Page; email: string; secret: string }>;
  /** Every request any page sent that was not to the server: the suite fails on one. */
  foreignRequests: string[];
  close(): Promise<void>;
}

const ACCEPT_LANGUAGE: Record<Locale, string> = { 'zh-hans': 'zh-CN', 'zh-hant': 'zh-TW', en: 'en-US' };

/** Null only where Chromium is missing outside CI (launchChromium fails in CI). */
export async function flowRig(): Promise<FlowRig | null> {
  const launched = await launchChromium();
  if (!launched) return null;
  const browser: Browser = launched;
  const ctx = await createTestContext();
  const server = await ctx.listen();
  const contexts: BrowserContext[] = [];
  const foreignRequests: string[] = [];
  let staffCount = 0;

  async function open(options: OpenOptions = {}): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScript ?? false,
      locale: ACCEPT_LANGUAGE[options.locale ?? 'zh-hans'],
      viewport: SIZES[options.size ?? 'phone'],
    });
    // Playwright's half minute: a step waits for the server's answer, which on two cores shared with
    // the other test processes has taken over 5 s (a submit that navigates, with argon2 behind it).
    context.setDefaultTimeout(30_000);
    contexts.push(context);
    const page = await context.newPage();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.origin !== server.url) foreignRequests.push(request.url());
    });
    return page;
  }

  async function signIn(role: StaffRole, options: OpenOptions = {}) {
    const centerId = role === 'admin' || role === 'editor' ? null : await ensureCenter(ctx);
    const email = `${role}-${++staffCount}@example.org`;
    const added = await ctx.services.staffAdmin.add('cli', { email, name: `测试${staffCount}`, role, centerId, trusted: false });
    assert.ok(added.ok);
    const page = await open(options);
    const secret = await enrolAndSignIn(page, server.url, added.value.enrolToken, email);
    assert.equal(new URL(page.url()).pathname, '/console');
    return { page, email, secret };
  }

  return {
    ctx,
    url: server.url,
    browser,
    open,
    signIn,
    foreignRequests,
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await server.close();
      await ctx.close();
    },
  };
}

/** Run after each test: any request a page sent to another origin fails the test it was sent in. */
export function assertNoForeignRequests(rig: FlowRig | null): void {
  const sent = rig?.foreignRequests.splice(0) ?? [];
  assert.deepEqual(sent, [], 'no request may leave the site');
}

/** Saves what the page looks like now, as test-artifacts/screenshots/<flow>/<page>.<locale>.<size>.png. */
export async function screenshot(page: Page, flow: string, name: string, locale: Locale, size: Size): Promise<void> {
  const dir = join(ARTIFACTS, 'screenshots', flow);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.${locale}.${size}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Rules that say a form control has no name a screen reader could read: failed at any impact. */
const UNLABELLED = new Set(['label', 'select-name', 'aria-input-field-name', 'button-name', 'input-button-name']);

/**
 * axe-core's serious and critical violations on the page as it is, and any unlabelled control,
 * each as "rule: help (targets)". The page must have JavaScript on: axe-core runs in it, evaluated
 * through the DevTools protocol, which the pages' script-src policy does not govern.
 */
async function accessibilityProblems(page: Page): Promise<string[]> {
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    "window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)",
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || UNLABELLED.has(v.id))
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Asserts that axe-core finds nothing serious on the page; the message names the page. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  assert.deepEqual(await accessibilityProblems(page), [], `${label} (${new URL(page.url()).pathname})`);
}

/** Bytes the browser received for the page's HTML, CSS and JS, headers included, from its own count. */
export async function transferredBytes(page: Page, url: string): Promise<{ bytes: number; requests: string[] }> {
  const requests: { url: string; type: string; size: Promise<number> }[] = [];
  const listener = (request: import('playwright-core').Request) =>
    requests.push({
      url: request.url(),
      type: request.resourceType(),
      size: request
        .response()
        .then(() => request.sizes())
        .then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize),
    });
  page.on('requestfinished', listener);
  await page.goto(url, { waitUntil: 'load' });
  page.off('requestfinished', listener);
  const counted = requests.filter((request) => ['document', 'stylesheet', 'script'].includes(request.type));
  const sizes = await Promise.all(counted.map((request) => request.size));
  return { bytes: sizes.reduce((sum, size) => sum + size, 0), requests: counted.map((request) => request.url) };
}
/**
 * Presses Tab (at most `limit` times) until the focused element matches `selector`: what a person
 * without a mouse does to reach a control. Fails when the control cannot be reached.
 */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const reached = await page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`);
    if (reached) return;
  }
  assert.fail(`${selector} cannot be reached with Tab on ${new URL(page.url()).pathname}`);
}
