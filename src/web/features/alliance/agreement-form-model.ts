import { type AgreementKind, type SIGNATORY_PARTIES } from '../../../shared/alliance.schema.ts';

export type SignatoryParty = (typeof SIGNATORY_PARTIES)[number];

export interface SignatoryRow {
  /** A stable key for React while rows are added and removed. */
  key: number;
  name: string;
  function: string;
  party: SignatoryParty;
}

export interface AgreementFormValues {
  signedOn: string;
  /** cooperation unless the user records an amending or additional agreement explicitly (decision 005). */
  kind: AgreementKind;
  title: string;
  reference: string;
  /** Further municipalities of a joint agreement (AGS). */
  partners: string[];
  /** '' = the directorate responsible for the municipality. */
  directorateId: string;
  signatories: SignatoryRow[];
  notes: string;
  file: File | null;
}

let nextKey = 1;
export const newSignatory = (party: SignatoryParty = 'other'): SignatoryRow => ({ key: nextKey++, name: '', function: '', party });

/** The usual three: the mayor, the head of the police directorate, the council's director. */
export const emptyAgreementForm = (): AgreementFormValues => ({
  signedOn: '',
  kind: 'cooperation',
  title: '',
  reference: '',
  partners: [],
  directorateId: '',
  notes: '',
  file: null,
  signatories: [newSignatory('municipality'), newSignatory('police'), newSignatory('council')],
});

/** The API input; rows left completely empty are dropped. Indexes of kept rows map back to the form rows. */
export function agreementInputOf(ags: string, v: AgreementFormValues): { input: Record<string, unknown>; rowOf: number[] } {
  const rowOf: number[] = [];
  const signatories = v.signatories.flatMap((s, i) => {
    if (!s.name.trim() && !s.function.trim()) return [];
    rowOf.push(i);
    return [{ name: s.name, function: s.function, party: s.party, ags: s.party === 'municipality' && v.partners.length ? ags : null }];
  });
  return {
    input: {
      municipalities: [ags, ...v.partners],
      signedOn: v.signedOn || undefined,
      kind: v.kind,
      title: v.title,
      reference: v.reference.trim() || null,
      directorateId: v.directorateId ? Number(v.directorateId) : null,
      councilParty: null,
      signatories,
      notes: v.notes,
    },
    rowOf,
  };
}

/** `signatories.1.name` of the sent list → `signatories.<form row>.name`. */
export function remapSignatoryErrors(errors: Record<string, string>, rowOf: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^signatories\.(\d+)(\..*)?$/.exec(key);
    out[m ? `signatories.${rowOf[Number(m[1])] ?? m[1]}${m[2] ?? ''}` : key] = message;
  }
  return out;
}
