import type { Page } from 'playwright-core';
import { PASSWORD, totpCode } from './console.ts';

/**
 * Signs a new staff member in through the real pages, as a person would: the enrolment link, a
 * password, the password again at sign-in, then a code from the authenticator key the page shows.
 * Returns that key, for tests that sign in again.
 */
export async function enrolAndSignIn(page: Page, baseUrl: string, enrolToken: string, email: string): Promise<string> {
  await page.goto(`${baseUrl}/console/enrol/${enrolToken}`);
  await page.locator('[name=password]').fill(PASSWORD);
  await page.locator('[name=confirmation]').fill(PASSWORD);
  await page.locator('button[type=submit]').first().click();
  await page.goto(`${baseUrl}/console/sign-in`);
  await page.locator('[name=email]').fill(email);
  await page.locator('[name=password]').fill(PASSWORD);
  await page.locator('form button[type=submit]').last().click();
  const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
  await page.locator('#code').fill(totpCode(secret));
  await page.locator('#code').press('Enter');
  return secret;
}
