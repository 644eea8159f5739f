import { existsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs; CHROMIUM overrides where it lives elsewhere. */
export const chromiumPath = process.env['CHROMIUM'] ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
export function browserMissing(): string | null {
  return existsSync(chromiumPath) ? null : `no Chromium at ${chromiumPath}: apt-get install chromium (or set CHROMIUM) to run the browser tests`;
}

export interface LaunchedBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * One headless Chromium that talks to nothing but the app: no background network, no component
 * updates, no sync. Playwright gives every launch a fresh profile of its own (it refuses a
 * --user-data-dir argument), removed when the browser closes.
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 800 }, locale: 'ja-JP' });
  return {
    browser,
    context,
    close: () => browser.close(),
  };
}
