import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { createDualProtocolServer } from '../../../src/server/listener';

/** Everything the server writes on one connection for these raw request bytes, until it has said `until`. */
function exchange(port: number, bytes: string, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer: ${JSON.stringify(received)}`));
    }, 3000);
    socket.on('data', (d) => {
      received += d.toString('latin1');
      if (until.test(received)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', reject);
  });
}

describe('the listener: Expect: 100-continue', () => {
  it('never puts the interim 100 between a final answer\'s headers and its body, even queued behind the answer before', async () => {
    // the first answer is slow, so the second is ready while still queued behind it on the connection
    const { server, close } = createDualProtocolServer((req, res) => {
      setTimeout(() => {
        res.writeHead(404, { 'content-length': 2 });
        res.end(Buffer.from('no'));
      }, req.url === '/slow' ? 100 : 5);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const received = await exchange(
        port,
        'GET /slow HTTP/1.1\r\nHost: x\r\n\r\nPUT /fast HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n',
        /no[\s\S]*no$/,
      );
      // each answer is its headers followed at once by its body; a 100, if any, comes before them
      const answers = received.replace(/HTTP\/1\.1 100 Continue\r\n\r\n(?=HTTP\/1\.1 404)/g, '').split(/(?=HTTP\/1\.1 )/);
      assert.equal(answers.length, 2, JSON.stringify(received));
      for (const a of answers) assert.match(a, /^HTTP\/1\.1 404 Not Found\r\n[\s\S]*\r\n\r\nno$/, JSON.stringify(received));
    } finally {
      close();
      server.close();
    }
  });
});
