/**
 * Shared set-up of the browser tests: one demo (server + sandbox on their own ports and a fresh data
 * directory) and one Chromium for a whole test file.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startDemo, type RunningDemo } from '../scripts/demo-lib';

export const artifactsDir = new URL('./artifacts/', import.meta.url).pathname;

export interface Harness {
  demo: RunningDemo;
  browser: Browser;
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
    close: async () => {
      await browser.close();
      await demo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
