import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS } from '../../../shared/limits.ts';
import { acceptOf, ALL_DOCUMENT_FORMATS, documentFileProblem, formatNamesOf } from './document-file.ts';

const file = (name: string, size = 1000, type = '') => ({ name, size, type });

describe('the document file check', () => {
  it('takes a file of the owner’s formats by its extension or its media type', () => {
    expect(documentFileProblem(file('Vereinbarung.PDF'), ['pdf'])).toBeNull();
    expect(documentFileProblem(file('scan', 1000, 'application/pdf'), ['pdf'])).toBeNull();
    expect(documentFileProblem(file('foto.jpg'), ALL_DOCUMENT_FORMATS)).toBeNull();
  });

  it('refuses another format, a file without extension, and a file over the size limit', () => {
    expect(documentFileProblem(file('foto.png', 1000, 'image/png'), ['pdf'])).toBe('format');
    expect(documentFileProblem(file('notizen.txt', 1000, 'text/plain'), ALL_DOCUMENT_FORMATS)).toBe('format');
    expect(documentFileProblem(file('pdf'), ['pdf'])).toBe('format');
    expect(documentFileProblem(file('gross.pdf', DOCUMENT_LIMITS.maxBytes + 1), ['pdf'])).toBe('tooLarge');
    expect(documentFileProblem(file('genau.pdf', DOCUMENT_LIMITS.maxBytes), ['pdf'])).toBeNull();
  });

  it('offers the formats to the file picker and names them', () => {
    expect(acceptOf(['pdf'])).toBe('application/pdf,.pdf');
    expect(acceptOf(['pdf', 'jpeg'])).toBe('application/pdf,.pdf,image/jpeg,.jpg,.jpeg');
    expect(formatNamesOf(['pdf', 'docx'])).toBe('PDF, DOCX');
  });
});
