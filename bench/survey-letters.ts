/*
 * Invitation letters of one code batch as PDF (one page per code with its QR code), as the letters
 * job draws them in the background: the time for a batch of 6,000 codes (LETTERS_COUNT overrides
 * the count) beside a single letter's time as the baseline, measured in the same run. Target: well
 * under the 125 s the letters took when each QR code was a rendered 300-pixel RGBA image.
 */
import { performance } from 'node:perf_hooks';
import { renderLetters } from '../src/server/modules/surveys/letters.ts';

const COUNT = Number(process.env.LETTERS_COUNT ?? 6000);
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function codes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    let s = '';
    let x = i * 2_654_435_761 + 97;
    for (let k = 0; k < 12; k += 1) {
      s += ALPHABET[x % 32];
      x = Math.floor(x / 32) + k * 7919;
    }
    return s;
  });
}

async function time(n: number): Promise<{ ms: number; bytes: number }> {
  const batch = {
    title: 'Sicherheit in der Stadt 2026',
    municipality: 'Annaberg-Buchholz',
    fieldEnd: '2026-12-31',
    baseUrl: 'https://praevis.example',
    batch: 1,
    codes: codes(n),
  };
  const start = performance.now();
  const pdf = await renderLetters(batch, 'invitation');
  return { ms: performance.now() - start, bytes: pdf.length };
}

export default async function run(): Promise<void> {
  await time(5); // warm-up: fonts, modules, JIT
  const single = await time(1);
  const batch = await time(COUNT);
  const perLetter = batch.ms / COUNT;
  process.stdout.write(
    [
      `single letter (baseline):  ${single.ms.toFixed(1)} ms, ${(single.bytes / 1024).toFixed(0)} KB`,
      `${COUNT.toLocaleString('en')} letters:            ${(batch.ms / 1000).toFixed(1)} s, ${(batch.bytes / 1024 / 1024).toFixed(1)} MB (${perLetter.toFixed(2)} ms per letter, ${(perLetter / single.ms).toFixed(2)}× a single letter's time)`,
      `target: well under 125 s for 6,000 letters`,
      '',
    ].join('\n'),
  );
}
