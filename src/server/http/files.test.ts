import { describe, expect, it } from 'vitest';
import { attachment } from './files.ts';

describe('file answers', () => {
  it('names a download in ASCII for old clients and in UTF-8 for the rest, with no header injection', () => {
    expect(attachment('Sicherheitsanalyse Großenhain.pdf')).toBe(
      `attachment; filename="Sicherheitsanalyse Gro_enhain.pdf"; filename*=UTF-8''Sicherheitsanalyse%20Gro%C3%9Fenhain.pdf`,
    );
    expect(attachment('a"b\\c.csv', 'inline')).toBe(`inline; filename="a_b_c.csv"; filename*=UTF-8''a%22b%5Cc.csv`);
    expect(attachment('x\r\ny.ics')).not.toMatch(/[\r\n]/);
  });
});
