/* Reads the QR codes printed on each page of a PDF (test helper): images through pdf.js, decoded with jsQR. */
import jsQR from 'jsqr';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface PdfImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
  kind: number;
}

function toRgba(img: PdfImage): Uint8ClampedArray {
  const n = img.width * img.height;
  const out = new Uint8ClampedArray(n * 4);
  if (img.kind === 3) return new Uint8ClampedArray(img.data);
  if (img.kind === 2) {
    for (let i = 0; i < n; i += 1) {
      out[i * 4] = img.data[i * 3]!;
      out[i * 4 + 1] = img.data[i * 3 + 1]!;
      out[i * 4 + 2] = img.data[i * 3 + 2]!;
      out[i * 4 + 3] = 255;
    }
    return out;
  }
  // 1 bit per pixel, rows padded to whole bytes.
  const rowBytes = (img.width + 7) >> 3;
  for (let y = 0; y < img.height; y += 1) {
    for (let x = 0; x < img.width; x += 1) {
      const bit = (img.data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
      const v = bit ? 255 : 0;
      const i = (y * img.width + x) * 4;
      out[i] = v;
      out[i + 1] = v;
      out[i + 2] = v;
      out[i + 3] = 255;
    }
  }
  return out;
}

/** The decoded text of every QR code, page by page. */
export async function pdfQrCodes(bytes: Uint8Array): Promise<string[][]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[][] = [];
  for (let p = 1; p <= doc.numPages; p += 1) {
    const page = await doc.getPage(p);
    const ops = await page.getOperatorList();
    const found: string[] = [];
    for (let i = 0; i < ops.fnArray.length; i += 1) {
      if (ops.fnArray[i] !== OPS.paintImageXObject) continue;
      const id = ops.argsArray[i][0] as string;
      const store = id.startsWith('g_') ? page.commonObjs : page.objs;
      const img = await new Promise<PdfImage>((resolve) => store.get(id, resolve));
      const code = jsQR(toRgba(img), img.width, img.height);
      if (code) found.push(code.data);
    }
    pages.push(found);
  }
  await doc.destroy();
  return pages;
}
