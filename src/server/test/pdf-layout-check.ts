import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { observeLayouts, type LayoutRecord } from '../lib/pdf-layout.ts';
import { PAGE_MARGIN } from '../lib/pdf.ts';
import { pdftoppm } from './poppler.ts';

/*
 * The layout checks of the PDF tests, on what pdf.js reads back: every text item with its box
 * (from the text matrix, the advance width and the font's ascent and descent), per page.
 */

const STANDARD_FONTS = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

export interface TextBox {
  page: number;
  str: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPageBoxes {
  width: number;
  height: number;
  items: TextBox[];
}

/** The text items of every page with their boxes in points from the page's top left corner. */
export async function readTextBoxes(bytes: Uint8Array): Promise<PdfPageBoxes[]> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: STANDARD_FONTS,
  }).promise;
  const pages: PdfPageBoxes[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i += 1) {
      const page = await doc.getPage(i);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: TextBox[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        const style = content.styles[item.fontName] as { ascent?: number; descent?: number } | undefined;
        const ascent = style?.ascent ?? 0.9;
        const descent = style?.descent ?? -0.25;
        const len = Math.hypot(a!, b!) || 1;
        const [ux, uy] = [a! / len, b! / len];
        const corners: [number, number][] = [];
        for (const along of [0, item.width])
          for (const up of [descent, ascent]) corners.push([e! + ux * along + c! * up, f! + uy * along + d! * up]);
        const xs = corners.map((p) => p[0]);
        const ys = corners.map((p) => height - p[1]);
        items.push({ page: i - 1, str: item.str, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) });
      }
      pages.push({ width, height, items });
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

export interface LayoutProblem {
  page: number;
  problem: string;
}

/**
 * Text items outside the page margins, and pairs of text items whose boxes overlap by more than
 * `tolerance` points in both directions.
 */
export function findTextProblems(pages: PdfPageBoxes[], margin: number, tolerance = 0.75): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  pages.forEach((p, page) => {
    for (const t of p.items) {
      if (
        t.x0 < margin - tolerance ||
        t.y0 < margin - tolerance ||
        t.x1 > p.width - margin + tolerance ||
        t.y1 > p.height - margin + tolerance
      )
        problems.push({
          page,
          problem: `outside the margins: "${t.str}" at ${t.x0.toFixed(1)},${t.y0.toFixed(1)}–${t.x1.toFixed(1)},${t.y1.toFixed(1)}`,
        });
    }
    const items = [...p.items].sort((a, b) => a.y0 - b.y0);
    for (let i = 0; i < items.length; i += 1) {
      const a = items[i]!;
      for (let j = i + 1; j < items.length; j += 1) {
        const b = items[j]!;
        if (b.y0 >= a.y1 - tolerance) break;
        const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (w > tolerance && h > tolerance) problems.push({ page, problem: `overlap: "${a.str}" and "${b.str}"` });
      }
    }
  });
  return problems;
}

interface StructElem {
  role: string;
  alt: string | undefined;
  /** Kids: structure elements (object numbers) or marked content (page object number and MCID). */
  kids: ({ elem: number } | { page: number; mcid: number })[];
}

/** A PDF text string as PDFKit writes it: (literal) with escapes, UTF-16BE after a byte order mark. */
function pdfString(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const bytes = s.slice(1, -1).replace(/\\([()\\])/g, '$1');
  return bytes.startsWith('\u00fe\u00ff') ? Buffer.from(bytes.slice(2), 'latin1').swap16().toString('utf16le') : bytes;
}

/** The structure elements of a PDF, parsed from its objects (PDFKit writes them uncompressed). */
function parseStructElements(objects: Map<number, string>): Map<number, StructElem> {
  const elems = new Map<number, StructElem>();
  for (const [num, o] of objects) {
    const role = /^<<\s*\/S \/(\w+)/.exec(o)?.[1];
    if (!role || !/\n\/P \d+ 0 R/.test(o)) continue;
    const pg = Number(/\/Pg (\d+) 0 R/.exec(o)?.[1] ?? 0);
    const k = /\/K \[([\s\S]*?)\]\n(\/|>>)/.exec(o)?.[1] ?? '';
    const kids: StructElem['kids'] = [];
    for (const m of k.matchAll(/<<([\s\S]*?)>>|(\d+) 0 R|(\d+)/g)) {
      if (m[1] !== undefined) {
        const mcid = /\/MCID (\d+)/.exec(m[1]);
        if (mcid) kids.push({ page: Number(/\/Pg (\d+) 0 R/.exec(m[1])![1]), mcid: Number(mcid[1]) });
      } else if (m[2] !== undefined) kids.push({ elem: Number(m[2]) });
      else kids.push({ page: pg, mcid: Number(m[3]) });
    }
    elems.set(num, { role, alt: pdfString(/\/Alt (\((?:\\.|[^\\)])*\))/.exec(o)?.[1]), kids });
  }
  return elems;
}

/** What a PDF/UA structure check needs, read with pdf.js and from the PDF's (uncompressed) objects. */
export interface PdfStructure {
  language: string | undefined;
  title: string | undefined;
  displayDocTitle: boolean;
  pdfuaPart: string | undefined;
  /** Headings H1–H6 in structure order with their text. */
  headings: { role: string; text: string }[];
  /** Bookmarks in document order (depth first). */
  bookmarks: string[];
  tables: { headerCells: number; dataCells: number }[];
  /** Every TH element has a Scope attribute (Column, Row or Both). */
  thWithoutScope: number;
  figures: { alt: string | undefined }[];
  /** Entries of the table of contents (TOCI) and how many of them hold a Link. */
  tocEntries: number;
  tocLinks: number;
  /** Link annotations tied to the structure tree (StructParent) and object references (OBJR). */
  linkAnnotations: number;
  linkAnnotationsWithStructParent: number;
  objectReferences: number;
  /** Text inside Artifact marked content, per page (page numbers, repeated table headers, chart text). */
  artifactText: string[];
}

/** Reads the structure tree, outline, metadata and artifacts of a PDF. */
export async function readStructure(bytes: Uint8Array): Promise<PdfStructure> {
  const raw = Buffer.from(bytes).toString('latin1');
  const objects = new Map(
    [...raw.matchAll(/(\d+) 0 obj\s([\s\S]*?)\sendobj/g)]
      .filter((m) => !m[2]!.includes('stream\n'))
      .map((m) => [Number(m[1]), m[2]!] as const),
  );
  const all = [...objects.values()];
  const th = all.filter((o) => /\/S \/TH\b/.test(o));
  const elems = parseStructElements(objects);
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: STANDARD_FONTS,
  }).promise;
  try {
    const meta = await doc.getMetadata();
    const info = meta.info as Record<string, unknown>;
    const xmp = (meta.metadata as { getRaw(): string } | null)?.getRaw() ?? '';
    const outline = (await doc.getOutline()) ?? [];
    const bookmarks: string[] = [];
    const walk = (items: { title: string; items: unknown[] }[]) => {
      for (const i of items) {
        bookmarks.push(i.title);
        walk(i.items as { title: string; items: unknown[] }[]);
      }
    };
    walk(outline as { title: string; items: unknown[] }[]);
    const result: PdfStructure = {
      language: info.Language as string | undefined,
      title: info.Title as string | undefined,
      displayDocTitle: /\/DisplayDocTitle true/.test(raw),
      pdfuaPart: /<pdfuaid:part>(\d)<\/pdfuaid:part>/.exec(xmp)?.[1],
      headings: [],
      bookmarks,
      tables: [],
      thWithoutScope: th.filter((o) => !/\/Scope \/(Column|Row|Both)/.test(o)).length,
      figures: [],
      tocEntries: 0,
      tocLinks: 0,
      linkAnnotations: 0,
      linkAnnotationsWithStructParent: all.filter((o) => /\/Subtype \/Link/.test(o) && /\/StructParent \d+/.test(o)).length,
      objectReferences: all.filter((o) => /\/Type \/OBJR/.test(o)).length,
      artifactText: [],
    };
    // The text of each marked-content sequence, by page object number and MCID.
    const contentText = new Map<string, string>();
    for (let i = 1; i <= doc.numPages; i += 1) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const open: { id?: string; artifact: boolean }[] = [];
      let artifacts = '';
      for (const item of content.items as { type?: string; id?: string; tag?: string; str?: string; hasEOL?: boolean }[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
          open.push({ id: item.id, artifact: item.tag === 'Artifact' });
        } else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str !== undefined) {
          const top = open[open.length - 1];
          const str = item.hasEOL ? `${item.str} ` : item.str;
          if (open.some((o) => o.artifact)) artifacts += `${item.str} `;
          else if (top?.id) {
            // pdf.js names marked content "p<page object>R_mc<MCID>".
            const m = /^p(\d+)R_mc(\d+)$/.exec(top.id);
            if (m) contentText.set(`${m[1]}:${m[2]}`, (contentText.get(`${m[1]}:${m[2]}`) ?? '') + str);
          }
        }
      }
      result.artifactText.push(artifacts.replace(/\s+/g, ' ').trim());
      result.linkAnnotations += (await page.getAnnotations()).filter((a: { subtype?: string }) => a.subtype === 'Link').length;
      page.cleanup();
    }
    const textOf = (e: StructElem): string =>
      e.kids
        .map((k) => ('elem' in k ? (elems.get(k.elem) ? textOf(elems.get(k.elem)!) : '') : (contentText.get(`${k.page}:${k.mcid}`) ?? '')))
        .join('');
    const count = (e: StructElem, role: string): number =>
      e.kids.reduce(
        (n, k) => n + ('elem' in k && elems.get(k.elem) ? (elems.get(k.elem)!.role === role ? 1 : 0) + count(elems.get(k.elem)!, role) : 0),
        0,
      );
    const root = /\/StructTreeRoot (\d+) 0 R/.exec(raw)?.[1];
    const rootKids = /\/K \[([^\]]*)\]/.exec(objects.get(Number(root)) ?? '')?.[1] ?? '';
    const visit = (num: number) => {
      const e = elems.get(num);
      if (!e) return;
      if (/^H[1-6]$/.test(e.role)) result.headings.push({ role: e.role, text: textOf(e).replace(/\s+/g, ' ').trim() });
      if (e.role === 'Figure') result.figures.push({ alt: e.alt });
      if (e.role === 'Table') result.tables.push({ headerCells: count(e, 'TH'), dataCells: count(e, 'TD') });
      if (e.role === 'TOCI') {
        result.tocEntries += 1;
        if (e.kids.some((k) => 'elem' in k && elems.get(k.elem)?.role === 'Link')) result.tocLinks += 1;
      }
      for (const k of e.kids) if ('elem' in k) visit(k.elem);
    };
    for (const m of rootKids.matchAll(/(\d+) 0 R/g)) visit(Number(m[1]));
    return result;
  } finally {
    await doc.destroy();
  }
}

/** Runs `fn` and returns the records of the layouts it finished (lib/pdf-layout.ts). */
export async function captureLayouts<T>(fn: () => Promise<T>): Promise<{ result: T; layouts: LayoutRecord[] }> {
  const layouts: LayoutRecord[] = [];
  const stop = observeLayouts((r) => layouts.push(r));
  try {
    return { result: await fn(), layouts };
  } finally {
    stop();
  }
}

/**
 * Every layout check of one PDF: no text item outside the page margins, no two text items
 * overlapping, every block the layout drew inside the content box, and every page rendered by
 * pdftoppm. Returns the problems (an empty list when the PDF is laid out well).
 */
export async function checkPdfLayout(bytes: Uint8Array, layout: LayoutRecord | undefined): Promise<string[]> {
  const pages = await readTextBoxes(bytes);
  const problems = findTextProblems(pages, PAGE_MARGIN).map((p) => `page ${p.page + 1}: ${p.problem}`);
  if (!layout) problems.push('no layout record: the PDF was not drawn through lib/pdf-layout.ts');
  else {
    if (layout.pageCount !== pages.length) problems.push(`layout has ${layout.pageCount} pages, the PDF ${pages.length}`);
    const b = layout.box;
    for (const block of layout.blocks) {
      if (
        block.x < b.left - 0.5 ||
        block.y < b.top - 0.5 ||
        block.x + block.width > b.right + 0.5 ||
        block.y + block.height > b.bottom + 0.5
      )
        problems.push(
          `page ${block.page + 1}: ${block.kind} at ${block.x.toFixed(1)},${block.y.toFixed(1)} ${block.width.toFixed(1)}×${block.height.toFixed(1)} leaves the content box`,
        );
    }
    // Blocks never lie on top of each other.
    const sorted = [...layout.blocks].sort((p, q) => p.page - q.page || p.y - q.y);
    for (let i = 1; i < sorted.length; i += 1) {
      const [p, q] = [sorted[i - 1]!, sorted[i]!];
      const overlapX = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x);
      if (p.page === q.page && q.y < p.y + p.height - 0.5 && overlapX > 0.5)
        problems.push(`page ${q.page + 1}: ${q.kind} drawn over ${p.kind} at y ${q.y.toFixed(1)}`);
    }
  }
  const images = await pdftoppm(bytes, 30);
  if (images.length !== pages.length) problems.push(`pdftoppm rendered ${images.length} of ${pages.length} pages`);
  images.forEach((png, i) => {
    if (png.length < 200 || png.readUInt32BE(0) !== 0x89504e47) problems.push(`page ${i + 1}: pdftoppm gave no image`);
  });
  return problems;
}

/** Text without any whitespace, to compare extracted text where lines may have broken. */
export const squeeze = (s: string): string => s.replace(/\s+/g, '');
