import { describe, expect, it } from 'vitest';
import type { Device } from './api/equipment';
import {
  deviceBody,
  deviceFilters,
  deviceImportFileProblem,
  deviceToForm,
  emptyDeviceForm,
} from './equipment';

describe('deviceBody', () => {
  it('sends blanks as null and the price in fen', () => {
    const body = deviceBody({
      ...emptyDeviceForm(),
      assetNo: ' PRN-001 ',
      name: '打印机',
      categoryId: 'c1',
      brand: '  ',
      purchasePrice: '1299.5',
    });
    expect(body).toMatchObject({
      assetNo: 'PRN-001',
      name: '打印机',
      brand: null,
      departmentId: null,
      purchaseDate: null,
      purchasePriceFen: 129950,
      status: 'in_use',
    });
  });

  it('refuses a price with three decimals', () => {
    expect(deviceBody({ ...emptyDeviceForm(), purchasePrice: '1.005' })).toBeNull();
  });

  it('reads a device back into the same form it was saved from', () => {
    const form = {
      ...emptyDeviceForm(),
      assetNo: 'PC-1',
      name: '工作站',
      categoryId: 'c1',
      model: 'M920t',
      purchasePrice: '4999.00',
      purchaseDate: '2024-03-01',
    };
    const body = deviceBody(form)!;
    const device = {
      ...body,
      id: 'd1',
      categoryName: '',
      categoryPath: '',
      departmentName: null,
      underWarranty: false,
      retiredAt: null,
      label: { status: 'none', url: null, issuedAt: null },
      openTicket: null,
      createdAt: '',
      updatedAt: '',
    } as Device;
    expect(deviceToForm(device)).toEqual(form);
  });
});

describe('deviceFilters', () => {
  it('turns the repair choice into underRepair and drops empty filters', () => {
    expect(
      deviceFilters({ q: ' 打印 ', categoryId: '', departmentId: 'd1', status: '', repair: 'no' }),
    ).toEqual({ q: '打印', departmentId: 'd1', underRepair: false });
  });
});

describe('deviceImportFileProblem', () => {
  it('takes workbooks and CSV files, nothing else', () => {
    expect(deviceImportFileProblem({ name: '台账.XLSX', size: 10 })).toBeNull();
    expect(deviceImportFileProblem({ name: 'devices.csv', size: 10 })).toBeNull();
    expect(deviceImportFileProblem({ name: 'devices.xls', size: 10 })).toBe('type');
    expect(deviceImportFileProblem({ name: 'a.csv', size: 11 * 1024 * 1024 })).toBe('size');
  });
});
