import type { Library, Status } from "./library.js";

export interface TreatyRow {
  id: string;
  title: string;
  kind: string;
  signed: string;
  in_force: string | null;
  terminated: string | null;
  status: Status;
  parties: string[];
}

/** The instruments signed by the date, with their status; `party` (canonical) keeps those it was party to. */
export function treatyRows(library: Library, on: string, party?: string): TreatyRow[] {
  const canon = (c: string) => library.registry.canonical(c) ?? c;
  const wanted = party ? canon(party) : undefined;
  return library.instruments
    .filter((i) => !wanted || library.parties(i).some((p) => library.registry.canonical(p.party) === wanted))
    .filter((i) => library.status(i, on) !== "not-yet-signed")
    .map((i) => ({
      id: i.id,
      title: i.title,
      kind: i.kind,
      signed: i.dates.signed,
      in_force: i.dates.in_force ?? null,
      terminated: library.endOf(i) ?? null,
      status: library.status(i, on),
      // Each member once, however many entries (a state that left and rejoined; a seat that changed hands).
      parties: [...new Set(library.parties(i).map((p) => canon(p.party)))],
    }))
    .sort((a, b) => a.signed.localeCompare(b.signed) || a.id.localeCompare(b.id));
}
