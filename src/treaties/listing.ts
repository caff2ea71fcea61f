import type { Library, Status } from "./library.js";

export class UnknownParty extends Error {
  constructor(readonly code: string) {
    super(`unknown state code ${code}`);
  }
}

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

export function treatyRows(library: Library, on: string, party?: string): TreatyRow[] {
  const wanted = party ? library.registry.canonical(party) : undefined;
  if (party && !wanted) throw new UnknownParty(party);
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
      parties: library.parties(i).map((p) => p.party),
    }))
    .sort((a, b) => a.signed.localeCompare(b.signed) || a.id.localeCompare(b.id));
}
