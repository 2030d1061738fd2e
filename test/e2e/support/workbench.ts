// Drives the code-server workbench that scripts/test-e2e.mjs started (through `npm start`'s script) with
// Playwright in headless Debian chromium. Selectors are VS Code 1.139's DOM; keep them here, not in suites.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the e2e suites through scripts/test-e2e.mjs`);
  return v;
}

export class Workbench {
  /** The broker port the profile's eventyard.port setting names (a free port, not 4566). */
  readonly brokerPort = Number(env('EVENTYARD_E2E_BROKER_PORT'));
  readonly workspace = env('EVENTYARD_E2E_WORKSPACE');
  private readonly url = env('EVENTYARD_E2E_URL');
  private context?: BrowserContext;
  private profile?: string;
  private current?: Page;

  get page(): Page {
    if (!this.current) throw new Error('the workbench is not open');
    return this.current;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.brokerPort}`;
  }

  async open(consoleLog: fs.WriteStream): Promise<void> {
    // Playwright refuses --user-data-dir in args; a persistent context takes the fresh profile folder instead
    this.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'eventyard-e2e-chromium-'));
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 900 }, args: CHROMIUM_ARGS,
    });
    // commands such as "Copy Environment" write the clipboard, as a user's browser lets them
    await this.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(this.url).origin });
    this.current = this.context.pages()[0] ?? (await this.context.newPage());
    this.current.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    this.current.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
    await this.current.goto(this.url);
    await this.current.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  }

  /** Resolves once the extension's AWS endpoint answers: the extension has activated and its broker serves. */
  async waitForEndpoint(timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await fetch(this.endpoint, { method: 'POST' });
        return;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`the extension's endpoint ${this.endpoint} never answered: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    if (this.profile) fs.rmSync(this.profile, { recursive: true, force: true });
  }

  /** The activity-bar entry of a view container, by its title. */
  activityBarEntry(title: string): Locator {
    return this.page.locator(`.activitybar a.action-label[aria-label="${title}"]`).first();
  }

  /** Opens a view container from the activity bar (a no-op when it is already showing). */
  async showContainer(title: string): Promise<void> {
    const entry = this.activityBarEntry(title);
    await entry.waitFor({ timeout: 60000 });
    // clicking the entry of the container already showing would close the side bar
    const sidebarTitle = this.page.locator('.part.sidebar .composite.title', { hasText: title });
    if (await sidebarTitle.isVisible()) return;
    await entry.click();
    await sidebarTitle.waitFor({ timeout: 15000 });
  }

  /** A view's pane (header + body) in the side bar, by the view's name. */
  view(name: string): Locator {
    return this.page.locator('.part.sidebar .pane', { has: this.page.locator('.pane-header', { hasText: name }) });
  }

  treeItem(viewName: string, label: string | RegExp): Locator {
    return this.view(viewName).getByRole('treeitem', { name: label });
  }

  /**
   * Chooses a context-menu entry of a tree row and waits for `done`; opens the menu again if a tree refresh
   * closed it first. The entry is chosen as a keyboard user does (hover, then Enter): a mouse click on it
   * sometimes left the menu open with nothing run (cause not found), Enter ran it every time.
   */
  async contextMenu(row: Locator, entry: string, done: Locator): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.keyboard.press('Escape');
      await row.click({ button: 'right' });
      await this.page.locator('.context-view .monaco-menu').getByRole('menuitem', { name: entry, exact: true }).hover();
      await this.page.keyboard.press('Enter');
      if (await done.waitFor({ timeout: 5000 }).then(() => true, () => false)) return;
    }
    await done.waitFor({ timeout: 1 });
  }

  /**
   * Waits for a tree row, expanding rows as they appear (a refresh can add a collapsed parent at any time)
   * and scrolling through the tree: it draws only the rows near its viewport, so in a long tree (the suites
   * before have made many resources) a row below the fold is not in the page until scrolled to.
   */
  async seeTreeRow(viewName: string, row: Locator, timeoutMs = 20000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const list = this.view(viewName).locator('.monaco-list').first();
    const rows = this.view(viewName).getByRole('treeitem');
    let last = '';
    while (!(await row.first().isVisible())) {
      if (Date.now() > deadline) return row.first().waitFor({ timeout: 1 });
      await this.expandTree(viewName);
      if (await row.first().isVisible()) return;
      // a page down; when that shows the same rows the tree is at its end: back to the top
      const shown = (await rows.allInnerTexts().catch(() => [])).join('|');
      await list.hover().catch(() => undefined);
      await this.page.mouse.wheel(0, shown === last ? -100_000 : 400);
      last = shown;
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  /**
   * Collapses a view's tree, then expands only the rows on a path (`/^Streams/`, then a stream's name): the
   * tree draws only the rows near its viewport, so in a long tree a row below the fold is not in the page.
   */
  async openTreePath(viewName: string, path: RegExp[]): Promise<void> {
    // the view's title actions: in the side bar's title when the view is alone in its container
    await this.page.locator('.part.sidebar').getByRole('button', { name: /Collapse All/ }).first().click();
    for (const label of path) {
      const row = this.treeItem(viewName, label).first();
      await row.waitFor({ timeout: 15000 });
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    }
  }

  /** Expands every collapsed row of a view's tree, so nested items (a queue under "Queues") are rendered. */
  async expandTree(viewName: string): Promise<void> {
    const collapsed = this.view(viewName).locator('[role="treeitem"][aria-expanded="false"]');
    for (let i = 0; i < 50 && (await collapsed.count()) > 0; i++) {
      await collapsed.first().locator('.monaco-tl-twistie').click();
    }
  }

  /** Runs a command from the palette by its full title ("Eventyard: Create Queue"). */
  async runCommand(title: string): Promise<void> {
    const input = await this.openPalette('>' + title);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
    await input.press('Enter');
  }

  /**
   * The text box of an open quick input. A closing quick input stays in the page, `inert`, for its close
   * animation: a box inside one would take no text, so only a widget that is not closing counts.
   */
  private quickInputBox(): Locator {
    const widget = '.quick-input-widget:not([inert])';
    return this.page.locator(`${widget} input[type="text"], ${widget} input:not([type])`).first();
  }

  /** Waits for a closing quick input (its close animation) to be gone. */
  private async quickInputClosed(): Promise<void> {
    await this.page.locator('.quick-input-widget[inert]').waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  }

  /** Opens the command palette filled with `text`; returns its input box. */
  async openPalette(text: string): Promise<Locator> {
    const input = this.quickInputBox();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      // F1 pressed while the last quick input plays its close animation is lost with it
      await this.quickInputClosed();
      // a focused webview (the inspector) keeps F1 to itself: hand the focus back to the workbench first
      await this.page.evaluate('document.activeElement && document.activeElement.blur()');
      await this.page.keyboard.press('F1');
      if (!(await input.isVisible())) {
        await input.waitFor({ state: 'visible', timeout: 3000 }).catch(async () => {
          await this.page.locator('.command-center .search-label, .command-center').first().click();
        });
      }
      try {
        await input.fill(text, { timeout: attempt < 3 ? 10000 : 15000 });
        return input;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
  }

  /** Runs a palette command by its exact title (Enter alone could pick a similar, recently used one). */
  async runExactCommand(title: string): Promise<void> {
    await this.openPalette('>' + title);
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: new RegExp(`^${escaped}`) }).first().click();
  }

  /**
   * Answers the prompt whose placeholder, message or title contains `prompt`: waiting for that prompt, not
   * just for the quick-input widget, keeps an answer from landing in the previous prompt while it closes.
   */
  async answerPrompt(prompt: string, value: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget:not([inert])');
    await widget.filter({ has: this.page.locator(`input[placeholder*="${prompt}"]`) })
      .or(widget.filter({ has: this.page.locator('.quick-input-message', { hasText: prompt }) }))
      .or(widget.filter({ has: this.page.locator('.quick-input-title', { hasText: prompt }) }))
      .first().waitFor({ state: 'visible', timeout: 15000 });
    await this.answerQuickInput(value);
  }

  /** Labels of the palette rows currently listed. */
  async paletteRows(): Promise<string[]> {
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 15000 });
    return (await rows.allInnerTexts()).map((t) => t.split('\n')[0].trim());
  }

  /** Whether the palette lists a row titled exactly `title` (the list filters asynchronously: polls briefly). */
  async paletteLists(title: string, timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    do {
      const rows = await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      if (rows.some((t) => t.split('\n')[0].trim() === title)) return true;
      await this.page.waitForTimeout(100);
    } while (Date.now() < deadline);
    return false;
  }

  /** Answers an input box or quick pick shown by a command. */
  async answerQuickInput(text: string): Promise<void> {
    const input = this.quickInputBox();
    await input.waitFor({ state: 'visible', timeout: 15000 });
    await input.fill(text);
    await input.press('Enter');
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar .statusbar-item', { hasText: text }).first();
  }

  /**
   * The content of the newest webview panel: a webview is an outer iframe (VS Code's host page) around the
   * extension's document in the inner #active-frame.
   */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file });
  }
}

export const workbench = new Workbench();
