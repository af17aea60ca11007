import { describe, expect, it } from 'vitest';
import { filenameFromDisposition, withQuery } from './download';

describe('withQuery', () => {
  it('adds the set filters and leaves out empty ones', () => {
    expect(
      withQuery('/api/admin/payments/export.xlsx', {
        from: '2026-06-01',
        to: '2026-06-30',
        status: '',
        q: undefined,
        page: null,
      }),
    ).toBe('/api/admin/payments/export.xlsx?from=2026-06-01&to=2026-06-30');
  });

  it('encodes what it sends and keeps the bare path without filters', () => {
    expect(withQuery('/x', { q: '张 三&' })).toBe('/x?q=%E5%BC%A0+%E4%B8%89%26');
    expect(withQuery('/x', {})).toBe('/x');
  });
});

describe('filenameFromDisposition', () => {
  it('decodes the UTF-8 name the server sends for Chinese file names', () => {
    const header = "attachment; filename*=UTF-8''%E9%A2%84%E7%BA%A6%E8%AE%B0%E5%BD%95.xlsx";
    expect(filenameFromDisposition(header, 'x.xlsx')).toBe('预约记录.xlsx');
  });

  it('prefers the UTF-8 name to the plain one and reads a plain one alone', () => {
    expect(
      filenameFromDisposition(
        'attachment; filename="refunds.xlsx"; filename*=UTF-8\'\'%E9%80%80%E6%AC%BE.xlsx',
        'x.xlsx',
      ),
    ).toBe('退款.xlsx');
    expect(filenameFromDisposition('attachment; filename="refunds.xlsx"', 'x.xlsx')).toBe(
      'refunds.xlsx',
    );
  });

  it('falls back when there is no header or no name in it', () => {
    expect(filenameFromDisposition(null, 'payments.xlsx')).toBe('payments.xlsx');
    expect(filenameFromDisposition('attachment', 'payments.xlsx')).toBe('payments.xlsx');
  });
});
