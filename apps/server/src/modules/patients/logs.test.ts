import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/server';
import { openWechatSession } from '../wechat/sessions';
import { WECHAT_SESSION_COOKIE } from '../wechat/oauth';
import { residentIdCheckDigit } from './identity';

const ID = '44010619850505003' + residentIdCheckDigit('44010619850505003');
const PHONE = '13987654321';
const lines: string[] = [];
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ LOG_LEVEL: 'trace' }, { logLines: lines });
});
afterAll(() => server.close());

describe('logs', () => {
  it('never carry an ID or phone number, whatever happens to the request', async () => {
    const { sessionId } = await openWechatSession(server.deps, 'oLogs000000000000000000000000');
    const cookie = `${WECHAT_SESSION_COOKIE}=${server.app.signCookie(sessionId)}`;
    const me = await server.app.inject({
      method: 'GET',
      url: '/api/wechat/me',
      headers: { cookie },
    });
    const headers = { cookie, 'x-csrf-token': me.json().csrfToken };
    const body = {
      name: '陈静',
      idType: 'resident_id',
      idNumber: ID,
      phone: PHONE,
      relation: 'self',
      consent: true,
    };
    const added = await server.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers,
      payload: body,
    });
    expect(added.statusCode).toBe(200);
    await server.app.inject({ method: 'POST', url: '/api/patients', headers, payload: body }); // already bound
    await server.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers,
      payload: { ...body, idNumber: `${ID}9` },
    }); // invalid
    await server.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers,
      payload: { ...body, extra: PHONE },
    }); // schema
    await server.app.inject({
      method: 'POST',
      url: `/api/patients/${added.json().id}/reveal`,
      headers,
    });
    await server.app.inject({
      method: 'POST',
      url: `/api/patients?phone=${PHONE}`,
      headers: { cookie },
      payload: body,
    }); // no CSRF
    expect(lines.length).toBeGreaterThan(10);
    const leaked = lines.filter(
      (line) => line.includes(ID) || line.includes(PHONE) || line.includes(ID.slice(0, 14)),
    );
    expect(leaked).toEqual([]);
  });
});
