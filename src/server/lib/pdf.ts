import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/*
 * PDFKit takes about half a second to load (its font metrics and compression), which every server
 * start paid before it drew any document. So it loads with the first document or text measurement
 * a process makes (decision 019).
 */
let pdfKitClass: typeof PDFDocument | undefined;
function pdfKit(): typeof PDFDocument {
  pdfKitClass ??= require('pdfkit') as typeof PDFDocument;
  return pdfKitClass;
}

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
function parsedFonts(): NonNullable<typeof parsed> {
  if (!parsed) {
    const scratch = new (pdfKit())({ font: fontFile('regular') as unknown as string }) as unknown as PdfKitFonts & PdfDocument;
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
 * The page geometry of every PDF (points, A4): nothing is drawn outside `PAGE_MARGIN` on any
 * side; blocks stay inside the content box (`CONTENT_MARGINS`), whose wider bottom leaves a band
 * for the page number.
 */
export const PAGE_MARGIN = 42;
export const CONTENT_MARGINS = { top: 56, left: 56, right: 56, bottom: 72 } as const;

export interface PdfOptions {
  title: string;
  lang?: string;
  author?: string;
  subject?: string;
  /** A fixed creation date; with it the file ID is derived from the content, so the bytes are reproducible. */
  created?: Date;
}

export type PdfDocument = InstanceType<typeof PDFDocument>;

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Starts a PDF: A4, tagged (structure tree, marked content), with the language, the title shown
 * by the viewer (DisplayDocTitle), the embedded fonts and the PDF/UA-1 identifier in the XMP
 * metadata. Modules do not call this directly: they lay out through `lib/pdf-layout.ts`.
 */
export function createPdf(options: PdfOptions): PdfDocument {
  const doc = new (pdfKit())({
    size: 'A4',
    // No standard font is ever opened: the embedded ones are set below.
    font: null as unknown as string,
    margins: { ...CONTENT_MARGINS },
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
  const { Embedded, fonts } = parsedFonts();
  const own = doc as unknown as PdfKitFonts;
  for (const key of Object.keys(FONT) as (keyof typeof FONT)[]) {
    const font = new Embedded(doc, fonts.get(key), `F${++own._fontCount}`);
    own._fontFamilies[FONT[key]] = font;
    own._fontFamilies[font.name] = font;
  }
  if (options.created) {
    doc.info.CreationDate = options.created;
    (doc as unknown as { _id: Buffer })._id = fileId(doc.info as Record<string, unknown>);
  }
  // PDFKit writes the title, author and subject into the XMP packet unescaped: a "&" in a title
  // would make the metadata unreadable. The values are escaped for the XMP only.
  const meta = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = meta._addInfo.bind(doc);
  meta._addInfo = () => {
    const info = meta.info;
    const saved = { Title: info.Title, Author: info.Author, Subject: info.Subject };
    for (const k of Object.keys(saved) as (keyof typeof saved)[]) if (typeof info[k] === 'string') info[k] = xmlEscape(info[k]);
    addInfo();
    Object.assign(info, saved);
  };
  // PDF/UA-1 identification (ISO 14289-1, 5). PDFKit's own `subset: 'PDF/UA'` would also write a
  // CIDSet that does not describe the subset fonts, so the identifier is appended here.
  doc.appendXML(`
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `);
  return doc.font(FONT.regular);
}

/** PDFKit's file ID (an MD5 of the info dictionary), computed again after the creation date was fixed. */
function fileId(info: Record<string, unknown>): Buffer {
  let s = `${(info.CreationDate as Date).getTime()}\n`;
  for (const key of Object.keys(info)) s += `${key}: ${(info[key] as { valueOf(): unknown }).valueOf()}\n`;
  return crypto.createHash('md5').update(s).digest();
}

interface GlyphFont {
  unitsPerEm: number;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}
const advanceCache = new Map<string, number>();

/**
 * The width in pixels of `text` in a CSS font ("bold 12px sans-serif") as the PDFs draw it: in
 * DejaVu Sans. Chart libraries that lay out text on the server (ECharts' measureText) use it, so
 * titles, labels and legends are placed for the font they are drawn in.
 */
export function measureTextWidth(text: string, cssFont = '12px sans-serif'): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(cssFont)?.[1] ?? 12);
  const bold = /\b(bold|[6-9]00)\b/.test(cssFont);
  const font = parsedFonts().fonts.get(bold ? 'bold' : 'regular') as GlyphFont;
  let units = 0;
  for (const ch of text) {
    const key = `${bold ? 'b' : 'r'}${ch}`;
    let w = advanceCache.get(key);
    if (w === undefined) {
      w = font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth;
      advanceCache.set(key, w);
    }
    units += w;
  }
  return (units * size) / font.unitsPerEm;
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
