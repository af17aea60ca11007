import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { IdParams, PageQuery, Timestamp } from './common';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/**
 * The equipment registry (设备台账), shared by IT fault reporting and the lending centre: devices,
 * the category tree, Excel/CSV import and export, QR labels and their PDF sheets.
 */

/** Lifecycle only; "under repair" is shown from the open ticket, "lent" by the lending centre. */
export const deviceStatuses = ['in_use', 'idle', 'retired'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];
export const DeviceStatus = Type.Union([
  Type.Literal('in_use'),
  Type.Literal('idle'),
  Type.Literal('retired'),
]);

/** Label stock: one label per page on a label printer (mm), or an A4 sheet of 3 × 8 labels. */
export const labelSizes = ['40x30', '50x30', 'a4'] as const;
export type LabelSize = (typeof labelSizes)[number];
export const LabelSize = Type.Union([
  Type.Literal('40x30'),
  Type.Literal('50x30'),
  Type.Literal('a4'),
]);

/** The path a label's QR code opens: `${PUBLIC_URL}/r/<token>`. */
export const LABEL_PATH_PREFIX = '/r/';
/** The H5 report page a label leads to (after silent OAuth when needed). */
export const LABEL_REPORT_PAGE = '/h5/repair/label/:token';
/** The H5 page for reporting without a label (a revoked or unreadable label points here). */
export const REPORT_PAGE = '/h5/repair';
/** The H5 report page of a device chosen without its label (links in message replies). */
export const DEVICE_REPORT_PAGE = '/h5/repair/device/:id';
/** The H5 page of one ticket (template-message links: `/h5/tickets/{{ticketId}}`). */
export const TICKET_PAGE = '/h5/tickets/:id';

export const EquipmentCategory = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  code: Type.String(),
  name: Type.String(),
  /** 1 for a top-level category; at most 3. */
  level: Type.Integer(),
  /** Names from the top, e.g. `计算机 / 台式机`. */
  path: Type.String(),
  sortOrder: Type.Integer(),
  /** Devices in this category itself (not its sub-categories). */
  deviceCount: Type.Integer(),
});
export type EquipmentCategory = Static<typeof EquipmentCategory>;

export const CategoryBody = Type.Object(
  {
    parentId: Nullable(Type.String({ format: 'uuid' })),
    code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    sortOrder: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export type CategoryBody = Static<typeof CategoryBody>;

export const DeviceLabelState = Type.Object({
  /** `active`: printed labels open the report page; `none`: the next print issues a token. */
  status: Type.Union([Type.Literal('active'), Type.Literal('none')]),
  /** What the QR code encodes, while active. */
  url: Nullable(Type.String()),
  issuedAt: Nullable(Timestamp),
});

export const DeviceOpenTicket = Type.Object({
  id: Type.String(),
  no: Type.String(),
  status: Type.String(),
});

export const Device = Type.Object({
  id: Type.String(),
  assetNo: Type.String(),
  name: Type.String(),
  categoryId: Type.String(),
  categoryName: Type.String(),
  categoryPath: Type.String(),
  brand: Nullable(Type.String()),
  model: Nullable(Type.String()),
  serialNo: Nullable(Type.String()),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  location: Nullable(Type.String()),
  purchaseDate: Nullable(LocalDate),
  warrantyEnd: Nullable(LocalDate),
  /** True while the warranty end date is today or later. */
  underWarranty: Type.Boolean(),
  supplier: Nullable(Type.String()),
  purchasePriceFen: Nullable(Type.Integer()),
  status: DeviceStatus,
  retiredAt: Nullable(Timestamp),
  notes: Nullable(Type.String()),
  label: DeviceLabelState,
  /** The ticket being worked on now (报修中), if any. */
  openTicket: Nullable(DeviceOpenTicket),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Device = Static<typeof Device>;

export const DeviceBody = Type.Object(
  {
    assetNo: Type.String({ pattern: '^[A-Za-z0-9._/-]{1,40}$' }),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    categoryId: Type.String({ format: 'uuid' }),
    brand: Nullable(Type.String({ maxLength: 40 })),
    model: Nullable(Type.String({ maxLength: 60 })),
    serialNo: Nullable(Type.String({ maxLength: 60 })),
    departmentId: Nullable(Type.String({ format: 'uuid' })),
    location: Nullable(Type.String({ maxLength: 100 })),
    purchaseDate: Nullable(LocalDate),
    warrantyEnd: Nullable(LocalDate),
    supplier: Nullable(Type.String({ maxLength: 100 })),
    purchasePriceFen: Nullable(Type.Integer({ minimum: 0, maximum: 2_000_000_000 })),
    status: DeviceStatus,
    notes: Nullable(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type DeviceBody = Static<typeof DeviceBody>;

export const DeviceEvent = Type.Object({
  id: Type.Integer(),
  /** registered, changed, moved, retired, reinstated, imported, label_issued, label_revoked. */
  type: Type.String(),
  at: Timestamp,
  actorName: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const DeviceLabel = Type.Object({
  id: Type.String(),
  url: Type.String(),
  issuedAt: Timestamp,
  revokedAt: Nullable(Timestamp),
  revokeReason: Nullable(Type.String()),
});

/** A ticket in a device's history (for the registry page and the engineer's ticket page). */
export const DeviceTicket = Type.Object({
  id: Type.String(),
  no: Type.String(),
  status: Type.String(),
  faultTypeName: Nullable(Type.String()),
  description: Nullable(Type.String()),
  resolution: Nullable(Type.String()),
  createdAt: Timestamp,
  /** When it was last resolved, if it was. */
  resolvedAt: Nullable(Timestamp),
});
export type DeviceTicket = Static<typeof DeviceTicket>;

export const DeviceDetail = Type.Object({
  device: Device,
  history: Type.Array(DeviceEvent),
  labels: Type.Array(DeviceLabel),
  tickets: Type.Array(DeviceTicket),
});

export const DeviceListQuery = Type.Object(
  {
    ...PageQuery,
    /** Asset number, name, serial number, brand or model contains this. */
    q: Type.Optional(Type.String({ maxLength: 60 })),
    /** The category and all its sub-categories. */
    categoryId: Type.Optional(Type.String({ format: 'uuid' })),
    departmentId: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(DeviceStatus),
    /** Only devices with (true) or without (false) an open ticket. */
    underRepair: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DeviceListQuery = Static<typeof DeviceListQuery>;

export const DeviceImportResult = Type.Object({
  categories: Type.Object({ added: Type.Integer(), updated: Type.Integer() }),
  devices: Type.Object({ added: Type.Integer(), updated: Type.Integer() }),
});
export type DeviceImportResult = Static<typeof DeviceImportResult>;

/**
 * One problem of a refused import (details of IMPORT_INVALID): sheet, 1-based row, column header
 * and a problem code: not_xlsx, not_csv, empty, too_many_rows, missing_column, asset_no, duplicate,
 * name, unknown_category, unknown_department, category_level, date, price, status, too_long, code.
 */
export const DeviceImportProblem = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  column: Type.String(),
  problem: Type.String(),
});

export const EquipmentSettings = Type.Object({
  repairHotline: Nullable(Type.String()),
  labelTitle: Nullable(Type.String()),
});
export const EquipmentSettingsBody = Type.Object(
  {
    repairHotline: Nullable(Type.String({ maxLength: 30 })),
    labelTitle: Nullable(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

export const LabelPreview = Type.Object({
  url: Type.String(),
  /** The QR code as an SVG document, for a preview beside the print button. */
  svg: Type.String(),
  issuedAt: Timestamp,
});

export const RevokeLabelBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const LabelSheetQuery = Type.Object(
  {
    size: LabelSize,
    /** Comma-separated device ids; without them, every device matching the filters below. */
    ids: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36})*$' })),
    q: Type.Optional(Type.String({ maxLength: 60 })),
    categoryId: Type.Optional(Type.String({ format: 'uuid' })),
    departmentId: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(DeviceStatus),
  },
  { additionalProperties: false },
);

/** At most this many labels in one PDF. */
export const LABEL_SHEET_MAX = 1000;
export const PDF_TYPE = 'application/pdf';
export const CSV_TYPE = 'text/csv';

export const equipmentRoutes = {
  categories: defineRoute({
    method: 'GET',
    path: '/api/admin/equipment/categories',
    summary: 'The category tree, flat, parents before children',
    tag: 'equipment',
    response: Type.Array(EquipmentCategory),
  }),
  createCategory: defineRoute({
    method: 'POST',
    path: '/api/admin/equipment/categories',
    summary: 'Add a category (at most three levels)',
    tag: 'equipment',
    body: CategoryBody,
    response: EquipmentCategory,
  }),
  updateCategory: defineRoute({
    method: 'PUT',
    path: '/api/admin/equipment/categories/:id',
    summary: 'Change a category',
    tag: 'equipment',
    params: IdParams,
    body: CategoryBody,
    response: EquipmentCategory,
  }),
  deleteCategory: defineRoute({
    method: 'DELETE',
    path: '/api/admin/equipment/categories/:id',
    summary: 'Remove a category without sub-categories, devices or fault types',
    tag: 'equipment',
    params: IdParams,
  }),
  devices: defineRoute({
    method: 'GET',
    path: '/api/admin/equipment/devices',
    summary: 'Devices, searched, filtered and paged',
    tag: 'equipment',
    query: DeviceListQuery,
    response: Type.Object({ items: Type.Array(Device), total: Type.Integer() }),
  }),
  device: defineRoute({
    method: 'GET',
    path: '/api/admin/equipment/devices/:id',
    summary: 'A device with its history, labels and tickets',
    tag: 'equipment',
    params: IdParams,
    response: DeviceDetail,
  }),
  createDevice: defineRoute({
    method: 'POST',
    path: '/api/admin/equipment/devices',
    summary: 'Register a device',
    tag: 'equipment',
    body: DeviceBody,
    response: Device,
  }),
  updateDevice: defineRoute({
    method: 'PUT',
    path: '/api/admin/equipment/devices/:id',
    summary: 'Change a device (moving or retiring it is recorded in its history)',
    tag: 'equipment',
    params: IdParams,
    body: DeviceBody,
    response: Device,
  }),
  deleteDevice: defineRoute({
    method: 'DELETE',
    path: '/api/admin/equipment/devices/:id',
    summary: 'Remove a device registered by mistake (one with tickets is retired instead)',
    tag: 'equipment',
    params: IdParams,
  }),
  exportDevices: defineRoute({
    method: 'GET',
    path: '/api/admin/equipment/devices.xlsx',
    summary: 'Devices matching the filters as an Excel workbook (the import columns and more)',
    tag: 'equipment',
    query: DeviceListQuery,
  }),
  importDevices: defineRoute({
    method: 'POST',
    path: '/api/admin/equipment/import',
    summary:
      'Import categories and devices (body: an .xlsx workbook or a UTF-8/GB18030 .csv of devices); all rows or none',
    tag: 'equipment',
    response: DeviceImportResult,
  }),
  importTemplate: defineRoute({
    method: 'GET',
    path: '/api/admin/equipment/import-template.xlsx',
    summary: 'The Excel workbook to fill in for an import',
    tag: 'equipment',
  }),
  labelSheet: defineRoute({
    method: 'GET',
    path: '/api/admin/equipment/labels.pdf',
    summary: 'QR labels as a PDF: one per page (40×30 or 50×30 mm) or A4 sheets of 3 × 8',
    tag: 'equipment',
    query: LabelSheetQuery,
  }),
  deviceLabel: defineRoute({
    method: 'GET',
    path: '/api/admin/equipment/devices/:id/label',
    summary: "The device's active label (issued now if it has none): URL and QR preview",
    tag: 'equipment',
    params: IdParams,
    response: LabelPreview,
  }),
  revokeLabel: defineRoute({
    method: 'POST',
    path: '/api/admin/equipment/devices/:id/label/revoke',
    summary: "Revoke the device's label: printed copies answer 'revoked'; the next print is new",
    tag: 'equipment',
    params: IdParams,
    body: RevokeLabelBody,
  }),
  departments: defineRoute({
    method: 'GET',
    path: '/api/admin/equipment/departments',
    summary: 'Departments to choose from in device forms, filters and dispatch rules',
    tag: 'equipment',
    response: Type.Array(
      Type.Object({
        id: Type.String(),
        parentId: Nullable(Type.String()),
        code: Type.String(),
        name: Type.String(),
      }),
    ),
  }),
  settings: defineRoute({
    method: 'GET',
    path: '/api/admin/equipment/settings',
    summary: 'What labels print besides the device: hotline and title',
    tag: 'equipment',
    response: EquipmentSettings,
  }),
  saveSettings: defineRoute({
    method: 'PUT',
    path: '/api/admin/equipment/settings',
    summary: 'Change the label hotline and title',
    tag: 'equipment',
    body: EquipmentSettingsBody,
    response: EquipmentSettings,
  }),
};
