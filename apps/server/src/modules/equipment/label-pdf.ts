import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { LabelSize } from '@zhangyi/contracts';

/**
 * Label sheets as PDF, drawn in millimetres: the QR code as vector squares (sharp at any printer
 * resolution), the asset number, the device name and the repair hotline.
 *
 * Chinese text needs a CJK font, embedded as a subset of the glyphs used. The font is the file
 * named by LABEL_FONT_PATH (and LABEL_FONT_FAMILY for a .ttc collection), or the first of the
 * Debian CJK fonts found (fonts-wqy-microhei, fonts-noto-cjk, fonts-wqy-zenhei, fonts-droid-fallback).
 * Without one, labels still print everything that is not Chinese — QR code, asset number, Latin
 * names, the hotline digits — and the response says so (`X-Label-Font: none`).
 */

const MM = 72 / 25.4;

interface LabelFont {
  path: string;
  family: string | undefined;
}

const CANDIDATES: LabelFont[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    family: 'NotoSansCJKsc-Regular',
  },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', family: undefined },
];

let cachedFont: LabelFont | null | undefined;

function usable(font: LabelFont): boolean {
  if (!existsSync(font.path)) return false;
  try {
    new PDFDocument({ autoFirstPage: false }).font(font.path, font.family ?? null);
    return true;
  } catch {
    return false;
  }
}

/** The CJK font labels use, or null when none is installed (looked up once per process). */
export function labelFont(env: Record<string, string | undefined> = process.env): LabelFont | null {
  if (cachedFont !== undefined) return cachedFont;
  const configured = env.LABEL_FONT_PATH?.trim();
  const candidates = configured
    ? [{ path: configured, family: env.LABEL_FONT_FAMILY?.trim() || undefined }]
    : CANDIDATES;
  cachedFont = candidates.find(usable) ?? null;
  return cachedFont;
}

/** Forgets the font found, so tests can try another configuration. */
export function resetLabelFont(): void {
  cachedFont = undefined;
}

export interface LabelContent {
  url: string;
  assetNo: string;
  name: string;
}

export interface SheetOptions {
  size: LabelSize;
  title: string | null;
  hotline: string | null;
}

interface Geometry {
  page: [number, number];
  label: [number, number];
  columns: number;
  rows: number;
}

/** Label stock: label printers take one label per page; A4 sheets hold 3 × 8 labels of 70 × 37 mm. */
const GEOMETRY: Record<LabelSize, Geometry> = {
  '40x30': { page: [40, 30], label: [40, 30], columns: 1, rows: 1 },
  '50x30': { page: [50, 30], label: [50, 30], columns: 1, rows: 1 },
  a4: { page: [210, 297], label: [70, 297 / 8], columns: 3, rows: 8 },
};

/** Labels per page for a size. */
export function labelsPerPage(size: LabelSize): number {
  const g = GEOMETRY[size];
  return g.columns * g.rows;
}

// Characters the standard PDF fonts can draw (WinAnsi); anything else needs the CJK font.
const LATIN = /^[\u0020-\u007e\u00a0-\u00ff]*$/;

function drawQr(doc: PDFDocument, url: string, x: number, y: number, side: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = side / n;
  doc.fillColor('#000000');
  for (let row = 0; row < n; row++) {
    // Runs of dark modules become one rectangle: smaller files, no hairlines between squares.
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && qr.modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        doc.rect(x + start * cell, y + row * cell, (col - start) * cell + 0.05, cell + 0.05);
        start = -1;
      }
    }
  }
  doc.fill('#000000');
}

function drawLabel(
  doc: PDFDocument,
  content: LabelContent,
  options: SheetOptions,
  origin: [number, number],
  dims: [number, number],
  cjk: boolean,
): void {
  const [w, h] = dims.map((v) => v * MM) as [number, number];
  const [ox, oy] = origin.map((v) => v * MM) as [number, number];
  const margin = 1.5 * MM;
  const small = dims[0] < 45;
  const lineH = (small ? 3.2 : 3.6) * MM;
  const printable = (text: string | null) => (text && (cjk || LATIN.test(text)) ? text : null);
  const title = printable(options.title);
  const hotline = options.hotline
    ? cjk
      ? `报修电话 ${options.hotline}`
      : `Tel ${options.hotline.replace(/[^\x20-\x7e]/g, '')}`
    : null;
  const top = oy + margin + (title ? lineH : 0);
  const bottom = oy + h - margin - (hotline ? lineH : 0);
  const qrSide = Math.min(bottom - top, w * 0.55);
  const qrY = top + (bottom - top - qrSide) / 2;
  drawQr(doc, content.url, ox + margin, qrY, qrSide);

  const fontSize = small ? 6 : 7;
  doc.fillColor('#000000');
  if (title) {
    doc.fontSize(fontSize).text(title, ox + margin, oy + margin, {
      width: w - 2 * margin,
      height: lineH,
      lineBreak: false,
      ellipsis: true,
    });
  }
  const textX = ox + margin + qrSide + 1.2 * MM;
  const textW = ox + w - margin - textX;
  doc.fontSize(fontSize + 1.5).text(content.assetNo, textX, qrY, {
    width: textW,
    lineBreak: true,
    height: lineH * 2,
  });
  const name = printable(content.name);
  if (name) {
    const nameY = qrY + doc.heightOfString(content.assetNo, { width: textW }) + 0.8 * MM;
    doc.fontSize(fontSize).text(name, textX, nameY, {
      width: textW,
      height: Math.max(bottom - nameY, lineH),
      ellipsis: true,
    });
  }
  if (hotline) {
    doc.fontSize(fontSize).text(hotline, ox + margin, oy + h - margin - lineH + 0.6 * MM, {
      width: w - 2 * margin,
      lineBreak: false,
      ellipsis: true,
    });
  }
}

/** The PDF of a label sheet, and whether Chinese text could be drawn. */
export async function labelSheetPdf(
  labels: LabelContent[],
  options: SheetOptions,
): Promise<{ pdf: Buffer; cjk: boolean; pages: number }> {
  const g = GEOMETRY[options.size];
  const font = labelFont();
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: { Title: '设备标签 Device labels', Producer: 'Zhangyi' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const perPage = g.columns * g.rows;
  const pages = Math.max(1, Math.ceil(labels.length / perPage));
  for (let p = 0; p < pages; p++) {
    doc.addPage({ size: [g.page[0] * MM, g.page[1] * MM], margin: 0 });
    if (font) doc.font(font.path, font.family ?? null);
    else doc.font('Helvetica');
    labels.slice(p * perPage, (p + 1) * perPage).forEach((label, i) => {
      const col = i % g.columns;
      const row = Math.floor(i / g.columns);
      drawLabel(doc, label, options, [col * g.label[0], row * g.label[1]], g.label, font !== null);
    });
  }
  doc.end();
  await done;
  return { pdf: Buffer.concat(chunks), cjk: font !== null, pages };
}
