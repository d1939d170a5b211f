import { mkdirSync, rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { freshDataDir, startWebHostProcess, type RunningWebHost } from './web_host_process';

/** Where every e2e file saves its screenshots. */
const screenshotDir = 'test-results';

export interface AppSessionOptions {
  /** Fills the fresh data folder before the web host opens it (e.g. seeded records). */
  prepareDataDir?(dataDir: string): Promise<void>;
}

/** What a test file drives: the web host process and a Chromium context; valid from beforeAll on. */
export interface AppSession {
  readonly host: RunningWebHost;
  readonly context: BrowserContext;
  /** A new page at the app's URL; an uncaught error in the page fails the test. */
  openApp(): Promise<Page>;
}

/**
 * The one fixture of the e2e files: registers a beforeAll that starts `node dist/web.mjs` (built
 * for this run by global_setup.ts) on a fresh (optionally prepared) data folder and launches
 * Debian's Chromium, and an afterAll that stops both and removes their folders.
 */
export function useAppSession(options: AppSessionOptions = {}): AppSession {
  let host: RunningWebHost | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;

  beforeAll(async () => {
    const dataDir = freshDataDir();
    try {
      await options.prepareDataDir?.(dataDir);
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
    host = await startWebHostProcess(dataDir);
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the e2e session has no ${what}: its beforeAll did not run or failed`);
    return value;
  };
  return {
    get host() {
      return started(host, 'web host');
    },
    get context() {
      return started(browser, 'browser').context;
    },
    async openApp() {
      const page = await started(browser, 'browser').context.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      await page.goto(started(host, 'web host').url);
      return page;
    },
  };
}
