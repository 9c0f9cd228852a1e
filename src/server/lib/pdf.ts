import fs from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/**
 * The one typeface of every PDF: DejaVu Sans from the `dejavu-fonts-ttf` package, embedded as a
 * subset. It covers Latin Extended-A and B (Sorbian, Polish, Czech, Turkish names), which the
 * standard 14 PDF fonts cannot draw, and PDF/UA requires embedded fonts anyway.
 */
export const FONT = { regular: 'Praevis', bold: 'Praevis-Bold', monoBold: 'Praevis-Mono-Bold' } as const;

const FONT_FILES: Record<keyof typeof FONT, string> = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  monoBold: 'dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf',
};
const fontBytes = new Map<keyof typeof FONT, Buffer>();

/*
 * PDFKit parses a font file anew for every document, and decoding DejaVu's tables then costs
 * more than drawing the document. So each file is parsed once per process, and every document
 * gets its own PDFKit font (its own subset and widths) over that parsed font, whose tables are
 * only read.
 */
interface EmbeddedFontLike {
  name: string;
  font: unknown;
}
type EmbeddedFontClass = new (doc: PdfDocument, font: unknown, id: string) => EmbeddedFontLike;
interface PdfKitFonts {
  _font: EmbeddedFontLike;
  _fontFamilies: Record<string, EmbeddedFontLike>;
  _fontCount: number;
}
let parsed: { Embedded: EmbeddedFontClass; fonts: Map<keyof typeof FONT, unknown> } | null = null;
function parsedFonts(PdfKit: typeof PDFDocument): NonNullable<typeof parsed> {
  if (!parsed) {
    const scratch = new PdfKit({ font: fontFile('regular') as unknown as string }) as unknown as PdfKitFonts & PdfDocument;
    const fonts = new Map<keyof typeof FONT, unknown>();
    let Embedded: EmbeddedFontClass | null = null;
    for (const key of Object.keys(FONT) as (keyof typeof FONT)[]) {
      scratch.font(fontFile(key));
      fonts.set(key, scratch._font.font);
      Embedded = scratch._font.constructor as EmbeddedFontClass;
    }
    parsed = { Embedded: Embedded!, fonts };
  }
  return parsed;
}
/** The font file's bytes, read once per process (never fetched at run time). */
function fontFile(key: keyof typeof FONT): Buffer {
  let bytes = fontBytes.get(key);
  if (!bytes) {
    bytes = fs.readFileSync(require.resolve(FONT_FILES[key]));
    fontBytes.set(key, bytes);
  }
  return bytes;
}

/**
 * One way to start a PDF in Praevis: A4, German by default, tagged (a structure tree for
 * assistive technology, as far as PDFKit allows), with title metadata shown in the viewer's
 * title bar. Modules draw on the returned document and finish with `pdfBuffer`.
 */
export interface PdfOptions {
  title: string;
  lang?: string;
  author?: string;
  subject?: string;
  margin?: number;
}

export type PdfDocument = InstanceType<typeof PDFDocument>;

/*
 * PDFKit takes about half a second to load (its font metrics and compression), which every
 * server start paid before it drew any document. So it loads with the first document a process
 * draws (decision 019), and `createPdf` is asynchronous.
 */
let pdfKit: Promise<typeof PDFDocument> | null = null;
function loadPdfKit(): Promise<typeof PDFDocument> {
  pdfKit ??= import('pdfkit').then((m) => m.default);
  return pdfKit;
}

export async function createPdf(options: PdfOptions): Promise<PdfDocument> {
  const PdfKit = await loadPdfKit();
  const doc = new PdfKit({
    size: 'A4',
    // No standard font is ever opened: the embedded ones are set below.
    font: null as unknown as string,
    margin: options.margin ?? 56,
    tagged: true,
    lang: options.lang ?? 'de-DE',
    displayTitle: true,
    pdfVersion: '1.7',
    bufferPages: true,
    info: {
      Title: options.title,
      Author: options.author ?? 'Praevis',
      Subject: options.subject ?? options.title,
      Creator: 'Praevis',
    },
  });
  const { Embedded, fonts } = parsedFonts(PdfKit);
  const own = doc as unknown as PdfKitFonts;
  for (const key of Object.keys(FONT) as (keyof typeof FONT)[]) {
    const font = new Embedded(doc, fonts.get(key), `F${++own._fontCount}`);
    own._fontFamilies[FONT[key]] = font;
    own._fontFamilies[font.name] = font;
  }
  return doc.font(FONT.regular);
}

/**
 * For svg-to-pdfkit: every font family of a chart's SVG text is drawn in the embedded font
 * (bold where the SVG asks for it).
 */
export function svgFontCallback(_family: string, bold: boolean): string {
  return bold ? FONT.bold : FONT.regular;
}

/** Ends the document and resolves with its bytes. */
export function pdfBuffer(doc: PdfDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Writes "Seite x von y" (or the given label) at the foot of every buffered page. */
export function numberPages(doc: PdfDocument, label = (page: number, total: number) => `Seite ${page} von ${total}`): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const { left, right, bottom } = doc.page.margins;
    const y = doc.page.height - bottom + 16;
    // Below the bottom margin PDFKit would start a new page for the text: lift the margin meanwhile.
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font(FONT.regular)
      .fontSize(9)
      .fillColor('#444444')
      .text(label(i - range.start + 1, range.count), left, y, {
        width: doc.page.width - left - right,
        align: 'center',
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}
