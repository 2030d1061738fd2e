import assert from 'node:assert/strict';
import { ActivityLog } from '../../../src/extension/inspector/activity-log';
import { inspectorHtml } from '../../../src/extension/inspector/html';

describe('inspector: host pieces', () => {
  it('serves the page under a strict CSP: nothing by default, one nonced script, no inline styles', () => {
    const html = inspectorHtml({ kind: 'queue', name: 'q"><script>alert(1)</script>' }, {
      cspSource: 'https://webview.test',
      scriptUri: 'https://webview.test/dist/webview.js',
      codiconCssUri: 'https://webview.test/dist/codicons/codicon.css',
      nonce: 'abc123',
    });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.match(csp, /style-src https:\/\/webview\.test(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(html.match(/<script/g)!.length, 1, 'a resource name cannot add a script');
    assert.match(html, /<script type="module" nonce="abc123" src="https:\/\/webview\.test\/dist\/webview\.js">/);
  });

  it('keeps a bounded timeline per message, oldest first out', () => {
    const log = new ActivityLog(3);
    const ev = (messageId: string, type: 'messageSent' | 'messageReceived', at: number) =>
      log.record({ service: 'sqs', type, queueName: 'q', messageId, at, visibleAt: type === 'messageReceived' ? at + 30 : undefined });
    ev('a', 'messageSent', 1);
    ev('b', 'messageSent', 2);
    ev('a', 'messageReceived', 3);
    assert.deepEqual(log.timeline('a').map((e) => e.kind), ['sent', 'received']);
    assert.equal(log.hiddenSince('a'), 3);
    ev('c', 'messageSent', 4);
    assert.deepEqual(log.timeline('a').map((e) => e.kind), ['received'], 'the oldest entry made room');
    assert.deepEqual(log.timeline('b').map((e) => e.kind), ['sent']);
  });

  it('ignores events that are not about a message', () => {
    const log = new ActivityLog();
    log.record({ service: 'sqs', type: 'queueCreated', queueName: 'q', at: 1 });
    assert.deepEqual(log.timeline('q'), []);
  });
});
