import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';

/*
 * The message templates, kept as files in `templates/`: for a template `name` and a language,
 * `name.<de|en>.subject.txt`, `name.<de|en>.html` and `name.<de|en>.txt`, rendered with mustache
 * (`{{ }}` escapes HTML; the plain-text templates use `{{{ }}}`). Every body is then wrapped in the
 * one shared layout (`layout.<de|en>.html|txt`) whose footer links to the notification settings.
 * The compiled server (dist/server) reads the same files from the source tree.
 */

export type MailLanguage = 'de' | 'en';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML escaping of `{{ }}` (mustache's default also escapes `/`, `=` and backticks, which makes links unreadable). */
const escapeHtml = (s: string) => String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
const noEscape = (s: string) => String(s);

const NAME = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

function findTemplatesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'templates')];
  for (let dir = here; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'src/server/modules/mail/templates'));
    if (path.dirname(dir) === dir) break;
  }
  const found = candidates.find((c) => fs.existsSync(path.join(c, 'layout.de.html')));
  if (!found) throw new Error('The mail templates (src/server/modules/mail/templates) were not found');
  return found;
}

let templatesDir: string | undefined;
const cache = new Map<string, string>();

function readTemplate(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    templatesDir ??= findTemplatesDir();
    const full = path.join(templatesDir, file);
    if (!fs.existsSync(full)) throw new Error(`The mail template ${file} does not exist`);
    text = fs.readFileSync(full, 'utf8');
    cache.set(file, text);
  }
  return text;
}

/** Whether the template exists in both languages with subject, HTML and text. */
export function templateExists(name: string): boolean {
  if (!NAME.test(name)) return false;
  try {
    for (const lang of ['de', 'en'] as const) for (const ext of ['subject.txt', 'html', 'txt']) readTemplate(`${name}.${lang}.${ext}`);
    return true;
  } catch {
    return false;
  }
}

/** Renders a template in a language, wrapped in the shared layout with the link to the notification settings. */
export function renderMail(name: string, language: MailLanguage, data: Record<string, unknown>, settingsUrl: string): RenderedMail {
  if (!NAME.test(name) || name.startsWith('layout')) throw new Error(`Invalid mail template name: ${name}`);
  const subject = Mustache.render(readTemplate(`${name}.${language}.subject.txt`), data, {}, { escape: noEscape })
    .replace(/\s+/g, ' ')
    .trim();
  const htmlBody = Mustache.render(readTemplate(`${name}.${language}.html`), data, {}, { escape: escapeHtml });
  const textBody = Mustache.render(readTemplate(`${name}.${language}.txt`), data, {}, { escape: noEscape }).trim();
  const html = Mustache.render(
    readTemplate(`layout.${language}.html`),
    { subject, content: htmlBody, settingsUrl },
    {},
    { escape: escapeHtml },
  );
  const text = `${Mustache.render(readTemplate(`layout.${language}.txt`), { content: textBody, settingsUrl }, {}, { escape: noEscape }).trim()}\n`;
  return { subject, html, text };
}
