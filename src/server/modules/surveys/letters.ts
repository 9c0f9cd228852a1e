import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import type QRCode from 'qrcode';
import { formatSurveyCode } from '../../../shared/surveys.schema.ts';
import { type CsvDialect, csvFile } from '../../lib/csv.ts';
import { createLayout } from '../../lib/pdf-layout.ts';
import { formatDate } from '../../../shared/time.ts';

const require = createRequire(import.meta.url);
let qrLibrary: typeof QRCode | undefined;

/*
 * Invitation and reminder letters (one per page: code, short URL, QR code) and the codes as CSV
 * for a mail merge. Addresses never enter Praevis: the office that mails the letters joins the
 * running number of each letter to its own address list. Reminders go to every code of a batch
 * (those who answered are thanked), so the mailing reveals nothing about who took part.
 */

export type LetterKind = 'invitation' | 'reminder';

export interface LetterBatch {
  title: string;
  municipality: string;
  fieldEnd: string;
  baseUrl: string;
  batch: number;
  codes: string[];
}

/** The short URL of a code: `<base>/befragung/<CODE>`; the QR code carries the same address. */
export function surveyUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/befragung/${code}`;
}

export function surveyEntryUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/befragung`;
}

/** Pixels per QR module in the printed image: 1-bit, drawn 130 pt wide, so each module is about 3.6 pt. */
const QR_SCALE = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * The QR code of a text as a small 1-bit grayscale PNG (one quiet module around it). Building it
 * from the code's modules is far cheaper than a rendered RGBA image, and keeps the PDF small.
 */
export function qrPng(text: string): Buffer {
  // Loaded with the first letter, not at server start (decision 019).
  qrLibrary ??= require('qrcode') as typeof QRCode;
  const qr = qrLibrary.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = (n + 2) * QR_SCALE;
  const rowBytes = Math.ceil(side / 8);
  const raw = Buffer.alloc((rowBytes + 1) * side, 0);
  for (let y = 0; y < side; y += 1) {
    const row = y * (rowBytes + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < side; x += 1) {
      const my = Math.floor(y / QR_SCALE) - 1;
      const mx = Math.floor(x / QR_SCALE) - 1;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx) === 1;
      // 1 is white in a grayscale image.
      const at = row + 1 + (x >> 3);
      if (!dark) raw[at] = (raw[at] ?? 0) | (0x80 >> (x & 7));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Called every few pages while letters are drawn; may be slow (it writes the progress of a job). */
export type LettersProgress = (done: number, total: number) => Promise<void> | void;

const PROGRESS_EVERY = 100;

export async function renderLetters(b: LetterBatch, kind: LetterKind, onProgress?: LettersProgress): Promise<Buffer> {
  const pdf = createLayout({
    title: `${kind === 'invitation' ? 'Einladung' : 'Erinnerung'}: ${b.title} – ${b.municipality}, Stapel ${b.batch}`,
    subject: 'Anschreiben zur Bürgerbefragung mit Zugangscode',
    pageNumbers: false,
  });
  const until = formatDate(b.fieldEnd, 'de', 'long');
  const text = { size: 11 };
  for (let i = 0; i < b.codes.length; i += 1) {
    const code = b.codes[i]!;
    if (i > 0 && i % PROGRESS_EVERY === 0) {
      await onProgress?.(i, b.codes.length);
      // Give the server's requests a turn: letters may be drawn in the server's own process.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (i > 0) pdf.newPage();
    const url = surveyUrl(b.baseUrl, code);
    pdf.paragraph(`${b.municipality} · Kommunale Kriminalprävention · Brief ${i + 1} von ${b.codes.length} (Stapel ${b.batch})`, {
      size: 9,
      color: '#444444',
      gapAfter: 36,
    });
    pdf.heading(kind === 'invitation' ? `Einladung zur Befragung: ${b.title}` : `Erinnerung: ${b.title}`, 1, {
      size: 16,
      color: '#000000',
      gapAfter: 12,
    });
    pdf.paragraph('Sehr geehrte Damen und Herren,', { ...text, gapAfter: 6 });
    pdf.paragraph(
      kind === 'invitation'
        ? `Sie sind zufällig für eine Befragung zur Sicherheit in ${b.municipality} ausgewählt worden. Wir möchten wissen, wie sicher Sie sich in Ihrer Wohngegend fühlen, was Sie stört und wie Sie die Arbeit von Stadt und Polizei erleben. Ihre Antworten helfen, Vorbeugung dort anzusetzen, wo sie gebraucht wird.`
        : `vor einigen Wochen haben wir Sie zu einer Befragung zur Sicherheit in ${b.municipality} eingeladen. Falls Sie bereits teilgenommen haben, danken wir Ihnen herzlich – dann ist dieser Brief für Sie erledigt. Falls nicht, würden wir uns sehr freuen, wenn Sie sich noch einige Minuten Zeit nehmen.`,
      { ...text, gapAfter: 6 },
    );
    pdf.paragraph(`Die Teilnahme ist freiwillig und dauert etwa 15 Minuten. Sie ist bis zum ${until} möglich.`, { ...text, gapAfter: 18 });
    pdf.framed({
      lines: [
        { text: 'Ihr persönlicher Zugangscode:', style: text },
        { text: formatSurveyCode(code), style: { size: 22, mono: true } },
        { text: 'Scannen Sie den QR-Code mit dem Smartphone oder öffnen Sie die Adresse:', style: { size: 10 } },
        { text: url, style: { size: 10, bold: true } },
        { text: `oder ${surveyEntryUrl(b.baseUrl)} und geben Sie dort den Code ein.`, style: { size: 10 } },
      ],
      image: { png: qrPng(url), width: 130, height: 130, alt: `QR-Code mit der Adresse ${url}` },
    });
    pdf.paragraph(
      'Ihre Antworten sind anonym: Der Zugangscode wird nach dem Absenden nur als „verbraucht“ markiert und nicht mit Ihren Antworten gespeichert. Niemand kann Ihre Antworten Ihrer Person zuordnen. Sie können den Fragebogen unterbrechen und später mit demselben Code fortsetzen.',
      { ...text, gapAfter: 6 },
    );
    pdf.paragraph('Lieber auf Papier? Den Fragebogen erhalten Sie bei Ihrer Gemeindeverwaltung; senden Sie ihn ohne Absender zurück.', {
      ...text,
      gapAfter: 12,
    });
    pdf.paragraph('Mit freundlichen Grüßen', { ...text, gapAfter: 4 });
    pdf.paragraph(`Ihre Gemeinde ${b.municipality} und der Landespräventionsrat`, text);
  }
  const bytes = await pdf.finish();
  await onProgress?.(b.codes.length, b.codes.length);
  return bytes;
}

/** The codes of a batch as CSV of the dialect for a mail merge: one line per letter. */
export function renderCodesCsv(b: LetterBatch & { ags: string }, dialect: CsvDialect): Buffer {
  const rows: Array<Array<string | number>> = [['nummer', 'stapel', 'ags', 'gemeinde', 'zugangscode', 'adresse', 'teilnahme_bis']];
  b.codes.forEach((code, i) =>
    rows.push([i + 1, b.batch, b.ags, b.municipality, formatSurveyCode(code), surveyUrl(b.baseUrl, code), b.fieldEnd]),
  );
  return csvFile(rows, dialect);
}
