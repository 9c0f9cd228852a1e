/*
 * Readable labels of the audit trail's action codes, in German and English. The codes are what the
 * server records (`recordAudit`); audit-labels.test.ts fails when a code in the server has no label.
 */

type Text = { de: string; en: string };

export const AUDIT_ACTION_LABELS: Record<string, Text> = {
  create: { de: 'angelegt', en: 'created' },
  update: { de: 'geändert', en: 'changed' },
  delete: { de: 'gelöscht', en: 'deleted' },
  erase: { de: 'personenbezogene Daten gelöscht', en: 'personal data erased' },
  cancel: { de: 'storniert', en: 'cancelled' },
  correct: { de: 'berichtigt', en: 'corrected' },
  upload: { de: 'hochgeladen', en: 'uploaded' },
  import: { de: 'importiert', en: 'imported' },
  export: { de: 'exportiert', en: 'exported' },
  login: { de: 'angemeldet', en: 'signed in' },
  logout: { de: 'abgemeldet', en: 'signed out' },
  'change-password': { de: 'Passwort geändert', en: 'password changed' },
  'reset-password': { de: 'Passwort zurückgesetzt', en: 'password reset' },
  'set-password-by-invitation': { de: 'Passwort über Einladung gesetzt', en: 'password set from an invitation' },
  'reset-password-by-link': { de: 'Passwort über Link zurückgesetzt', en: 'password reset by link' },
  'link-sso': { de: 'mit Single Sign-on verknüpft', en: 'linked to single sign-on' },
  publish: { de: 'veröffentlicht', en: 'published' },
  unpublish: { de: 'Veröffentlichung zurückgenommen', en: 'unpublished' },
  decide: { de: 'entschieden', en: 'decided' },
  adopt: { de: 'übernommen', en: 'adopted' },
  end: { de: 'beendet', en: 'ended' },
  status: { de: 'Stand geändert', en: 'status changed' },
  retry: { de: 'erneut versucht', en: 'retried' },
  rotate_feed: { de: 'Kalender-Link erneuert', en: 'calendar link renewed' },
  submit: { de: 'eingereicht', en: 'submitted' },
  review: { de: 'geprüft', en: 'reviewed' },
  recommend: { de: 'empfohlen', en: 'recommended' },
  assign_reviewer: { de: 'Prüfer/in zugewiesen', en: 'reviewer assigned' },
  complete_step: { de: 'Prüfschritt abgeschlossen', en: 'review step completed' },
  request_payment: { de: 'Auszahlung angefordert', en: 'payment requested' },
  pay: { de: 'ausgezahlt', en: 'paid' },
  submit_proof: { de: 'Verwendungsnachweis eingereicht', en: 'proof of use submitted' },
  update_proof: { de: 'Verwendungsnachweis geändert', en: 'proof of use changed' },
  check_proof: { de: 'Verwendungsnachweis geprüft', en: 'proof of use checked' },
  create_report: { de: 'Bericht angelegt', en: 'report created' },
  update_report: { de: 'Bericht geändert', en: 'report changed' },
  freeze_report: { de: 'Abschlussbericht festgeschrieben', en: 'final report frozen' },
  'survey.create': { de: 'Befragung angelegt', en: 'survey created' },
  'survey.update': { de: 'Befragung geändert', en: 'survey changed' },
  'survey.delete': { de: 'Befragung gelöscht', en: 'survey deleted' },
  'survey.questionnaire': { de: 'Fragebogen gespeichert', en: 'questionnaire saved' },
  'survey.codes': { de: 'Zugangscodes erzeugt', en: 'access codes generated' },
  'survey.letters': { de: 'Anschreiben erzeugt', en: 'letters generated' },
  'survey.paper_return': { de: 'Papierbogen erfasst', en: 'paper return entered' },
  'survey.import': { de: 'Antworten importiert', en: 'responses imported' },
  'survey.margins.update': { de: 'Randverteilungen geändert', en: 'population margins changed' },
  'survey.margins.demo': { de: 'Beispiel-Randverteilungen geladen', en: 'sample population margins loaded' },
  'survey.demo': { de: 'Beispielbefragung angelegt', en: 'sample survey created' },
  'territory.import.gv100ad': { de: 'Gemeindeverzeichnis importiert', en: 'municipality directory imported' },
  'territory.import.directorates': { de: 'Polizeidirektionen importiert', en: 'police directorates imported' },
  'territory.import.boundaries': { de: 'Gemeindegrenzen importiert', en: 'municipal boundaries imported' },
  'crime-stats.import.pks': { de: 'PKS importiert', en: 'crime statistics imported' },
  'crime-stats.import.pks.replace': { de: 'PKS-Jahrgang ersetzt', en: 'crime statistics year replaced' },
  'crime-stats.import.municipal': { de: 'Gemeindedaten der PKS importiert', en: 'municipal crime statistics imported' },
  'crime-stats.mapping.create': { de: 'Zuordnung gespeichert', en: 'mapping saved' },
  'crime-stats.mapping.update': { de: 'Zuordnung geändert', en: 'mapping changed' },
  'crime-stats.offence-fields.set': { de: 'Straftaten den Handlungsfeldern zugeordnet', en: 'offences assigned to fields of action' },
  'crime-stats.field-of-action.create': { de: 'Handlungsfeld angelegt', en: 'field of action created' },
  'crime-stats.demo': { de: 'Beispiel-Kriminalstatistik geladen', en: 'sample crime statistics loaded' },
};

/** The label of an action code; a code without one reads as itself (separators as spaces). */
export function auditActionLabel(code: string, lang: string): string {
  const text = AUDIT_ACTION_LABELS[code];
  if (text) return lang === 'en' ? text.en : text.de;
  return code.replace(/[._-]+/g, ' ');
}
