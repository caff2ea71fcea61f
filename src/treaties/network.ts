import { type Provenance, provenance } from "../history/derive.js";
import type { ActorRef } from "../model/common.js";
import type { ProvisionKind, Strength } from "../model/instrument.js";
import type { Library } from "./library.js";

export interface NetworkEdge {
  /** Obligor and beneficiary; for mutual provisions each pair appears once, `mutual: true`. */
  from: string;
  to: string;
  mutual: boolean;
  kind: ProvisionKind;
  strength: Strength;
  instrument: string;
  instrument_title: string;
  article: string;
  /** The library's text, ATOP's coding (with `--atop`), or ATOP's coding carried past 2018. */
  source: Provenance;
}

export interface Network {
  on: string;
  nodes: (ActorRef & { code: string })[];
  edges: NetworkEdge[];
}

/** The alliance network in force on a date: states as nodes, provisions between parties as edges. */
export function networkOn(library: Library, on: string): Network {
  const edges: NetworkEdge[] = [];
  const codes = new Set<string>();
  for (const instrument of library.instruments) {
    if (library.status(instrument, on) !== "in-force") continue;
    const members = library.membersOn(instrument, on).filter((m) => library.registry.isState(m));
    // Council measures bind every member toward no one in particular; they are not alliance edges.
    if (instrument.parties_of) continue;
    for (const article of library.articlesOn(instrument, on)) {
      for (const provision of article.provisions) {
        if (provision.kind === "prohibition") continue;
        const obligors = Array.isArray(provision.obligors) ? provision.obligors : members;
        const beneficiaries = Array.isArray(provision.beneficiaries) ? provision.beneficiaries : members;
        const mutual = !Array.isArray(provision.obligors) && !Array.isArray(provision.beneficiaries);
        for (const a of obligors) {
          for (const b of beneficiaries) {
            if (a === b || (mutual && a > b)) continue;
            if (!members.includes(a) && !library.registry.isState(a)) continue;
            codes.add(a);
            codes.add(b);
            edges.push({
              from: a,
              to: b,
              mutual,
              kind: provision.kind,
              strength: provision.strength,
              instrument: instrument.id,
              instrument_title: instrument.short_title ?? instrument.title,
              article: article.article.number,
              source: provenance(instrument, on),
            });
          }
        }
      }
    }
  }
  const nodes = [...codes].sort().map((code) => ({ code, ...library.registry.ref(code) }));
  return { on, nodes, edges };
}
