/*
 * The one layout layer of every PDF (decision 025). A document is a flow of blocks (heading,
 * paragraph, key-value list, bullet list, table, figure from SVG or PNG, chart with its data table)
 * placed one below the other inside the content box of `lib/pdf.ts`:
 * - a block that does not fit the rest of the page moves to the next page whole; paragraphs and
 *   tables are the only blocks that break, a paragraph between lines (at least two on a page), a
 *   table between rows, with its header row repeated on the next page;
 * - a heading is kept with the beginning of the block after it, a chart with its caption and its
 *   data table where they fit on one page;
 * - figures scale down to the content width (and height), titles and cells wrap.
 * Tagging for PDF/UA-1 is built in: H1–H3, P, L/LI/Lbl/LBody, Table/TR/TH(Scope)/TD with a
 * Caption, Figure with Alt (text inside a chart is an artifact), TOC/TOCI/Link with OBJR for
 * linked contents entries, page numbers, repeated header rows and rules as artifacts, bookmarks
 * equal to the headings. Every placed block is recorded (page and box), which the layout tests
 * check against the content box.
 */
import { createRequire } from 'node:module';
import { CONTENT_MARGINS, createPdf, FONT, pdfBuffer, PAGE_MARGIN, type PdfDocument, type PdfOptions, svgFontCallback } from './pdf.ts';
import { DEMO_LABEL, demoLabelActive } from './demo-label.ts';

const require = createRequire(import.meta.url);
type SvgToPdf = (
  doc: PdfDocument,
  svg: string,
  x: number,
  y: number,
  options: {
    width: number;
    height: number;
    assumePt?: boolean;
    preserveAspectRatio?: string;
    fontCallback?: (family: string, bold: boolean) => string;
  },
) => void;
const SVGtoPDF = require('svg-to-pdfkit') as SvgToPdf;

type StructElement = ReturnType<PdfDocument['struct']>;
type StructContent = ReturnType<PdfDocument['markStructureContent']>;

/** The content box of a page, in points from the top left corner. */
export interface ContentBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

export type BlockKind = 'heading' | 'paragraph' | 'keyValues' | 'list' | 'table' | 'figure' | 'contents' | 'space';

/** Where a block (or the part of it on one page) was drawn: 0-based page and box in points. */
export interface PlacedBlock {
  kind: BlockKind;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a finished layout reports to observers (the layout tests). */
export interface LayoutRecord {
  title: string;
  pageCount: number;
  pageSize: { width: number; height: number };
  box: ContentBox;
  blocks: PlacedBlock[];
  headings: { level: 1 | 2 | 3; text: string; page: number }[];
}

const observers = new Set<(record: LayoutRecord) => void>();

/** Calls `listener` with the record of every layout finished until the returned function is called. */
export function observeLayouts(listener: (record: LayoutRecord) => void): () => void {
  observers.add(listener);
  return () => observers.delete(listener);
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  mono?: boolean;
  color?: string;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Space below the block in points (default: half the font size). */
  gapAfter?: number;
}

export interface TableSpec {
  /** Drawn above the table and tagged as its Caption. */
  caption?: string;
  header: string[];
  rows: string[][];
  /** Per column; by default numbers are right-aligned and text left-aligned. */
  align?: ('left' | 'center' | 'right')[];
  /** Relative column widths; by default from the content. */
  widths?: number[];
  size?: number;
}

export interface FigureSpec {
  /** Alternative text: required, PDF/UA needs it for every figure. */
  alt: string;
  /** The natural size (SVG user units or image pixels taken as points); scaled down to the box. */
  width: number;
  height: number;
  svg?: string;
  png?: Buffer;
  align?: 'left' | 'center' | 'right';
  gapAfter?: number;
}

export interface ChartSpec {
  /** The chart's heading (level 2), kept with the figure. */
  title: string;
  /** null: the chart is left out (its table still follows). */
  figure: FigureSpec | null;
  table?: TableSpec;
  /** A source line below the table. */
  source?: string;
}

export interface LayoutOptions extends PdfOptions {
  /** Page numbers in the footer band (default true); `label` overrides "Seite x von y". */
  pageNumbers?: boolean | ((page: number, total: number) => string);
}

interface Block {
  kind: BlockKind;
  /** The height the block needs on the page it starts on (its first unbreakable piece). */
  first: number;
  /** Its whole height. */
  full: number;
  draw: () => void;
}

const COLOR = { text: '#111111', heading: '#1f4e79', muted: '#444444', rule: '#9aa7b5', headerFill: '#e8eef6' };
const HEADING_SIZE = { 1: 17, 2: 13, 3: 11 } as const;
const LINE_GAP = 1.5;
const CELL_PAD = 3;
const NUMERIC = /^[-–+−]?[\d.,  ]+( ?(%|€|‰))?$/;

/** The PDF dictionary of a structure element (for attributes PDFKit has no option for). */
function dictOf(el: StructElement): Record<string, unknown> {
  return (el as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
}

/** A document under construction: blocks in reading order, then `finish()` for the bytes. */
export class PdfLayout {
  readonly doc: PdfDocument;
  readonly box: ContentBox;
  private readonly root: StructElement;
  private readonly blocks: PlacedBlock[] = [];
  private readonly headings: { level: 1 | 2 | 3; text: string; page: number; y: number; order: number }[] = [];
  private pending: Block[] = [];
  private readonly pageNumbers: LayoutOptions['pageNumbers'];
  private readonly title: string;
  private toc: { page: number; pages: number; heading: StructElement; toc: StructElement; title: string; order: number } | null = null;
  private order = 0;

  constructor(options: LayoutOptions) {
    this.doc = createPdf(options);
    this.title = options.title;
    this.pageNumbers = options.pageNumbers ?? true;
    const { width, height } = this.doc.page;
    this.box = {
      left: CONTENT_MARGINS.left,
      top: CONTENT_MARGINS.top,
      right: width - CONTENT_MARGINS.right,
      bottom: height - CONTENT_MARGINS.bottom,
      width: width - CONTENT_MARGINS.left - CONTENT_MARGINS.right,
      height: height - CONTENT_MARGINS.top - CONTENT_MARGINS.bottom,
    };
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
  }

  /** The 0-based index of the current page. */
  get page(): number {
    return this.doc.bufferedPageRange().start + this.pageIndexOf(this.doc.page);
  }

  private pageIndexOf(page: unknown): number {
    return (this.doc as unknown as { _pageBuffer: unknown[] })._pageBuffer.indexOf(page);
  }

  private get y(): number {
    return this.doc.y;
  }

  private atTop(): boolean {
    return this.doc.y <= this.box.top + 0.01;
  }

  private fits(height: number): boolean {
    return this.doc.y + height <= this.box.bottom + 0.01;
  }

  private ensure(height: number): void {
    if (!this.fits(height) && !this.atTop()) this.addPage();
  }

  /** Starts a new page, unless the current one is still empty. */
  newPage(): this {
    this.flush();
    if (this.atTop()) return this;
    this.addPage();
    return this;
  }

  private addPage(): void {
    this.doc.addPage();
    this.doc.x = this.box.left;
    this.doc.y = this.box.top;
  }

  /** Moves down by `points` (not past the content box; at the top of a page nothing happens). */
  space(points: number): this {
    this.flush();
    if (!this.atTop()) this.doc.y = Math.min(this.doc.y + points, this.box.bottom);
    return this;
  }

  /** Moves to `y` on the current page (a title page's first line), when it is still below. */
  moveTo(y: number): this {
    this.flush();
    if (y > this.doc.y && y < this.box.bottom) this.doc.y = y;
    return this;
  }

  private record(kind: BlockKind, startPage: number, startY: number, x = this.box.left, width = this.box.width): void {
    const endPage = this.page;
    for (let p = startPage; p <= endPage; p += 1) {
      const y0 = p === startPage ? startY : this.box.top;
      const y1 = p === endPage ? this.doc.y : this.box.bottom;
      if (y1 > y0) this.blocks.push({ kind, page: p, x, y: y0, width, height: y1 - y0 });
    }
  }

  private font(style: TextStyle): PdfDocument {
    return this.doc
      .font(style.mono ? FONT.monoBold : style.bold ? FONT.bold : FONT.regular)
      .fontSize(style.size ?? 10.5)
      .fillColor(style.color ?? COLOR.text);
  }

  private lineHeight(style: TextStyle): number {
    this.font(style);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  private textHeight(text: string, style: TextStyle, width = this.box.width): number {
    this.font(style);
    // One line needs no line breaking (most table cells): measured by its width alone.
    if (!text.includes('\n') && this.doc.widthOfString(text) <= width) return this.doc.currentLineHeight(true) + LINE_GAP;
    return this.doc.heightOfString(text, { width, lineGap: LINE_GAP });
  }

  /** Places a block: with the headings before it on one page, else on the next page. */
  private place(block: Block): void {
    const pending = this.pending;
    this.pending = [];
    const need = pending.reduce((s, b) => s + b.full, 0) + block.first;
    if (!this.fits(need) && !this.atTop() && need <= this.box.height) this.addPage();
    for (const p of pending) p.draw();
    block.draw();
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) {
      this.ensure(p.full);
      p.draw();
    }
  }

  private text(tag: string, parent: StructElement, text: string, style: TextStyle, x = this.box.left, width = this.box.width): void {
    const el = this.doc.struct(tag);
    parent.add(el);
    el.add(() => {
      this.font(style).text(text, x, this.doc.y, { width, align: style.align ?? 'left', lineGap: LINE_GAP });
    });
    el.end();
    this.doc.x = this.box.left;
  }

  /** A heading (H1–H3): wraps, stays with the start of the next block, and becomes a bookmark. */
  heading(text: string, level: 1 | 2 | 3 = 1, style: Omit<TextStyle, 'bold'> = {}): this {
    const s: TextStyle = { size: HEADING_SIZE[level], color: COLOR.heading, ...style, bold: true };
    const gap = s.gapAfter ?? (level === 1 ? 10 : 6);
    const height = this.textHeight(text, s);
    const order = this.order++;
    this.pending.push({
      kind: 'heading',
      first: height + gap,
      full: height + gap,
      draw: () => {
        const [page, y] = [this.page, this.y];
        this.headings.push({ level, text, page, y, order });
        this.text(`H${level}`, this.root, text, s);
        this.record('heading', page, y);
        this.doc.y += gap;
      },
    });
    return this;
  }

  /** A paragraph: breaks between lines, at least two lines on a page. */
  paragraph(text: string, style: TextStyle = {}): this {
    if (!text) return this;
    const full = this.textHeight(text, style);
    const first = Math.min(full, 2 * this.lineHeight(style));
    const gap = style.gapAfter ?? (style.size ?? 10.5) * 0.6;
    this.place({
      kind: 'paragraph',
      first,
      full,
      draw: () => {
        this.ensure(first);
        const [page, y] = [this.page, this.y];
        this.text('P', this.root, text, style);
        this.record('paragraph', page, y);
        this.doc.y = Math.min(this.doc.y + gap, this.box.bottom);
      },
    });
    return this;
  }

  /** A bulleted list (L, LI, Lbl, LBody); each item is kept whole on a page. */
  bullets(items: string[], style: TextStyle = {}): this {
    if (!items.length) return this;
    const indent = 12;
    const heights = items.map((t) => this.textHeight(t, style, this.box.width - indent));
    const gap = style.gapAfter ?? 6;
    this.place({
      kind: 'list',
      first: heights[0]!,
      full: heights.reduce((a, b) => a + b, 0),
      draw: () => {
        const list = this.doc.struct('L');
        this.root.add(list);
        items.forEach((item, i) => {
          this.ensure(Math.min(heights[i]!, this.box.height));
          const [page, y] = [this.page, this.y];
          const li = this.doc.struct('LI');
          list.add(li);
          const lbl = this.doc.struct('Lbl');
          li.add(lbl);
          lbl.add(() => this.font(style).text('•', this.box.left, y, { width: indent, lineBreak: false }));
          lbl.end();
          this.doc.y = y;
          this.text('LBody', li, item, style, this.box.left + indent, this.box.width - indent);
          li.end();
          this.record('list', page, y);
        });
        list.end();
        this.doc.y = Math.min(this.doc.y + gap, this.box.bottom);
      },
    });
    return this;
  }

  /** Label and value pairs as a two-column table without rules (labels tagged TH with Scope Row). */
  keyValues(pairs: [string, string][], style: TextStyle & { labelShare?: number; valueAlign?: 'left' | 'right' } = {}): this {
    if (!pairs.length) return this;
    const share = style.labelShare ?? 0.45;
    const lw = this.box.width * share - 6;
    const vw = this.box.width * (1 - share);
    const heights = pairs.map(([k, v]) => Math.max(this.textHeight(k, style, lw), this.textHeight(v, style, vw)) + 2);
    const gap = style.gapAfter ?? 6;
    this.place({
      kind: 'keyValues',
      first: heights[0]!,
      full: heights.reduce((a, b) => a + b, 0),
      draw: () => {
        const table = this.doc.struct('Table');
        this.root.add(table);
        pairs.forEach(([k, v], i) => {
          this.ensure(Math.min(heights[i]!, this.box.height));
          const [page, y] = [this.page, this.y];
          const tr = this.doc.struct('TR');
          table.add(tr);
          const th = this.doc.struct('TH');
          dictOf(th).A = { O: 'Table', Scope: 'Row' };
          tr.add(th);
          th.add(() => this.font(style).text(k, this.box.left, y, { width: lw, lineGap: LINE_GAP }));
          th.end();
          const td = this.doc.struct('TD');
          tr.add(td);
          td.add(() =>
            this.font(style).text(v, this.box.left + this.box.width * share, y, {
              width: vw,
              align: style.valueAlign ?? 'left',
              lineGap: LINE_GAP,
            }),
          );
          td.end();
          tr.end();
          this.doc.x = this.box.left;
          this.doc.y = y + heights[i]!;
          this.record('keyValues', page, y);
        });
        table.end();
        this.doc.y = Math.min(this.doc.y + gap, this.box.bottom);
      },
    });
    return this;
  }

  private columnWidths(spec: TableSpec, size: number): number[] {
    const n = spec.header.length;
    const total = this.box.width;
    if (spec.widths?.length === n) {
      const sum = spec.widths.reduce((a, b) => a + b, 0);
      return spec.widths.map((w) => (w / sum) * total);
    }
    // Natural widths (the longest cell, unwrapped), then every column gets its natural width up to
    // an even share of what is left; columns wider than that wrap.
    const natural = spec.header.map((h, j) => {
      this.font({ size, bold: true });
      let w = this.doc.widthOfString(h);
      this.font({ size });
      for (const row of spec.rows) w = Math.max(w, this.doc.widthOfString(row[j] ?? ''));
      return w + 2 * CELL_PAD + 1;
    });
    const widths = new Array<number>(n).fill(0);
    let open = natural.map((_, j) => j);
    let left = total;
    while (open.length) {
      const share = left / open.length;
      const narrow = open.filter((j) => natural[j]! <= share);
      if (!narrow.length) {
        for (const j of open) widths[j] = share;
        break;
      }
      for (const j of narrow) {
        widths[j] = natural[j]!;
        left -= natural[j]!;
      }
      open = open.filter((j) => natural[j]! > share);
    }
    // Spread what is left over every column, so the table spans the content width.
    const used = widths.reduce((a, b) => a + b, 0);
    return widths.map((w) => w + (total - used) / n);
  }

  private tableBlock(spec: TableSpec): Block {
    const size = spec.size ?? 9;
    const widths = this.columnWidths(spec, size);
    const aligns = spec.header.map(
      (_, j) => spec.align?.[j] ?? (spec.rows.length && spec.rows.every((r) => !r[j] || NUMERIC.test(r[j])) ? 'right' : 'left'),
    );
    const rowHeight = (cells: string[], bold: boolean) =>
      Math.min(
        Math.max(...cells.map((c, j) => this.textHeight(c || ' ', { size, bold }, widths[j]! - 2 * CELL_PAD))) + 2 * CELL_PAD,
        this.box.height / 2,
      );
    const headerHeight = rowHeight(spec.header, true);
    const heights = spec.rows.map((r) => rowHeight(r, false));
    const captionStyle: TextStyle = { size: 10, bold: true, color: COLOR.text };
    const captionHeight = spec.caption ? this.textHeight(spec.caption, captionStyle) + 4 : 0;
    const first = captionHeight + headerHeight + (heights[0] ?? 0);
    return {
      kind: 'table',
      first,
      full: captionHeight + headerHeight + heights.reduce((a, b) => a + b, 0),
      draw: () => {
        this.ensure(first);
        const doc = this.doc;
        const table = doc.struct('Table');
        this.root.add(table);
        let [page, y0] = [this.page, this.y];
        if (spec.caption) {
          this.text('Caption', table, spec.caption, captionStyle);
          doc.y += 4;
        }
        const drawRow = (cells: string[], h: number, header: boolean, parent: StructElement | null) => {
          const y = doc.y;
          // Fills and rules are decoration: artifacts.
          doc.markContent('Artifact', { type: 'Layout' });
          if (header) doc.save().rect(this.box.left, y, this.box.width, h).fill(COLOR.headerFill).restore();
          doc
            .save()
            .lineWidth(header ? 0.8 : 0.4)
            .moveTo(this.box.left, y + h)
            .lineTo(this.box.right, y + h)
            .stroke(COLOR.rule)
            .restore();
          doc.endMarkedContent();
          const tr = parent ? doc.struct('TR') : null;
          if (tr) parent!.add(tr);
          let x = this.box.left;
          cells.forEach((c, j) => {
            const w = widths[j]!;
            const draw = () =>
              this.font({ size, bold: header }).text(c, x + CELL_PAD, y + CELL_PAD, {
                width: w - 2 * CELL_PAD,
                height: h - 2 * CELL_PAD,
                ellipsis: true,
                align: aligns[j],
                lineGap: LINE_GAP,
              });
            if (tr) {
              const cell = doc.struct(header ? 'TH' : 'TD');
              if (header) dictOf(cell).A = { O: 'Table', Scope: 'Column' };
              tr.add(cell);
              if (c) cell.add(draw);
              cell.end();
            } else if (c) {
              doc.markContent('Artifact', { type: 'Pagination' });
              draw();
              doc.endMarkedContent();
            }
            x += w;
          });
          tr?.end();
          doc.x = this.box.left;
          doc.y = y + h;
        };
        drawRow(spec.header, headerHeight, true, table);
        spec.rows.forEach((row, i) => {
          const h = heights[i]!;
          if (!this.fits(h)) {
            this.record('table', page, y0);
            this.addPage();
            [page, y0] = [this.page, this.y];
            // The header row again, as an artifact: assistive technology reads it once.
            drawRow(spec.header, headerHeight, true, null);
          }
          drawRow(row, h, false, table);
        });
        table.end();
        this.record('table', page, y0);
        doc.y = Math.min(doc.y + 10, this.box.bottom);
      },
    };
  }

  /** A table: breaks between rows and repeats its header row on the next page. */
  table(spec: TableSpec): this {
    this.place(this.tableBlock(spec));
    return this;
  }

  private figureSize(f: FigureSpec): { w: number; h: number } {
    const scale = Math.min(1, this.box.width / f.width, (this.box.height * 0.9) / f.height);
    return { w: f.width * scale, h: f.height * scale };
  }

  private figureBlock(f: FigureSpec): Block {
    const { w, h } = this.figureSize(f);
    const gap = f.gapAfter ?? 8;
    return {
      kind: 'figure',
      first: h,
      full: h + gap,
      draw: () => {
        this.ensure(h);
        const doc = this.doc;
        const [page, y] = [this.page, this.y];
        const x = this.box.left + (f.align === 'center' ? (this.box.width - w) / 2 : f.align === 'right' ? this.box.width - w : 0);
        const fig = doc.struct('Figure', { alt: f.alt });
        this.root.add(fig);
        // The figure's bounding box (PDF/UA: Figure needs a BBox in its layout attributes).
        dictOf(fig).A = { O: 'Layout', Placement: 'Block', BBox: [x, doc.page.height - y - h, x + w, doc.page.height - y] };
        if (f.svg) this.drawSvg(fig, f.svg, x, y, w, h);
        else if (f.png) {
          const png = f.png;
          fig.add(() => doc.image(png, x, y, { width: w, height: h }));
        }
        fig.end();
        doc.x = this.box.left;
        doc.y = y + h;
        this.record('figure', page, y, x, w);
        doc.y = Math.min(doc.y + gap, this.box.bottom);
      },
    };
  }

  /**
   * An SVG (a chart, the map) as one Figure: its graphics are the figure's content, the text
   * inside it (axis labels, legend) is marked as artifact, since the Alt text and the data table
   * say what the figure shows.
   */
  private drawSvg(fig: StructElement, svg: string, x: number, y: number, w: number, h: number): void {
    const doc = this.doc;
    const open = () => fig.add(doc.markStructureContent('Figure') as StructContent);
    const target = doc as unknown as { addContent: (data: string) => PdfDocument; page: { markings?: unknown[] } };
    const write = target.addContent.bind(doc);
    open();
    target.addContent = (data: string) => {
      // svg-to-pdfkit draws groups (opacity, masks) into form XObjects through a stand-in page
      // without markings; only text on the page itself is switched to an artifact.
      if (target.page.markings && data === 'BT') {
        doc.markContent('Artifact', { type: 'Layout' });
        return write(data);
      }
      if (target.page.markings && data === 'ET') {
        write(data);
        doc.endMarkedContent();
        open();
        return doc;
      }
      return write(data);
    };
    // Nothing the SVG draws leaves the figure's box.
    doc.save().rect(x, y, w, h).clip();
    try {
      // The SVG's own width and height would draw it at its natural size: the viewBox is fitted
      // into the box instead (the chart scaled to the content width).
      SVGtoPDF(doc, svg, x, y, {
        width: w,
        height: h,
        assumePt: true,
        preserveAspectRatio: 'xMidYMid meet',
        fontCallback: svgFontCallback,
      });
    } finally {
      delete (target as { addContent?: unknown }).addContent;
      doc.restore();
      doc.endMarkedContent();
    }
  }

  /** A figure (SVG or PNG) with its alternative text, scaled down to the content box. */
  figure(f: FigureSpec): this {
    this.place(this.figureBlock(f));
    return this;
  }

  /**
   * A framed box kept whole on one page: lines of text on the left, an image with its alternative
   * text on the right (a survey letter's access code and QR code). The frame is an artifact.
   */
  framed(spec: { lines: { text: string; style?: TextStyle }[]; image?: FigureSpec & { png: Buffer }; padding?: number }): this {
    const pad = spec.padding ?? 12;
    const img = spec.image;
    const textWidth = this.box.width - 2 * pad - (img ? img.width + pad : 0);
    const heights = spec.lines.map((l) => this.textHeight(l.text, l.style ?? {}, textWidth) + 4);
    const h =
      Math.max(
        heights.reduce((a, b) => a + b, 0),
        img?.height ?? 0,
      ) +
      2 * pad;
    this.place({
      kind: 'figure',
      first: h,
      full: h,
      draw: () => {
        this.ensure(h);
        const doc = this.doc;
        const [page, y] = [this.page, this.y];
        doc.markContent('Artifact', { type: 'Layout' });
        doc.save().rect(this.box.left, y, this.box.width, h).lineWidth(1).stroke('#333333').restore();
        doc.endMarkedContent();
        doc.y = y + pad;
        spec.lines.forEach((l, i) => {
          const at = doc.y;
          this.text('P', this.root, l.text, l.style ?? {}, this.box.left + pad, textWidth);
          doc.y = at + heights[i]!;
        });
        if (img) {
          const x = this.box.right - pad - img.width;
          const fig = doc.struct('Figure', { alt: img.alt });
          this.root.add(fig);
          dictOf(fig).A = {
            O: 'Layout',
            Placement: 'Block',
            BBox: [x, doc.page.height - y - pad - img.height, x + img.width, doc.page.height - y - pad],
          };
          fig.add(() => doc.image(img.png, x, y + pad, { width: img.width, height: img.height }));
          fig.end();
        }
        doc.x = this.box.left;
        doc.y = y + h;
        this.record('figure', page, y);
        doc.y = Math.min(doc.y + 12, this.box.bottom);
      },
    });
    return this;
  }

  /**
   * A chart: its heading, the figure, its data table and source, kept on one page where they fit
   * together; otherwise the chart starts on a new page and the table continues after it.
   */
  chart(c: ChartSpec): this {
    const s: TextStyle = { size: HEADING_SIZE[2], color: COLOR.heading, bold: true };
    const headingHeight = this.textHeight(c.title, s) + 6;
    const parts: Block[] = [];
    if (c.figure) parts.push(this.figureBlock(c.figure));
    if (c.table) parts.push(this.tableBlock(c.table));
    const sourceStyle: TextStyle = { size: 8, color: '#555555' };
    if (c.source) {
      const source = c.source;
      const h = this.textHeight(source, sourceStyle);
      parts.push({
        kind: 'paragraph',
        first: h,
        full: h,
        draw: () => {
          this.ensure(h);
          const [page, y] = [this.page, this.y];
          this.text('P', this.root, source, sourceStyle);
          this.record('paragraph', page, y);
          this.doc.y = Math.min(this.doc.y + 8, this.box.bottom);
        },
      });
    }
    const full = headingHeight + parts.reduce((a, b) => a + b.full, 0);
    const first = full <= this.box.height ? full : headingHeight + (parts[0]?.first ?? 0);
    this.heading(c.title, 2);
    this.place({ kind: 'figure', first: first - headingHeight, full: full - headingHeight, draw: () => parts.forEach((p) => p.draw()) });
    return this;
  }

  /**
   * Reserves the table of contents here (pages for `entries` lines); `finish()` fills it with the
   * level-1 headings that follow, each a link to its page.
   */
  contents(title: string, entries: number): this {
    this.flush();
    if (!this.atTop()) this.newPage();
    const headingStyle: TextStyle = { size: HEADING_SIZE[1], bold: true };
    const need = this.textHeight(title, headingStyle) + 10 + entries * this.lineHeight({ size: 11 }) * 1.3;
    const pages = Math.max(1, Math.ceil(need / this.box.height));
    const heading = this.doc.struct('H1');
    this.root.add(heading);
    const toc = this.doc.struct('TOC');
    this.root.add(toc);
    this.toc = { page: this.page, pages, heading, toc, title, order: this.order++ };
    for (let i = 0; i < pages; i += 1) this.addPage();
    return this;
  }

  private fillContents(): void {
    const c = this.toc;
    if (!c) return;
    const doc = this.doc;
    doc.switchToPage(c.page);
    doc.x = this.box.left;
    doc.y = this.box.top;
    this.headings.push({ level: 1, text: c.title, page: c.page, y: this.box.top, order: c.order });
    c.heading.add(() => this.font({ size: HEADING_SIZE[1], bold: true, color: COLOR.heading }).text(c.title, { width: this.box.width }));
    c.heading.end();
    doc.y += 10;
    const entries = this.headings.filter((h) => h.level === 1 && h.order > c.order).sort((a, b) => a.order - b.order);
    const numberWidth = 40;
    let page = c.page;
    for (const e of entries) {
      const style: TextStyle = { size: 11 };
      const h = this.textHeight(e.text, style, this.box.width - numberWidth);
      if (!this.fits(h) && page < c.page + c.pages - 1) {
        page += 1;
        doc.switchToPage(page);
        doc.y = this.box.top;
      }
      if (!this.fits(h)) break; // the reserved pages are full (a caller's count was too small)
      const y = doc.y;
      const toci = doc.struct('TOCI');
      c.toc.add(toci);
      const link = doc.struct('Link');
      toci.add(link);
      link.add(() => {
        this.font(style).text(e.text, this.box.left, y, { width: this.box.width - numberWidth, lineGap: LINE_GAP });
        this.font(style).text(String(e.page + 1), this.box.right - numberWidth, y, { width: numberWidth, align: 'right' });
      });
      this.linkAnnotation(link, this.box.left, y, this.box.width, h, e.page, `${e.text}, Seite ${e.page + 1}`);
      link.end();
      toci.end();
      this.blocks.push({ kind: 'contents', page, x: this.box.left, y, width: this.box.width, height: h });
      doc.y = y + h + 4;
    }
    c.toc.end();
  }

  /** A link annotation to a page, tied to its Link structure element (OBJR) as PDF/UA asks. */
  private linkAnnotation(link: StructElement, x: number, y: number, w: number, h: number, toPage: number, contents: string): void {
    const doc = this.doc as unknown as {
      getStructTreeRoot(): { data: { ParentTreeNextKey: number } };
      getStructParentTree(): { add(key: number, value: unknown): void };
      link(x: number, y: number, w: number, h: number, page: number, options: Record<string, unknown>): void;
      page: { annotations: unknown[]; dictionary: { data: Record<string, unknown> } };
    };
    const key = doc.getStructTreeRoot().data.ParentTreeNextKey++;
    doc.getStructParentTree().add(key, (link as unknown as { dictionary: unknown }).dictionary);
    doc.link(x, y, w, h, toPage, { StructParent: key, Contents: new String(contents) });
    const annot = doc.page.annotations[doc.page.annotations.length - 1];
    doc.page.dictionary.data.Tabs = 'S';
    // PDFKit's structure elements take marked content only: the object reference is added to the
    // element's kids when it is written.
    const el = link as unknown as { _children: unknown[]; _flushChild: (child: unknown) => void; dictionary: { data: { K: unknown[] } } };
    const marker = { objr: annot };
    el._children.push(marker);
    const flushChild = el._flushChild.bind(el);
    el._flushChild = (child: unknown) => {
      if (child === marker) el.dictionary.data.K.push({ Type: 'OBJR', Obj: annot });
      else flushChild(child);
    };
  }

  private numberPages(): void {
    // A document of demo data says so on every page, in the footer band (decision 036).
    const demo = demoLabelActive();
    if (!this.pageNumbers && !demo) return;
    const numbered =
      typeof this.pageNumbers === 'function'
        ? this.pageNumbers
        : this.pageNumbers
          ? (p: number, n: number) => `Seite ${p} von ${n}`
          : () => '';
    const label = demo ? (p: number, n: number) => [DEMO_LABEL, numbered(p, n)].filter(Boolean).join(' · ') : numbered;
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      // The footer band lies below the content box, above the page margin; PDFKit would open a
      // new page for text below its bottom margin, so the margin is lifted meanwhile.
      doc.page.margins.bottom = 0;
      doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
      this.font({ size: 9, color: COLOR.muted });
      const y = doc.page.height - PAGE_MARGIN - doc.currentLineHeight(true) - 2;
      doc.text(label(i - range.start + 1, range.count), this.box.left, y, { width: this.box.width, align: 'center', lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }

  private outline(): void {
    const doc = this.doc;
    type Item = ReturnType<PdfDocument['outline']['addItem']>;
    const open: (Item | undefined)[] = [];
    for (const h of [...this.headings].sort((a, b) => a.order - b.order)) {
      doc.switchToPage(h.page);
      const parent =
        open
          .slice(0, h.level - 1)
          .reverse()
          .find(Boolean) ?? doc.outline;
      open[h.level - 1] = parent.addItem(h.text);
      open.length = h.level;
    }
  }

  /** Ends the document: contents, bookmarks, page numbers; resolves with the bytes. */
  async finish(): Promise<Buffer> {
    this.flush();
    this.fillContents();
    this.root.end();
    this.outline();
    this.numberPages();
    const range = this.doc.bufferedPageRange();
    const record: LayoutRecord = {
      title: this.title,
      pageCount: range.count,
      pageSize: { width: this.doc.page.width, height: this.doc.page.height },
      box: this.box,
      blocks: this.blocks,
      headings: [...this.headings].sort((a, b) => a.order - b.order).map(({ level, text, page }) => ({ level, text, page })),
    };
    const bytes = await pdfBuffer(this.doc);
    for (const o of observers) o(record);
    return bytes;
  }
}

/** Starts a document laid out by the one layout layer. */
export function createLayout(options: LayoutOptions): PdfLayout {
  return new PdfLayout(options);
}
