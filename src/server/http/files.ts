import { z } from 'zod';

/** A binary file answer in the OpenAPI document (CSV, XLSX, PDF, iCalendar …). */
export const fileResponse = (description: string) => z.unknown().meta({ type: 'string', format: 'binary', description });

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 5987). */
export function attachment(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The multipart form of an upload route in the OpenAPI document: the binary field "file" (read with readUpload of lib/upload.ts). */
export const uploadForm = (description: string) => z.object({ file: fileResponse(description) });
