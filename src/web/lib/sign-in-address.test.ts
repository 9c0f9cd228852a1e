import { describe, expect, it } from 'vitest';
import { returnPathOf, sessionEndOf, signInAddress } from './sign-in-address.ts';

const ORIGIN = 'https://praevis.example';

describe('the sign-in address', () => {
  it('carries the page to return to and why the session ended, and nothing for the home page', () => {
    expect(signInAddress({})).toBe('/login');
    expect(signInAddress({ next: '/' })).toBe('/login');
    expect(signInAddress({ next: '/surveys/3?tab=codes' })).toBe('/login?next=%2Fsurveys%2F3%3Ftab%3Dcodes');
    expect(signInAddress({ next: '/users', ended: 'sessionExpired' })).toBe('/login?next=%2Fusers&ended=sessionExpired');
    expect(signInAddress({ ended: 'signedOut' })).toBe('/login?ended=signedOut');
  });

  it('returns to the page the app passed, read back from the address', () => {
    const search = signInAddress({ next: '/surveys/3?tab=codes#letters' }).split('?')[1]!;
    expect(returnPathOf(search, ORIGIN)).toBe('/surveys/3?tab=codes#letters');
    expect(returnPathOf('', ORIGIN)).toBe('/');
  });

  it('never returns to another site, nor to the sign-in page itself', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example/x',
      'javascript:alert(1)',
      'users',
      '/login',
      '/login?next=/x',
    ])
      expect(returnPathOf(`?next=${encodeURIComponent(next)}`, ORIGIN), next).toBe('/');
  });

  it('knows the two ways a session ends, and nothing else', () => {
    expect(sessionEndOf('?ended=signedOut')).toBe('signedOut');
    expect(sessionEndOf('?next=%2F&ended=sessionExpired')).toBe('sessionExpired');
    expect(sessionEndOf('?ended=hacked')).toBeNull();
    expect(sessionEndOf('')).toBeNull();
  });
});
