import QRCode from 'qrcode';
import { formatSurveyCode } from '../../../shared/surveys.schema.ts';
import { toCsv } from '../../lib/csv.ts';
import { createPdf, pdfBuffer } from '../../lib/pdf.ts';
import { formatDate } from '../../../shared/time.ts';

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

export async function renderLetters(b: LetterBatch, kind: LetterKind): Promise<Buffer> {
  const doc = createPdf({
    title: `${kind === 'invitation' ? 'Einladung' : 'Erinnerung'}: ${b.title} – ${b.municipality}, Stapel ${b.batch}`,
    subject: 'Anschreiben zur Bürgerbefragung mit Zugangscode',
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const until = formatDate(b.fieldEnd, 'de', 'long');
  for (let i = 0; i < b.codes.length; i += 1) {
    const code = b.codes[i]!;
    if (i > 0) doc.addPage();
    const url = surveyUrl(b.baseUrl, code);
    const qr = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 300 });
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#444444')
      .text(
        `${b.municipality} · Kommunale Kriminalprävention · Brief ${i + 1} von ${b.codes.length} (Stapel ${b.batch})`,
        left,
        doc.page.margins.top,
        { width },
      );
    doc.moveDown(3).fillColor('#000000');
    doc
      .font('Helvetica-Bold')
      .fontSize(16)
      .text(kind === 'invitation' ? `Einladung zur Befragung: ${b.title}` : `Erinnerung: ${b.title}`, { width });
    doc.moveDown().font('Helvetica').fontSize(11);
    doc.text('Sehr geehrte Damen und Herren,', { width }).moveDown(0.5);
    if (kind === 'invitation') {
      doc.text(
        `Sie sind zufällig für eine Befragung zur Sicherheit in ${b.municipality} ausgewählt worden. Wir möchten wissen, wie sicher Sie sich in Ihrer Wohngegend fühlen, was Sie stört und wie Sie die Arbeit von Stadt und Polizei erleben. Ihre Antworten helfen, Vorbeugung dort anzusetzen, wo sie gebraucht wird.`,
        { width },
      );
    } else {
      doc.text(
        `vor einigen Wochen haben wir Sie zu einer Befragung zur Sicherheit in ${b.municipality} eingeladen. Falls Sie bereits teilgenommen haben, danken wir Ihnen herzlich – dann ist dieser Brief für Sie erledigt. Falls nicht, würden wir uns sehr freuen, wenn Sie sich noch einige Minuten Zeit nehmen.`,
        { width },
      );
    }
    doc.moveDown(0.5).text(`Die Teilnahme ist freiwillig und dauert etwa 15 Minuten. Sie ist bis zum ${until} möglich.`, { width });
    doc.moveDown(1.5);
    const boxTop = doc.y;
    doc.rect(left, boxTop, width, 150).lineWidth(1).strokeColor('#333333').stroke();
    doc.image(qr, left + width - 140, boxTop + 10, { width: 130, height: 130 });
    doc
      .font('Helvetica')
      .fontSize(11)
      .text('Ihr persönlicher Zugangscode:', left + 14, boxTop + 14, { width: width - 170 });
    doc
      .font('Courier-Bold')
      .fontSize(22)
      .text(formatSurveyCode(code), left + 14, boxTop + 34, { width: width - 170 });
    doc
      .font('Helvetica')
      .fontSize(10)
      .text('Scannen Sie den QR-Code mit dem Smartphone oder öffnen Sie die Adresse:', left + 14, boxTop + 72, { width: width - 170 })
      .font('Helvetica-Bold')
      .text(url, { width: width - 170 })
      .font('Helvetica')
      .text(`oder ${surveyEntryUrl(b.baseUrl)} und geben Sie dort den Code ein.`, { width: width - 170 });
    doc.y = boxTop + 165;
    doc.x = left;
    doc.font('Helvetica').fontSize(11);
    doc.text(
      'Ihre Antworten sind anonym: Der Zugangscode wird nach dem Absenden nur als „verbraucht“ markiert und nicht mit Ihren Antworten gespeichert. Niemand kann Ihre Antworten Ihrer Person zuordnen. Sie können den Fragebogen unterbrechen und später mit demselben Code fortsetzen.',
      { width },
    );
    doc
      .moveDown(0.5)
      .text('Lieber auf Papier? Den Fragebogen erhalten Sie bei Ihrer Gemeindeverwaltung; senden Sie ihn ohne Absender zurück.', { width });
    doc
      .moveDown(1)
      .text('Mit freundlichen Grüßen', { width })
      .moveDown(0.3)
      .text(`Ihre Gemeinde ${b.municipality} und der Landespräventionsrat`, { width });
  }
  return pdfBuffer(doc);
}

/** The codes of a batch as CSV (UTF-8 with BOM) for a mail merge: one line per letter. */
export function renderCodesCsv(b: LetterBatch & { ags: string }): string {
  const rows: Array<Array<string | number>> = [['nummer', 'stapel', 'ags', 'gemeinde', 'zugangscode', 'adresse', 'teilnahme_bis']];
  b.codes.forEach((code, i) =>
    rows.push([i + 1, b.batch, b.ags, b.municipality, formatSurveyCode(code), surveyUrl(b.baseUrl, code), b.fieldEnd]),
  );
  return `\uFEFF${toCsv(rows)}`;
}
