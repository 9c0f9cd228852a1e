/** Small hand-made T01 files for the parser's unit tests (never the real file). */
export const T01_HEADER =
  'Schluessel;Straftat;Gemeindeschluessel;Stadt-/Landkreis;Kreisart;Anzahl erfasste Faelle;Haeufigkeitszahl;erfasste Faelle, davon Versuche - Anzahl;erfasste Faelle, davon Versuche - Anteil in %;mit Schusswaffe gedroht;mit Schusswaffe geschossen;Auffklaerung - Anzahl Faelle;Aufklaerungsquote;Tatverdaechtige insgesamt;Tatverdaechtige - maennlich;Tatverdaechtige - weiblich;Nichtdeutsche Tatverdaechtige - Anzahl;Nichtdeutsche Tatverdaechtige - Anteil in % an der Gesamtzahl';
export const T01_NUMBERS = '1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18';

export const T01_ROWS = [
  '------;Straftaten insgesamt;1001;Flensburg;KfS;9,677;10,621;764;7.9;12;6;5,824;60.2;3,772;2,876;896;1,311;34.8',
  '------;Straftaten insgesamt;14511;Chemnitz;KfS;20,084;8,261;1,172;5.8;10;14;13,185;65.6;8,981;6,698;2,283;4,012;44.7',
  '674000;Sachbeschädigung §§ 303-305a StGB;14511;Chemnitz;KfS;2,001;823;-;0;0;0;502;25.1;400;350;50;80;20',
  '111000;Vergewaltigung, sexuelle Nötigung;14521;Erzgebirgskreis;LK;0;0;0;#DIV/0!;0;0;0;#DIV/0!;0;0;0;0;#DIV/0!',
];

/** A T01 file as the BKA ships it: column numbers, header, rows; ISO-8859-1 bytes by default. */
export function t01File(rows: string[] = T01_ROWS, o: { header?: string; title?: string; encoding?: 'latin1' | 'utf8' } = {}): Buffer {
  const lines = [...(o.title ? [o.title] : []), T01_NUMBERS, o.header ?? T01_HEADER, ...rows];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, o.encoding ?? 'latin1');
}
