import PDFDocument from 'pdfkit';

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

export function createPdf(options: PdfOptions): PdfDocument {
  return new PDFDocument({
    size: 'A4',
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
