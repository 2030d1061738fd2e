// Debian's chromium driven by playwright-core (Playwright's own browser downloads are unreachable here).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless chromium with a fresh profile; close() also removes the profile. */
export async function launchChromium() {
  // Playwright refuses --user-data-dir in args; a persistent context takes the fresh profile folder instead
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 }, args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
