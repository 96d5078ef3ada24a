/**
 * Debian's Chromium for the docs site's browser tests, launched with the flags a closed,
 * root-run sandbox needs. Missing Chromium fails loudly: a skipped browser suite must not look
 * like a passing one.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The docs e2e tests need Debian's Chromium at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Open a docs page and wait until the app says it is ready; `errors` collects page errors. */
export async function openDocsPage(browser: Browser, url: string): Promise<{ readonly page: Page; readonly errors: readonly string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, errors };
}
