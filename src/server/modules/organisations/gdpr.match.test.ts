import { describe, expect, it } from 'vitest';
import { nationalNumber, personMatcher } from './gdpr.match.ts';

describe('finding a person in free text', () => {
  const m = personMatcher({ firstName: 'Max', lastName: 'Testperson-4711', email: 'max.t@example.org', phone: '+49 351 47114711' });
  const z = personMatcher({ firstName: 'Jürgen', lastName: 'Weißgärber', email: null, phone: null });

  it.each([
    ['Herr Testperson-4711 berichtet', '[gelöscht] berichtet'],
    ['Frau Dr. Testperson-4711 berichtet', '[gelöscht] berichtet'],
    ['M. Testperson-4711 berichtet', '[gelöscht] berichtet'],
    ['MAX TESTPERSON-4711 berichtet', '[gelöscht] berichtet'],
    ['Testperson-4711, Max berichtet', '[gelöscht] berichtet'],
    ['Tel. 0351/47114711.', 'Tel. [gelöscht].'],
    ['Tel. 0351 4711 4711.', 'Tel. [gelöscht].'],
    ['Tel. +49 351 47114711.', 'Tel. [gelöscht].'],
    ['Tel. 0049 (351) 4711-4711.', 'Tel. [gelöscht].'],
    ['Mail an MAX.T@EXAMPLE.ORG!', 'Mail an [gelöscht]!'],
  ])('%s', (text, expected) => expect(m.redact(text)).toBe(expected));

  it.each([
    ['Juergen Weissgaerber kommt', '[gelöscht] kommt'],
    ['Jurgen Weissgarber kommt', '[gelöscht] kommt'],
    ['JÜRGEN WEISSGÄRBER kommt', '[gelöscht] kommt'],
    ['Weißgärber, Jürgen kommt', '[gelöscht] kommt'],
    ['Rücksprache mit  J.  Weißgärber', 'Rücksprache mit  [gelöscht]'],
  ])('%s', (text, expected) => expect(z.redact(text)).toBe(expected));

  it('leaves other words, the surname alone and other numbers alone', () => {
    for (const t of ['Weißgärber kommt', 'Jürgen kommt', 'Jürgen Weißgärberstraße', 'Tel. 0351 4711 4712', 'Max Testperson-47110'])
      expect(z.redact(m.redact(t))).toBe(t);
  });

  it('compares phone numbers without country code and leading zero', () => {
    expect(nationalNumber('+49 351 47114711')).toBe('35147114711');
    expect(nationalNumber('0049 351 47114711')).toBe('35147114711');
    expect(nationalNumber('0351/47114711')).toBe('35147114711');
  });
});
