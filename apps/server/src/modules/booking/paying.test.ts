import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bookingSuite } from '../../test/booking-suite';
import { eventually, openClinic, signedNotification, slotsOf } from '../../test/booking';
import { paymentEvents, paymentOrders, paymentRefunds } from '../payments/schema';
import { submitDueRefunds } from '../payments/service';
import { appointmentEvents } from './schema';
import { expireHolds } from './appointments';

const kit = bookingSuite();
const {
  inject,
  newPatient,
  bookAs,
  appointmentOf,
  openPaySheet,
  payInSandbox,
  bookAndPay,
  orderOf,
  noticesFor,
} = kit;

describe('payment notifications', () => {
  async function paidAppointment() {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient();
    const appointment = await bookAndPay(p, clinic.scheduleId);
    const order = await orderOf(appointment.id);
    return { p, appointment, order };
  }

  function transactionResource(order: typeof paymentOrders.$inferSelect, total = order.amountFen) {
    return {
      appid: order.appId,
      mchid: order.mchId,
      out_trade_no: order.outTradeNo,
      transaction_id: order.transactionId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      success_time: new Date().toISOString(),
      payer: { openid: order.payerOpenid },
      amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  async function post(notice: { headers: Record<string, string>; body: string }) {
    return inject({
      method: 'POST',
      url: '/api/payments/wechat/notify',
      headers: notice.headers,
      payload: notice.body,
    });
  }

  it('applies a repeated notification once', async () => {
    const { appointment, order } = await paidAppointment();
    const before = await kit.env.server.deps.db
      .select()
      .from(paymentEvents)
      .where(eq(paymentEvents.orderId, order.id));
    const notice = signedNotification(kit.env.secrets, {
      id: `repeat-${order.id}`,
      eventType: 'TRANSACTION.SUCCESS',
      resource: transactionResource(order),
    });
    for (let i = 0; i < 3; i++) expect((await post(notice)).statusCode).toBe(204);
    const after = await kit.env.server.deps.db
      .select()
      .from(paymentEvents)
      .where(eq(paymentEvents.orderId, order.id));
    // One record of the notification id, and nothing else changed.
    expect(after.length).toBe(before.length + 1);
    expect(await noticesFor(`appointment_booked:${appointment.id}`)).toHaveLength(1);
    const events = await kit.env.server.deps.db
      .select()
      .from(appointmentEvents)
      .where(eq(appointmentEvents.appointmentId, appointment.id));
    expect(events.filter((e) => e.toStatus === 'confirmed')).toHaveLength(1);
  });

  it('refuses forged notifications and changes nothing', async () => {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    await openPaySheet(p, id);
    const order = await orderOf(id);
    const { privateKey } = await import('node:crypto').then((c) =>
      c.generateKeyPairSync('rsa', { modulusLength: 2048 }),
    );
    const forged = signedNotification(
      kit.env.secrets,
      {
        id: `forged-${order.id}`,
        eventType: 'TRANSACTION.SUCCESS',
        resource: { ...transactionResource(order), transaction_id: '4200000000000000000000000001' },
      },
      { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
    );
    expect((await post(forged)).statusCode).toBe(401);
    const stale = signedNotification(
      kit.env.secrets,
      {
        id: `stale-${order.id}`,
        eventType: 'TRANSACTION.SUCCESS',
        resource: { ...transactionResource(order), transaction_id: '4200000000000000000000000002' },
      },
      { timestamp: Math.floor(Date.now() / 1000) - 3600 },
    );
    expect((await post(stale)).statusCode).toBe(401);
    // Properly signed but for another amount: not applied, and WeChat Pay is asked to retry.
    const wrongAmount = signedNotification(kit.env.secrets, {
      id: `amount-${order.id}`,
      eventType: 'TRANSACTION.SUCCESS',
      resource: {
        ...transactionResource(order, 1),
        transaction_id: '4200000000000000000000000003',
      },
    });
    expect((await post(wrongAmount)).statusCode).toBe(500);
    expect((await appointmentOf(p, id)).status).toBe('held');
    expect((await orderOf(id)).status).toBe('paying');
  });

  it('keeps a refund’s final state when its notices arrive out of order', async () => {
    const { p, appointment, order } = await paidAppointment();
    // WeChat Pay keeps the refund PROCESSING until told otherwise.
    await kit.env.control('POST', '/faults', { refund: { hold: true } });
    try {
      const cancelled = await inject({
        method: 'POST',
        url: `/api/appointments/${appointment.id}/cancel`,
        headers: p.headers,
        payload: {},
      });
      expect(cancelled.statusCode).toBe(200);
      await eventually(async () => {
        const [r] = await kit.env.server.deps.db
          .select()
          .from(paymentRefunds)
          .where(eq(paymentRefunds.orderId, order.id));
        return r?.status === 'processing';
      });
      const [refund] = await kit.env.server.deps.db
        .select()
        .from(paymentRefunds)
        .where(eq(paymentRefunds.orderId, order.id));
      const resource = (status: string) => ({
        refund_id: refund!.wechatRefundId,
        out_refund_no: refund!.outRefundNo,
        transaction_id: order.transactionId,
        out_trade_no: order.outTradeNo,
        refund_status: status,
        success_time: new Date().toISOString(),
        amount: {
          refund: refund!.amountFen,
          total: order.amountFen,
          payer_refund: refund!.amountFen,
          payer_total: order.amountFen,
        },
      });
      const success = signedNotification(kit.env.secrets, {
        id: `refund-ok-${refund!.id}`,
        eventType: 'REFUND.SUCCESS',
        resource: resource('SUCCESS'),
      });
      const late = signedNotification(kit.env.secrets, {
        id: `refund-late-${refund!.id}`,
        eventType: 'REFUND.ABNORMAL',
        resource: resource('ABNORMAL'),
      });
      expect((await post(success)).statusCode).toBe(204);
      expect((await post(late)).statusCode).toBe(204);
      expect((await post(success)).statusCode).toBe(204);
      // And the original payment's notification arriving last changes nothing either.
      const payment = signedNotification(kit.env.secrets, {
        id: `late-payment-${order.id}`,
        eventType: 'TRANSACTION.SUCCESS',
        resource: transactionResource(order),
      });
      expect((await post(payment)).statusCode).toBe(204);
      const after = await orderOf(appointment.id);
      expect(after).toMatchObject({ status: 'refunded', refundedFen: 5000 });
      const [final] = await kit.env.server.deps.db
        .select()
        .from(paymentRefunds)
        .where(eq(paymentRefunds.id, refund!.id));
      expect(final!.status).toBe('succeeded');
      expect(await noticesFor(`refund_completed:${refund!.id}`)).toHaveLength(1);
    } finally {
      await kit.env.control('DELETE', '/faults');
    }
  });
});

describe('holds', () => {
  it('expires an unpaid hold and returns the slot to the pool', async () => {
    const clinic = await openClinic(kit.env.server, { slotCount: 1 });
    const p = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    const someoneElse = await newPatient();
    expect((await bookAs(someoneElse, clinic.scheduleId)).json().error.code).toBe('SLOT_TAKEN');
    kit.env.server.clock.advance(11 * 60_000);
    try {
      expect(await expireHolds(kit.env.server.deps)).toBeGreaterThanOrEqual(1);
      expect((await appointmentOf(p, id)).status).toBe('expired');
      const pay = await openPaySheet(p, id);
      expect(pay.json().error.code).toBe('HOLD_EXPIRED');
      expect((await bookAs(someoneElse, clinic.scheduleId)).statusCode).toBe(200);
    } finally {
      kit.env.server.clock.advance(-11 * 60_000);
    }
  });

  it('confirms when the payment made it before the hold ran out, even if the notice did not', async () => {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    const pay = await openPaySheet(p, id);
    await kit.env.control('POST', '/faults', { payNotify: {} });
    try {
      await payInSandbox(p, pay);
      kit.env.server.clock.advance(11 * 60_000);
      await expireHolds(kit.env.server.deps);
      expect((await appointmentOf(p, id)).status).toBe('confirmed');
    } finally {
      kit.env.server.clock.advance(-11 * 60_000);
      await kit.env.control('DELETE', '/faults');
    }
  });

  it('refunds money that arrives after the hold went', async () => {
    const clinic = await openClinic(kit.env.server);
    const p = await newPatient();
    const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
    await openPaySheet(p, id);
    const order = await orderOf(id);
    // The hold ends while WeChat Pay is unreachable, so the order cannot be closed there …
    await kit.env.control('POST', '/faults', {
      payQuery: { httpStatus: 500, code: 'SYSTEM_ERROR' },
      payClose: { httpStatus: 500, code: 'SYSTEM_ERROR' },
    });
    kit.env.server.clock.advance(11 * 60_000);
    try {
      await expireHolds(kit.env.server.deps);
    } finally {
      kit.env.server.clock.advance(-11 * 60_000);
      await kit.env.control('DELETE', '/faults');
    }
    expect((await appointmentOf(p, id)).status).toBe('expired');
    // … and then the patient's payment lands.
    const late = signedNotification(kit.env.secrets, {
      id: `late-${order.id}`,
      eventType: 'TRANSACTION.SUCCESS',
      resource: {
        appid: order.appId,
        mchid: order.mchId,
        out_trade_no: order.outTradeNo,
        transaction_id: '4200000000000000000000000099',
        trade_type: 'JSAPI',
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        success_time: new Date().toISOString(),
        payer: { openid: p.openid },
        amount: { total: 5000, payer_total: 5000, currency: 'CNY' },
      },
    });
    const response = await inject({
      method: 'POST',
      url: '/api/payments/wechat/notify',
      headers: late.headers,
      payload: late.body,
    });
    expect(response.statusCode).toBe(204);
    const view = await appointmentOf(p, id);
    expect(view.status).toBe('expired');
    expect(view.events.at(-1)).toMatchObject({ reason: 'paid_after_expiry' });
    const refunds = await kit.env.server.deps.db
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.orderId, order.id));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.amountFen).toBe(5000);
  });

  it('ends a race between expiry and payment in one consistent state', async () => {
    for (let round = 0; round < 4; round++) {
      const clinic = await openClinic(kit.env.server, { slotCount: 1 });
      const p = await newPatient();
      const id = (await bookAs(p, clinic.scheduleId)).json().id as string;
      const pay = await openPaySheet(p, id);
      kit.env.server.clock.advance(11 * 60_000);
      try {
        await Promise.all([
          expireHolds(kit.env.server.deps),
          payInSandbox(p, pay).catch(() => undefined),
        ]);
        await new Promise((resolve) => setTimeout(resolve, 150));
        await expireHolds(kit.env.server.deps);
      } finally {
        kit.env.server.clock.advance(-11 * 60_000);
      }
      await submitDueRefunds(kit.env.server.deps);
      const view = await appointmentOf(p, id);
      const order = await orderOf(id);
      const [slot] = await slotsOf(kit.env.server, clinic.scheduleId);
      if (view.status === 'confirmed') {
        expect(order.status).toBe('paid');
        expect(slot!.status).toBe('booked');
      } else {
        expect(view.status).toBe('expired');
        expect(slot!.status).toBe('free');
        // Either never paid (closed) or paid and refunded in full.
        if (order.status !== 'closed') {
          const refunds = await kit.env.server.deps.db
            .select()
            .from(paymentRefunds)
            .where(eq(paymentRefunds.orderId, order.id));
          expect(refunds.reduce((sum, r) => sum + r.amountFen, 0)).toBe(order.amountFen);
        }
      }
    }
  });
});
