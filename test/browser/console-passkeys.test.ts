import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { runCliInProcess } from '../helpers/cli.ts';
import { PASSWORD, totpCode } from '../helpers/console.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { makeTempDir } from '../helpers/test-context.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** WebAuthn needs a domain, not an IP, so this test uses http://localhost and Chromium's virtual authenticator. */
describe('console sign-in with a TOTP code, then with a passkey, in Chromium', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser | null;
  let page: Page;
  let base: string;
  let env: Record<string, string>;
  /** What the page and the authenticator did, printed with a failure so a flake far from here can be read. */
  const trail: string[] = [];

  before(async () => {
    dir = makeTempDir();
    server = await startOnFreePort();
    browser = await launchChromium();
    if (!browser) return;
    const context = await browser.newContext({ locale: 'en-GB' });
    page = await context.newPage();
    page.on('console', (message) => trail.push(`console ${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => trail.push(`page error: ${error.message}`));
    page.on('response', (response) =>
      trail.push(`${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`),
    );
    page.on('requestfailed', (request) => trail.push(`failed ${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
    const cdp = await context.newCDPSession(page);
    for (const event of ['WebAuthn.credentialAdded', 'WebAuthn.credentialAsserted'] as const) cdp.on(event, () => trail.push(event));
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
  });
  /**
   * The public URL must name the port before the server starts (it is the passkeys' origin), so the
   * port is probed first; another test's server may take it in between, and then a new one is tried.
   */
  async function startOnFreePort(): Promise<ServerProcess> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      base = `http://localhost:${port}`;
      env = { TUIDANG_DATA_DIR: dir, PORT: String(port), TUIDANG_PUBLIC_URL: base };
      try {
        return await startServerProcess(env);
      } catch (error) {
        if (attempt === 5 || !String(error).includes('EADDRINUSE')) throw error;
      }
    }
  }

  after(async () => {
    await browser?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('enrol, TOTP, add a passkey, sign in again with it', async (t) => {
    if (!browser) return t.skip('Chromium is not installed');
    try {
      await enrolAndSignInWithAPasskey();
    } catch (error) {
      // What the page and the server said, so a failure far from here can be read from the log alone.
      const text = await page
        .locator('main')
        .innerText({ timeout: 1000 })
        .catch(() => '(no main)');
      throw new Error(
        `${String(error)}\nat ${page.url()}:\n${text}\ntrail:\n${trail.slice(-200).join('\n')}\nserver:\n${server.output().slice(-4000)}`,
      );
    }
  });

  async function enrolAndSignInWithAPasskey() {
    const added = await runCliInProcess(['staff', 'add', '--email', 'editor@example.org', '--name', 'Editor', '--role', 'admin'], env);
    const link = /(http:\/\/localhost:\d+\/console\/enrol\/\S+)/.exec(added.stdout)![1]!;

    await page.goto(`${link}?lang=en`);
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByLabel('Repeat it').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByLabel('E-mail').fill('editor@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const secret = await page.locator('#totp-secret').innerText();
    assert.ok(await page.locator('.qr img').isVisible(), 'the QR code is shown');
    await page.getByLabel('Code').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Hello, Editor' }).waitFor();

    await page.getByRole('link', { name: 'Manage passkeys' }).click();
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByRole('cell', { name: 'Passkey' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('E-mail').fill('editor@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByRole('heading', { name: 'Hello, Editor' }).waitFor();

    const audit = await runCliInProcess(['audit', 'verify'], env);
    assert.equal(audit.code, 0, audit.stderr);
  }
});
