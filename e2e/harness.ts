/**
 * Shared set-up of the browser tests: one demo (server + sandbox on their own ports and a fresh data
 * directory) and one Chromium for a whole test file.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../scripts/demo-lib';

export const artifactsDir = new URL('./artifacts/', import.meta.url).pathname;

/** The password of every demo staff account (apps/server/src/demo/demo-accounts.json). */
export const DEMO_PASSWORD = 'Demo#Zhangyi2026';

/** Opens the console's sign-in page and submits it; the caller waits for what should follow. */
export async function submitSignIn(
  page: Page,
  serverUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${serverUrl}/admin/`);
  await page.fill(
    '[data-test="login-username"] input, input[data-test="login-username"]',
    username,
  );
  await page.fill(
    '[data-test="login-password"] input, input[data-test="login-password"]',
    password,
  );
  await page.click('[data-test="login-submit"]');
}

export interface Harness {
  demo: RunningDemo;
  browser: Browser;
  /** A new console page signed in as one of the demo's staff. */
  consoleAs(username: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts a fresh demo on ports offset from the default ones and launches Debian's Chromium. */
export async function startHarness(portOffset: number): Promise<Harness> {
  mkdirSync(artifactsDir, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'zhangyi-e2e-'));
  const demo = await startDemo({
    dataDir,
    port: 3300 + portOffset,
    sandboxPort: 3400 + portOffset,
    build: false,
    logDir: join(dataDir, 'logs'),
  });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (error) {
    // Without a browser the file fails; the demo it started must not keep the run waiting.
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    demo,
    browser,
    consoleAs: async (username, viewport = { width: 1280, height: 900 }) => {
      const page = await browser.newPage({ viewport });
      await submitSignIn(page, demo.serverUrl, username);
      await page.waitForURL(/\/admin\/(?!login)/);
      return page;
    },
    close: async () => {
      await browser.close();
      await demo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
