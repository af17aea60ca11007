import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './test/server';
import { freePort } from './test/wechat';

describe('closing the server', () => {
  it('answers a request already under way, and ends its keep-alive connection', async () => {
    const server = await startTestServer();
    const port = await freePort();
    await server.app.listen({ host: '127.0.0.1', port });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));

    // The request has begun but its body is not all there when closing starts.
    const requestStarted = new Promise<void>((resolve) =>
      server.app.server.once('request', () => resolve()),
    );
    const body = JSON.stringify({ username: 'nobody', password: 'not-the-password' });
    socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n' +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
        body.slice(0, 10),
    );
    await requestStarted;
    const closed = server.close();
    // Fastify stops listening after its preClose hooks: closing is under way from then on.
    while (server.app.server.listening) await new Promise((resolve) => setTimeout(resolve, 5));
    socket.write(body.slice(10));

    // Without `connection: close` the socket would stay open until the keep-alive timeout
    // (72 s), and the close with it.
    await ended;
    await closed;
    const head = received.split('\r\n\r\n')[0]!.toLowerCase();
    expect(head).toMatch(/^http\/1\.1 401 /);
    expect(head).toContain('connection: close');
    socket.destroy();
  });
});
