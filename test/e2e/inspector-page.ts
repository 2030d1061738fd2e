// The inspector webview as the e2e suites drive it: opening a resource's inspector from the palette, and the
// inspector's own controls. Playwright's CSS and role locators pierce the webview's open shadow roots.
import type { FrameLocator, Locator } from 'playwright-core';
import { workbench } from './support/workbench';

export class InspectorPage {
  constructor(readonly frame: FrameLocator) {}

  /** Closes other editors so the newest webview is this inspector, then opens it from the palette. */
  static async open(name: string): Promise<InspectorPage> {
    await workbench.runCommand('View: Close All Editors');
    await workbench.runCommand('Eventyard: Open Inspector');
    await workbench.answerQuickInput(name);
    const page = new InspectorPage(workbench.webview());
    await page.frame.locator('h1', { hasText: name }).or(page.frame.getByRole('heading', { name })).first().waitFor({ timeout: 30000 });
    return page;
  }

  async tab(label: string | RegExp): Promise<void> {
    await this.frame.getByRole('tab', { name: label }).click();
  }

  byTestId(id: string): Locator {
    return this.frame.locator(`[data-testid="${id}"]`);
  }

  /** A row of a virtual list whose accessible label mentions `text`. */
  row(text: string): Locator {
    return this.frame.locator('[role="option"]', { hasText: text }).first();
  }
}
