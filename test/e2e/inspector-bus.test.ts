import assert from 'node:assert/strict';
import path from 'node:path';
import { InspectorPage } from './inspector-page';
import { workbench } from './support/workbench';

const results = process.env.EVENTYARD_E2E_RESULTS;

// The broker's EventBridge wire is not there yet, so the default bus (which always exists) is driven
// through the inspector's own Put event form and pattern sandbox.
describe('inspector: event bus', () => {
  it('puts an event, logs it, and says why a pattern in the sandbox does not match it', async () => {
    const id = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const detailType = `OrderPlaced-${id}`;
    const inspector = await InspectorPage.open('default');

    await inspector.tab('Put event');
    await inspector.frame.locator('vscode-textfield[data-testid="put-source"] input').fill('e2e.shop');
    await inspector.frame.locator('vscode-textfield[data-testid="put-detail-type"] input').fill(detailType);
    await inspector.frame.locator('vscode-textarea#detail textarea').fill('{"total": 42, "note": "<b>not markup</b>"}');
    await inspector.byTestId('put-event').click();
    await inspector.byTestId('put-status').waitFor({ timeout: 15000 });

    await inspector.tab('Events');
    const event = inspector.byTestId('bus-event').filter({ hasText: detailType }).first();
    await event.waitFor({ timeout: 15000 });
    await event.filter({ hasText: 'matched no rule' }).waitFor({ timeout: 5000 });
    assert.match(await event.innerText(), /<b>not markup<\/b>/, 'the detail is shown as text');

    await inspector.tab('Pattern sandbox');
    const pattern = inspector.frame.locator('vscode-textarea#pattern textarea');
    await pattern.fill('{"source": ["e2e.shop"], "detail": {"total": [{"numeric": [">", "x"]}]}}');
    await inspector.byTestId('pattern-error').filter({ hasText: /^Event pattern is not valid\. Reason: / }).waitFor({ timeout: 15000 });

    await pattern.fill(JSON.stringify({ 'detail-type': [detailType], detail: { total: [{ numeric: ['>', 100] }] } }));
    await inspector.byTestId('pattern-error').waitFor({ state: 'detached', timeout: 15000 });
    const miss = inspector.byTestId('sandbox-result').filter({ hasText: detailType }).first();
    await miss.waitFor({ timeout: 15000 });
    const reason = miss.locator('[data-testid="miss-reason"] .reason');
    assert.equal(await reason.innerText(), 'detail.total: 42 does not match [{"numeric":[">",100]}]');
    if (results) await workbench.screenshot(path.join(results, 'inspector-bus-sandbox.png'));

    await pattern.fill(JSON.stringify({ 'detail-type': [detailType], detail: { total: [{ numeric: ['<', 100] }] } }));
    await inspector.byTestId('match-count').filter({ hasText: /Matches 1 of \d+ recent events?/i }).waitFor({ timeout: 15000 });
  });
});
