import type { ProvisionKind, Strength } from "../model/instrument.js";
import type { Obligation, Result, StateRef } from "../model/result.js";
import type { Network } from "../treaties/network.js";
import { codeOf } from "./words.js";

/**
 * How a state stands in an answer, strongest first (a state takes the first that applies). The map, the
 * list of states, the network and the CLI's SVG colour states by it.
 */
export type Role =
  | "aggressor"
  | "victim"
  | "automatic"
  | "discretionary"
  | "consultation"
  | "neutrality"
  | "contested"
  | "not-bound";

export interface RoleInfo {
  id: Role;
  label: string;
  /** What the colour means, for the legend. */
  means: string;
  color: string;
}

export const ROLES: readonly RoleInfo[] = [
  {
    id: "aggressor",
    label: "Attacker",
    means: "started the war, or acts against another state in the events",
    color: "#b2182b",
  },
  {
    id: "victim",
    label: "Attacked",
    means: "attacked at the outset, or the target of the events",
    color: "#f4a582",
  },
  {
    id: "automatic",
    label: "Bound automatically",
    means: "a defence or offence obligation that leaves no discretion",
    color: "#23378f",
  },
  {
    id: "discretionary",
    label: "Bound, with discretion",
    means: "a defence or offence obligation whose form or extent the state decides",
    color: "#6d8fd6",
  },
  { id: "consultation", label: "Bound to consult", means: "bound to consult, not to act", color: "#a8d0e6" },
  {
    id: "neutrality",
    label: "Bound to stay out",
    means: "neutrality, non-aggression or not aiding the aggressor",
    color: "#5aa02c",
  },
  {
    id: "contested",
    label: "Contested",
    means: "a contested reading or judgement would bind it, or free it (hatched)",
    color: "#e6b12e",
  },
  {
    id: "not-bound",
    label: "Not bound",
    means: "named in the answer, but no obligation is triggered",
    color: "#c8c8c8",
  },
];

export const ROLE: Record<Role, RoleInfo> = Object.fromEntries(ROLES.map((r) => [r.id, r])) as Record<
  Role,
  RoleInfo
>;
const RANK: Record<Role, number> = Object.fromEntries(ROLES.map((r, i) => [r.id, i])) as Record<Role, number>;

export const stronger = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);
export const rankOf = (role: Role): number => RANK[role];

const ACTIVE: ReadonlySet<ProvisionKind> = new Set(["defence", "offence", "mobilisation"]);

/** The role one provision gives its obligor. */
export function roleOfProvision(kind: ProvisionKind, strength: Strength): Role {
  if (kind === "consultation") return "consultation";
  if (ACTIVE.has(kind)) {
    if (strength === "discretionary") return "discretionary";
    if (strength === "consultative") return "consultation";
    return "automatic";
  }
  return "neutrality";
}

export const roleOfObligation = (o: Pick<Obligation, "kind" | "strength">): Role =>
  roleOfProvision(o.kind, o.strength);

export interface StateRole {
  code: string;
  name: string;
  role: Role;
  /** A contested point would bind it or free it, or bring it into the war or out of it. */
  contested: boolean;
  /** It acts or is acted against in the scenario's events. */
  actor: boolean;
}

/**
 * Every state the answer mentions, with its role: belligerents, obligors, beneficiaries, states named in
 * not-triggered provisions and contested points, and the events' actors. Attacker and attacked come from
 * the war's first belligerents, else from the events themselves (an incident with no war still has both).
 */
export function rolesOf(result: Result): Map<string, StateRole> {
  const roles = new Map<string, StateRole>();
  const at = (ref: StateRef): StateRole => {
    const code = codeOf(ref);
    let entry = roles.get(code);
    if (!entry) {
      entry = { code, name: ref.name, role: "not-bound", contested: false, actor: false };
      roles.set(code, entry);
    }
    return entry;
  };
  const raise = (ref: StateRef, role: Role) => {
    const entry = at(ref);
    entry.role = stronger(entry.role, role);
  };
  for (const b of result.belligerents) {
    if (b.wave === 0) raise(b.state, b.side === "initiator" ? "aggressor" : "victim");
    else at(b.state);
  }
  // Events judged (an attack, a threat, self-defence): the first event that names a state decides its part.
  const parted = new Set([...roles.values()].filter((r) => r.role !== "not-bound").map((r) => r.code));
  for (const a of result.assumptions) {
    if (!a.event || !a.state || !a.target) continue;
    for (const [ref, role] of [
      [a.state, "aggressor"],
      [a.target, "victim"],
    ] as const) {
      const entry = at(ref);
      entry.actor = true;
      if (!parted.has(entry.code)) {
        entry.role = stronger(entry.role, role);
        parted.add(entry.code);
      }
    }
  }
  for (const o of result.obligations) {
    raise(o.obligor, roleOfObligation(o));
    at(o.beneficiary);
  }
  for (const n of result.not_triggered) {
    at(n.obligor);
    at(n.beneficiary);
  }
  for (const c of result.contested) {
    for (const f of c.flips) {
      at(f.beneficiary);
      const entry = at(f.obligor);
      if (f.main.bound !== f.alternative.bound || f.main.joins !== f.alternative.joins)
        entry.contested = true;
    }
    for (const j of c.joins) at(j.state).contested = true;
  }
  for (const c of result.conflicts) at(c.state);
  for (const v of result.violations) at(v.by);
  for (const entry of roles.values())
    if (entry.role === "not-bound" && entry.contested) entry.role = "contested";
  return roles;
}

/**
 * Away from the scenario's date, the map shows the alliance network instead: each state takes the
 * strongest tie it has on that date (as obligor or beneficiary), in the same colours as the answer.
 */
export function tiesOf(network: Network): Map<string, StateRole> {
  const roles = new Map<string, StateRole>();
  const names = new Map(network.nodes.map((n) => [n.code, n.name]));
  for (const e of network.edges) {
    const role = roleOfProvision(e.kind, e.strength);
    for (const code of [e.from, e.to]) {
      const entry = roles.get(code) ?? {
        code,
        name: names.get(code) ?? code,
        role: "not-bound" as Role,
        contested: false,
        actor: false,
      };
      entry.role = stronger(entry.role, role);
      roles.set(code, entry);
    }
  }
  return roles;
}

/** Labels for the map's legend in network mode (no war, so no attacker or attacked). */
export const TIE_LABEL: Partial<Record<Role, string>> = {
  automatic: "Defence pact (automatic)",
  discretionary: "Defence pact (discretionary)",
  consultation: "Consultation pact",
  neutrality: "Neutrality or non-aggression",
  "not-bound": "No alliance in the library",
};

export const KIND_COLOR: Record<ProvisionKind, string> = {
  defence: "#23378f",
  offence: "#b2182b",
  mobilisation: "#d95f02",
  consultation: "#4ea3cf",
  neutrality: "#5aa02c",
  "non-aggression": "#1b9e77",
  "non-assistance-to-aggressor": "#7570b3",
  "no-hostile-third-party-commitments": "#a6761d",
  prohibition: "#666666",
};
