import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../test/server';
import { auditLog } from '../audit/schema';
import { hisOutpatientRecords } from '../../his/schema';
import { openWechatSession } from '../wechat/sessions';
import { WECHAT_SESSION_COOKIE } from '../wechat/oauth';
import { residentIdCheckDigit } from './identity';
import { verifyPatientQrToken } from './qrcode';

let server: TestServer;

/** A valid resident ID number from its first 17 digits. */
const residentId = (first17: string) => first17 + residentIdCheckDigit(first17);
const ADULT = residentId('11010519800312003'); // born 1980-03-12
const CHILD = residentId('44010620200101002');
const GUARDIAN = residentId('44010619850505003');

interface WechatUser {
  openid: string;
  headers: Record<string, string>;
}

async function wechatUser(openid: string): Promise<WechatUser> {
  const { sessionId } = await openWechatSession(server.deps, openid);
  const cookie = `${WECHAT_SESSION_COOKIE}=${server.app.signCookie(sessionId)}`;
  const me = await server.app.inject({ method: 'GET', url: '/api/wechat/me', headers: { cookie } });
  return { openid, headers: { cookie, 'x-csrf-token': me.json().csrfToken } };
}

const inject = (options: InjectOptions) => server.app.inject(options);

function patientBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '张三',
    idType: 'resident_id',
    idNumber: ADULT,
    phone: '13812345678',
    relation: 'self',
    consent: true,
    ...overrides,
  };
}

let alice: WechatUser;
let bob: WechatUser;

beforeAll(async () => {
  server = await startTestServer({ PATIENT_BIND_ATTEMPTS_PER_USER_PER_HOUR: '1000' });
  alice = await wechatUser('oAlice000000000000000000000');
  bob = await wechatUser('oBob00000000000000000000000');
});
afterAll(() => server.close());

describe('binding patients', () => {
  it('binds a patient, masks the numbers in the answer and encrypts them at rest', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: alice.headers,
      payload: patientBody(),
    });
    expect(response.statusCode).toBe(200);
    const patient = response.json();
    expect(patient).toMatchObject({
      name: '张三',
      birthDate: '1980-03-12',
      idNumberMasked: `110***********${ADULT.slice(-4)}`,
      phoneMasked: '138****5678',
      isDefault: true,
      recordStatus: 'pending',
    });
    expect(response.body).not.toContain(ADULT);
    expect(response.body).not.toContain('13812345678');
    const dump = JSON.stringify(await server.deps.db.execute(sql`select * from patients`));
    expect(dump).not.toContain(ADULT);
    expect(dump).not.toContain('13812345678');
    const [consent] = await server.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'patient.bind'), eq(auditLog.objectId, patient.id)));
    expect(consent!.details).toMatchObject({ consentVersion: '2026-11' });
  });

  it('refuses a wrong check digit with a field-level message, and binds nothing', async () => {
    const before = (
      await inject({ method: 'GET', url: '/api/patients', headers: bob.headers })
    ).json().items.length;
    const response = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: bob.headers,
      payload: patientBody({ idNumber: ADULT.slice(0, 17) + (ADULT[17] === '1' ? '2' : '1') }),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'PATIENT_INVALID',
      details: [
        {
          field: 'idNumber',
          reason: 'id_check_digit',
          message: '身份证号校验位不正确，请核对最后一位',
        },
      ],
    });
    expect(
      (await inject({ method: 'GET', url: '/api/patients', headers: bob.headers })).json().items
        .length,
    ).toBe(before);
  });

  it('reports every bad field at once, in English when asked', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: { ...bob.headers, 'accept-language': 'en' },
      payload: patientBody({ name: 'Robert<script>', phone: '1234' }),
    });
    const details = response.json().error.details as { field: string; message: string }[];
    expect(details.map((d) => d.field).sort()).toEqual(['name', 'phone']);
    expect(details.find((d) => d.field === 'phone')!.message).toBe(
      'Enter an 11-digit mobile number',
    );
  });

  it('requires consent', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: bob.headers,
      payload: patientBody({ consent: false }),
    });
    expect(response.statusCode).toBe(400);
  });

  it('asks documents other than the resident ID for birth date and sex', async () => {
    const missing = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: bob.headers,
      payload: patientBody({ idType: 'hk_macao_permit', idNumber: 'H12345678' }),
    });
    expect(
      missing
        .json()
        .error.details.map((d: { reason: string }) => d.reason)
        .sort(),
    ).toEqual(['birth_date_required', 'sex_required']);
    const bad = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: bob.headers,
      payload: patientBody({
        idType: 'hk_macao_permit',
        idNumber: 'X12345678',
        birthDate: '1990-01-01',
        sex: 'male',
      }),
    });
    expect(bad.json().error.details).toEqual([
      expect.objectContaining({ field: 'idNumber', reason: 'id_format' }),
    ]);
    const good = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: bob.headers,
      payload: patientBody({
        name: 'Chan Tai Man',
        idType: 'hk_macao_permit',
        idNumber: 'h12345678',
        birthDate: '1990-01-01',
        sex: 'male',
      }),
    });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({
      idType: 'hk_macao_permit',
      sex: 'male',
      idNumberMasked: 'H12**5678',
    });
  });

  it('binds a child under 14 only with an adult guardian', async () => {
    const without = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: bob.headers,
      payload: patientBody({ name: '小明', idNumber: CHILD, relation: 'child' }),
    });
    expect(without.json().error.details).toEqual([
      expect.objectContaining({ field: 'guardianName', reason: 'guardian_required' }),
    ]);
    const withChildGuardian = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: bob.headers,
      payload: patientBody({
        name: '小明',
        idNumber: CHILD,
        relation: 'child',
        guardianName: '小红',
        guardianIdNumber: CHILD,
      }),
    });
    expect(withChildGuardian.json().error.details).toEqual([
      expect.objectContaining({ reason: 'guardian_adult' }),
    ]);
    const withGuardian = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: bob.headers,
      payload: patientBody({
        name: '小明',
        idNumber: CHILD,
        relation: 'child',
        guardianName: '王芳',
        guardianIdNumber: GUARDIAN,
      }),
    });
    expect(withGuardian.statusCode).toBe(200);
    expect(withGuardian.json()).toMatchObject({ guardianName: '王芳', age: expect.any(Number) });
    expect(withGuardian.json().age).toBeLessThan(14);
  });

  it('refuses the same person twice for one user', async () => {
    const again = await inject({
      method: 'POST',
      url: '/api/patients',
      headers: alice.headers,
      payload: patientBody(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PATIENT_ALREADY_BOUND');
  });

  it('refuses a sixth patient, even when the binds arrive at the same moment', async () => {
    const carol = await wechatUser('oCarol0000000000000000000000');
    const ids = Array.from({ length: 8 }, (_, i) => residentId(`32010219900101${100 + i}`));
    const results = await Promise.all(
      ids.map((idNumber, i) =>
        inject({
          method: 'POST',
          url: '/api/patients',
          headers: carol.headers,
          payload: patientBody({
            name: `家人${'甲乙丙丁戊己庚辛'[i]}`,
            idNumber,
            relation: 'relative',
          }),
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.json().error).toMatchObject({
      code: 'PATIENT_LIMIT_REACHED',
      details: { limit: 5 },
    });
    const list = (
      await inject({ method: 'GET', url: '/api/patients', headers: carol.headers })
    ).json();
    expect(list.items).toHaveLength(5);
    expect(list.items.filter((p: { isDefault: boolean }) => p.isDefault)).toHaveLength(1);
  });
});

describe('one user never reaches another user’s patients', () => {
  it('answers 404 to every operation on a guessed id, and audits the attempt', async () => {
    const [target] = (
      await inject({ method: 'GET', url: '/api/patients', headers: alice.headers })
    ).json().items;
    const attempts: InjectOptions[] = [
      { method: 'PATCH', url: `/api/patients/${target.id}`, payload: { relation: 'other' } },
      { method: 'DELETE', url: `/api/patients/${target.id}` },
      { method: 'POST', url: `/api/patients/${target.id}/reveal` },
      { method: 'POST', url: `/api/patients/${target.id}/card`, payload: { cardNumber: 'C1' } },
      { method: 'GET', url: `/api/patients/${target.id}/qrcode` },
    ];
    for (const attempt of attempts) {
      const response = await inject({ ...attempt, headers: bob.headers });
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
      expect(response.body).not.toContain(ADULT.slice(-4) + '"');
    }
    const denied = await server.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.objectId, target.id)));
    expect(denied).toHaveLength(attempts.length);
    const still = (
      await inject({ method: 'GET', url: '/api/patients', headers: alice.headers })
    ).json().items[0];
    expect(still.relation).toBe('self');
  });

  it('refuses patient routes to callers without a WeChat session', async () => {
    expect((await inject({ method: 'GET', url: '/api/patients' })).statusCode).toBe(401);
  });
});

describe('the owner’s own patients', () => {
  it('shows the full numbers only on explicit request, and audits it', async () => {
    const [patient] = (
      await inject({ method: 'GET', url: '/api/patients', headers: alice.headers })
    ).json().items;
    const response = await inject({
      method: 'POST',
      url: `/api/patients/${patient.id}/reveal`,
      headers: alice.headers,
    });
    expect(response.json()).toEqual({ idNumber: ADULT, phone: '13812345678' });
    const audits = await server.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'patient.reveal'), eq(auditLog.objectId, patient.id)));
    expect(audits).toHaveLength(1);
  });

  it('moves the default to another patient, and passes it on when the default is unbound', async () => {
    const dave = await wechatUser('oDave00000000000000000000000');
    const first = (
      await inject({
        method: 'POST',
        url: '/api/patients',
        headers: dave.headers,
        payload: patientBody(),
      })
    ).json();
    const second = (
      await inject({
        method: 'POST',
        url: '/api/patients',
        headers: dave.headers,
        payload: patientBody({ name: '王芳', idNumber: GUARDIAN, relation: 'spouse' }),
      })
    ).json();
    expect(second.isDefault).toBe(false);
    const made = await inject({
      method: 'PATCH',
      url: `/api/patients/${second.id}`,
      headers: dave.headers,
      payload: { isDefault: true },
    });
    expect(made.json().isDefault).toBe(true);
    await inject({ method: 'DELETE', url: `/api/patients/${second.id}`, headers: dave.headers });
    const left = (
      await inject({ method: 'GET', url: '/api/patients', headers: dave.headers })
    ).json().items;
    expect(left).toEqual([expect.objectContaining({ id: first.id, isDefault: true })]);
  });

  it('binds an outpatient card, letting the user choose among several numbers of one person', async () => {
    const erin = await wechatUser('oErin00000000000000000000000');
    const patient = (
      await inject({
        method: 'POST',
        url: '/api/patients',
        headers: erin.headers,
        payload: patientBody({ name: '李四' }),
      })
    ).json();
    const person = server.deps.pii.lookupHash(`resident_id:${ADULT}`);
    await server.deps.db.insert(hisOutpatientRecords).values([
      {
        hisPatientId: 'MZ0001',
        cardNumber: 'C20001',
        name: '李四',
        idNumberHash: person,
        lastVisit: '2025-03-01',
      },
      {
        hisPatientId: 'MZ0002',
        cardNumber: 'C20002',
        name: '李四',
        idNumberHash: person,
        lastVisit: null,
      },
    ]);
    const wrongName = await inject({
      method: 'POST',
      url: `/api/patients/${patient.id}/card`,
      headers: erin.headers,
      payload: { cardNumber: 'C99999' },
    });
    expect(wrongName.json().error.code).toBe('CARD_NOT_FOUND');
    const choose = await inject({
      method: 'POST',
      url: `/api/patients/${patient.id}/card`,
      headers: erin.headers,
      payload: { cardNumber: 'C20001' },
    });
    expect(choose.json()).toMatchObject({
      status: 'choose',
      choices: [{ hisPatientId: 'MZ0001' }, { hisPatientId: 'MZ0002' }],
    });
    const bound = await inject({
      method: 'POST',
      url: `/api/patients/${patient.id}/card`,
      headers: erin.headers,
      payload: { cardNumber: 'C20001', hisPatientId: 'MZ0002' },
    });
    expect(bound.json()).toMatchObject({
      status: 'bound',
      patient: { cardNumber: 'C20002', recordStatus: 'complete' },
    });
  });

  it('gives a QR code that stops working after two minutes', async () => {
    const [patient] = (
      await inject({ method: 'GET', url: '/api/patients', headers: alice.headers })
    ).json().items;
    const response = await inject({
      method: 'GET',
      url: `/api/patients/${patient.id}/qrcode`,
      headers: alice.headers,
    });
    const { token, svg } = response.json();
    expect(svg).toContain('<svg');
    const key = server.config.session.secret;
    expect(verifyPatientQrToken(key, token, server.clock.now())).toBe(patient.id);
    expect(
      verifyPatientQrToken(
        key,
        token.replace(/.$/, token.endsWith('A') ? 'B' : 'A'),
        server.clock.now(),
      ),
    ).toBeUndefined();
    expect(
      verifyPatientQrToken(key, token, new Date(server.clock.now().getTime() + 121_000)),
    ).toBeUndefined();
  });
});

describe('binding attempts', () => {
  it('are limited per ID number, so nobody can probe whose number it is', async () => {
    const limited = await startTestServer({ PATIENT_BIND_ATTEMPTS_PER_ID_PER_DAY: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const { sessionId } = await openWechatSession(
          limited.deps,
          `oProbe${i}0000000000000000000000`,
        );
        const cookie = `${WECHAT_SESSION_COOKIE}=${limited.app.signCookie(sessionId)}`;
        const me = await limited.app.inject({
          method: 'GET',
          url: '/api/wechat/me',
          headers: { cookie },
        });
        const response = await limited.app.inject({
          method: 'POST',
          url: '/api/patients',
          headers: { cookie, 'x-csrf-token': me.json().csrfToken },
          payload: patientBody(),
        });
        codes.push(response.statusCode);
      }
      expect(codes).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
