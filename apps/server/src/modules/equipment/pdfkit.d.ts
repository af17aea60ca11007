// The part of pdfkit's API the label sheets use (the package ships no types of its own).
declare module 'pdfkit' {
  import type { EventEmitter } from 'node:events';

  interface PageOptions {
    size?: [number, number] | string;
    margin?: number;
  }
  interface DocumentOptions extends PageOptions {
    autoFirstPage?: boolean;
    compress?: boolean;
    info?: Record<string, string | Date>;
  }
  interface TextOptions {
    width?: number;
    height?: number;
    lineBreak?: boolean;
    ellipsis?: boolean | string;
    align?: 'left' | 'center' | 'right' | 'justify';
    lineGap?: number;
  }

  export default class PDFDocument extends EventEmitter {
    constructor(options?: DocumentOptions);
    addPage(options?: PageOptions): this;
    font(src: string | Buffer, family?: string | null): this;
    fontSize(size: number): this;
    text(text: string, x?: number, y?: number, options?: TextOptions): this;
    heightOfString(text: string, options?: TextOptions): number;
    widthOfString(text: string): number;
    rect(x: number, y: number, w: number, h: number): this;
    fill(color?: string): this;
    fillColor(color: string): this;
    end(): void;
  }
}
