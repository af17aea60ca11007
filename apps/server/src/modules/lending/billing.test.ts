import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate, zonedInstant } from '../../lib/time';
import { billedUnits, chargeFen, monthShare, wholeMinutes, type Rate } from './billing';
import { erlangC, recommendedFleet } from './erlang';
import { openCentre, ok, requestBody, type Centre, type Json } from './fixtures';
import { monthPeriod } from './statements';

const hourly: Rate = { unit: 'hour', rateFen: 1000, minimumFen: 3000 };
const daily: Rate = { unit: 'day', rateFen: 5000, minimumFen: 0 };
const at = (iso: string) => new Date(iso);

describe('billing arithmetic', () => {
  it('counts every started hour or day, seconds dropped', () => {
    expect(wholeMinutes(at('2026-01-01T00:00:00Z'), at('2026-01-01T01:00:59Z'))).toBe(60);
    expect(billedUnits(60, 'hour')).toBe(1);
    expect(billedUnits(61, 'hour')).toBe(2);
    expect(billedUnits(1440, 'day')).toBe(1);
    expect(billedUnits(1441, 'day')).toBe(2);
    expect(chargeFen(60, hourly)).toBe(3000); // 1 h = 10 元 < minimum 30 元
    expect(chargeFen(180, hourly)).toBe(3000); // exactly the minimum
    expect(chargeFen(181, hourly)).toBe(4000);
    expect(chargeFen(0, hourly)).toBe(3000); // handed over and taken back at once: the minimum
    expect(chargeFen(0, daily)).toBe(0);
    expect(chargeFen(1, daily)).toBe(5000);
  });

  it('splits a loan over months so that the months add up to exactly its charge', () => {
    const tz = 'Asia/Shanghai';
    const nov = monthPeriod('2026-11', tz);
    const dec = monthPeriod('2026-12', tz);
    expect(nov.end).toEqual(dec.start);
    expect(nov.end.toISOString()).toBe('2026-11-30T16:00:00.000Z'); // 00:00 1 Dec in Shanghai
    const item = {
      handedOverAt: new Date(nov.end.getTime() - 150 * 60_000),
      returnedAt: new Date(nov.end.getTime() + 310 * 60_000),
    };
    const now = new Date(dec.end.getTime() + 1);
    const first = monthShare(item, hourly, nov, now)!;
    const second = monthShare(item, hourly, dec, now)!;
    expect(first).toEqual({ minutes: 150, chargeFen: 3000 }); // 3 h reach the minimum
    expect(second).toEqual({ minutes: 310, chargeFen: 5000 }); // 460 min → 8 h → 80 元 in all
    expect(first.chargeFen + second.chargeFen).toBe(chargeFen(460, hourly));
    expect(monthShare(item, hourly, monthPeriod('2026-10', tz), now)).toBeUndefined();
    expect(monthShare(item, hourly, monthPeriod('2027-01', tz), now)).toBeUndefined();
    // Returned exactly at midnight: nothing for the next month.
    expect(monthShare({ ...item, returnedAt: nov.end }, hourly, dec, now)).toBeUndefined();
    // Across three months, any durations: the shares telescope to the whole charge.
    for (const minutes of [1, 59, 61, 1439, 1441, 50_000, 80_000]) {
      const loan = {
        handedOverAt: new Date(nov.start.getTime() + 7 * 60_000),
        returnedAt: new Date(nov.start.getTime() + (7 + minutes) * 60_000),
      };
      const months = ['2026-11', '2026-12', '2027-01', '2027-02'].map(
        (m) => monthShare(loan, daily, monthPeriod(m, tz), now)?.chargeFen ?? 0,
      );
      expect(months.reduce((a, b) => a + b, 0)).toBe(chargeFen(minutes, daily));
    }
  });
});

describe('Erlang C fleet size', () => {
  it('matches known values and picks the smallest fleet under the target', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 6); // M/M/1: P(wait) = ρ
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 6);
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(10, 8)).toBeCloseTo(0.409, 3);
    expect(recommendedFleet(8, 0.05)).toBe(14);
    expect(erlangC(14, 8)).toBeLessThanOrEqual(0.05);
    expect(erlangC(13, 8)).toBeGreaterThan(0.05);
    expect(recommendedFleet(0, 0.05)).toBe(0);
  });
});

describe('statements and statistics on the server', () => {
  let c: Centre;
  beforeAll(async () => {
    c = await openCentre();
  });
  afterAll(async () => {
    await c.server.close();
  });

  it('bills a ventilator loan across month end into two statements that add up, and exports them', async () => {
    const tz = c.server.config.timeZone;
    const today = localDate(c.server.clock.now(), tz);
    let month = today.slice(0, 7);
    let monthEnd = monthPeriod(month, tz).end;
    // Two and a half hours before the next month starts.
    await c.advance(monthEnd.getTime() - 150 * 60_000 - c.server.clock.now().getTime());
    month = localDate(c.server.clock.now(), tz).slice(0, 7);
    monthEnd = monthPeriod(month, tz).end;
    const next = localDate(monthEnd, tz).slice(0, 7);
    const loan = await ok(
      await c.as(c.wardNurse, {
        method: 'POST',
        url: '/api/lending/loans',
        payload: requestBody(c.ventilators),
      }),
    );
    await ok(
      await c.asManager({
        method: 'POST',
        url: `/api/admin/lending/loans/${loan.id}/approve`,
        payload: {},
      }),
    );
    const token = await (async () =>
      (
        await ok(
          await c.asManager({ method: 'GET', url: `/api/admin/equipment/devices/${c.v[0]}/label` }),
        )
      ).url.split('/r/')[1])();
    await ok(
      await c.asManager({
        method: 'POST',
        url: `/api/admin/lending/loans/${loan.id}/handover`,
        payload: { labelToken: token },
      }),
    );
    // Still out at month end: the current month is provisional.
    const open = await ok(
      await c.asManager({ method: 'GET', url: `/api/admin/lending/statements?month=${month}` }),
    );
    expect(open.departments[0].lines[0]).toMatchObject({ provisional: true, chargeFen: 3000 });
    await c.advance(460 * 60_000);
    await ok(
      await c.asManager({
        method: 'POST',
        url: '/api/admin/lending/returns',
        payload: { labelToken: token, condition: 'ok' },
      }),
    );
    const first = await ok(
      await c.asManager({ method: 'GET', url: `/api/admin/lending/statements?month=${month}` }),
    );
    const second = await ok(
      await c.asManager({ method: 'GET', url: `/api/admin/lending/statements?month=${next}` }),
    );
    expect(first.departments).toHaveLength(1);
    expect(first.departments[0]).toMatchObject({ departmentId: c.ward, totalFen: 3000 });
    expect(first.departments[0].lines[0]).toMatchObject({
      minutes: 150,
      chargeFen: 3000,
      provisional: false,
    });
    expect(second.departments[0]).toMatchObject({ departmentId: c.ward, totalFen: 5000 });
    expect(second.departments[0].lines[0]).toMatchObject({ minutes: 310, chargeFen: 5000 });
    const detail = await ok(
      await c.as(c.wardNurse, { method: 'GET', url: `/api/lending/loans/${loan.id}` }),
    );
    expect(detail.chargeFen).toBe(8000);
    // The applicant's own statement shows the same line.
    const mine = await ok(
      await c.as(c.wardNurse, { method: 'GET', url: `/api/lending/statement?month=${next}` }),
    );
    expect(mine.totalFen).toBe(5000);
    const xlsx = await c.asManager({
      method: 'GET',
      url: `/api/admin/lending/statements.xlsx?month=${next}`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const from = addDays(today, -1);
    const to = localDate(c.server.clock.now(), tz);
    const stats = await ok(
      await c.asManager({ method: 'GET', url: `/api/admin/lending/stats?from=${from}&to=${to}` }),
    );
    const vent = stats.categories.find((x: Json) => x.categoryId === c.ventilators);
    expect(vent).toMatchObject({
      devices: 3,
      requests: 1,
      rejected: 0,
      loanMinutes: 460,
      revenueFen: 8000,
      stockOutMinutes: 0,
    });
    expect(vent.approvalLatency.count).toBe(1);
    expect(vent.fleet.recommended).toBeGreaterThanOrEqual(1);
    const v1 = stats.devices.find((d: Json) => d.deviceId === c.v[0]);
    expect(v1).toMatchObject({ loanMinutes: 460, loans: 1, revenueFen: 8000, revenueToCost: 0 });
    expect(stats.departments[0]).toMatchObject({
      departmentId: c.ward,
      damagedReturns: 0,
      chargeFen: 8000,
    });
    const export_ = await c.asManager({
      method: 'GET',
      url: `/api/admin/lending/stats.xlsx?from=${from}&to=${to}`,
    });
    expect(export_.statusCode).toBe(200);
    expect(zonedInstant(to, '00:00', tz).getTime()).toBeLessThanOrEqual(
      c.server.clock.now().getTime(),
    );
  });
});
