import { z } from 'zod';
import { DEMO_LABEL, demoLabelActive } from '../lib/demo-label.ts';

/** A binary file answer in the OpenAPI document (CSV, XLSX, PDF, iCalendar …). */
export const fileResponse = (description: string) => z.unknown().meta({ type: 'string', format: 'binary', description });

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 5987). */
export function attachment(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  // A file of demo data says so in its name (decision 036).
  const fileName = demoLabelActive() && !name.startsWith(DEMO_LABEL) ? `${DEMO_LABEL}_${name}` : name;
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The multipart form of an upload route in the OpenAPI document: the binary field "file" (read with readUpload of lib/upload.ts). */
export const uploadForm = (description: string) => z.object({ file: fileResponse(description) });
