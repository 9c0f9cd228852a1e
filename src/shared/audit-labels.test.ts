import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditActionLabel } from './audit-labels.ts';

const SERVER = path.resolve(import.meta.dirname, '../server');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The action codes the server passes to the audit trail (`action: '…'`, also in a conditional). */
function recordedActions(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(SERVER)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('recordAudit') && !text.includes('AuditChange')) continue;
    for (const m of text.matchAll(/\baction:\s*([^,\n}]+)/g)) {
      // The code itself, or the branches of `cond ? 'a' : 'b'` (not the strings of the condition).
      for (const q of m[1]!.trim().matchAll(/(?:^|[?:]\s*)'([a-z][a-z0-9_.-]*)'/g)) codes.add(q[1]!);
    }
  }
  return codes;
}

describe('audit action labels', () => {
  it('cover every action the server records, in both languages', () => {
    const codes = recordedActions();
    expect(codes.size).toBeGreaterThan(40);
    const missing = [...codes].filter((c) => !AUDIT_ACTION_LABELS[c]);
    expect(missing).toEqual([]);
    for (const text of Object.values(AUDIT_ACTION_LABELS)) {
      expect(text.de.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
    }
  });

  it('read in the chosen language, and an unknown code as words', () => {
    expect(auditActionLabel('freeze_report', 'de')).toBe('Abschlussbericht festgeschrieben');
    expect(auditActionLabel('freeze_report', 'en')).toBe('final report frozen');
    expect(auditActionLabel('some.new_action', 'de')).toBe('some new action');
  });
});
