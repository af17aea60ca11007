import type { DeviceBody, DeviceStatus } from '@zhangyi/contracts';
import type { Device, DeviceFilters } from './api/equipment';
import { fenToYuan, parseYuan } from './money';

/** The device form as typed: strings for the optional fields, the price in yuan. */
export interface DeviceForm {
  assetNo: string;
  name: string;
  categoryId: string;
  brand: string;
  model: string;
  serialNo: string;
  departmentId: string;
  location: string;
  purchaseDate: string;
  warrantyEnd: string;
  supplier: string;
  purchasePrice: string;
  status: DeviceStatus;
  notes: string;
}

/** An empty form for a new device (in use, no department: in the store room). */
export function emptyDeviceForm(): DeviceForm {
  return {
    assetNo: '',
    name: '',
    categoryId: '',
    brand: '',
    model: '',
    serialNo: '',
    departmentId: '',
    location: '',
    purchaseDate: '',
    warrantyEnd: '',
    supplier: '',
    purchasePrice: '',
    status: 'in_use',
    notes: '',
  };
}

/** The form of an existing device. */
export function deviceToForm(device: Device): DeviceForm {
  return {
    assetNo: device.assetNo,
    name: device.name,
    categoryId: device.categoryId,
    brand: device.brand ?? '',
    model: device.model ?? '',
    serialNo: device.serialNo ?? '',
    departmentId: device.departmentId ?? '',
    location: device.location ?? '',
    purchaseDate: device.purchaseDate ?? '',
    warrantyEnd: device.warrantyEnd ?? '',
    supplier: device.supplier ?? '',
    purchasePrice: device.purchasePriceFen === null ? '' : fenToYuan(device.purchasePriceFen),
    status: device.status,
    notes: device.notes ?? '',
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * The request body of the form: blanks become null (the server clears them), the price becomes
 * fen. Null when the price is not an amount.
 */
export function deviceBody(form: DeviceForm): DeviceBody | null {
  const price = form.purchasePrice.trim();
  const purchasePriceFen = price === '' ? null : parseYuan(price);
  if (price !== '' && purchasePriceFen === null) return null;
  return {
    assetNo: form.assetNo.trim(),
    name: form.name.trim(),
    categoryId: form.categoryId,
    brand: orNull(form.brand),
    model: orNull(form.model),
    serialNo: orNull(form.serialNo),
    departmentId: form.departmentId || null,
    location: orNull(form.location),
    purchaseDate: form.purchaseDate || null,
    warrantyEnd: form.warrantyEnd || null,
    supplier: orNull(form.supplier),
    purchasePriceFen,
    status: form.status,
    notes: orNull(form.notes),
  };
}

/** The list's filters as the page holds them ('' = any). */
export interface DeviceListFilters {
  q: string;
  categoryId: string;
  departmentId: string;
  status: '' | DeviceStatus;
  /** '' any, 'yes' with an open ticket, 'no' without. */
  repair: '' | 'yes' | 'no';
}

/** The API filters (also for the export and a label sheet of everything listed). */
export function deviceFilters(filters: DeviceListFilters): DeviceFilters {
  const query: DeviceFilters = {};
  const q = filters.q.trim();
  if (q) query.q = q;
  if (filters.categoryId) query.categoryId = filters.categoryId;
  if (filters.departmentId) query.departmentId = filters.departmentId;
  if (filters.status) query.status = filters.status;
  if (filters.repair) query.underRepair = filters.repair === 'yes';
  return query;
}

/** Import files the server reads: an Excel workbook or a CSV, at most 10 MB. */
export function deviceImportFileProblem(file: {
  name: string;
  size: number;
}): 'type' | 'size' | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'type';
  if (file.size > 10 * 1024 * 1024) return 'size';
  return null;
}
