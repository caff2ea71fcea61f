// What a full answer says of each obligation, in the terms a contested flip uses: the oracle the contested
// points are checked against (contest.test.ts, contest-oracle.test.ts).
import type { Contested, Result } from "../../src/model/result.js";
import { code } from "./world.js";

export interface Stand {
  bound: boolean;
  strength: string | null;
  against: string[];
  joins: boolean;
}

export const NOT_BOUND: Stand = { bound: false, strength: null, against: [], joins: false };

/** An obligation's key: obligor, beneficiary and provision. */
export const rowKey = (o: {
  obligor: Result["obligations"][number]["obligor"];
  beneficiary: Result["obligations"][number]["beneficiary"];
  instrument: string;
  article: string;
  provision: string;
}) => `${code(o.obligor)}>${code(o.beneficiary)} ${o.instrument} ${o.article} ${o.provision}`;

/** Every obligation and commitment of an answer by its key, as a contested flip states it. */
export function stands(r: Result): Map<string, Stand> {
  const out = new Map<string, Stand>();
  for (const o of [...r.obligations, ...r.commitments]) {
    const joins = r.belligerents.some(
      (b) =>
        code(b.state) === code(o.obligor) &&
        b.via?.instrument === o.instrument &&
        b.via.article === o.article &&
        code(b.via.beneficiary) === code(o.beneficiary),
    );
    out.set(rowKey(o), { bound: true, strength: o.strength, against: o.against.map(code).sort(), joins });
  }
  return out;
}

/** One side of a flip, in the same terms. */
export const standOf = (s: Contested["flips"][number]["main"]): Stand => ({
  bound: s.bound,
  strength: s.strength,
  against: s.against.map(code).sort(),
  joins: s.joins,
});

/** The states that entered a war, with the war. */
export const joinersOf = (r: Result) =>
  new Set(r.belligerents.filter((b) => b.wave > 0).map((b) => `${code(b.state)}|${b.war}`));
