import type { ActorRef, Network, Obligation, ProvisionKind, Result, Scenario, Strength } from "./types.js";

/** How a state stands in an answer, strongest first (a state takes the first that applies). */
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
    label: "Aggressor",
    means: "started the war (an initial belligerent on the initiator's side)",
    color: "#b2182b",
  },
  {
    id: "victim",
    label: "Victim",
    means: "attacked at the outset (an initial belligerent on the defending side)",
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
  { id: "consultation", label: "Consultation only", means: "bound to consult, not to act", color: "#a8d0e6" },
  {
    id: "neutrality",
    label: "Bound to neutrality",
    means: "bound to stay out: neutrality, non-aggression or not aiding the aggressor",
    color: "#5aa02c",
  },
  {
    id: "contested",
    label: "Contested",
    means: "a contested reading would bind it (hatched: a reading changes its obligations)",
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

export const codeOf = (a: ActorRef): string => ("iso3" in a ? (a.iso3 ?? `cow:${a.cow}`) : a.id);

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

export const roleOfObligation = (o: Obligation): Role => roleOfProvision(o.kind, o.strength);

export interface StateRole {
  code: string;
  name: string;
  role: Role;
  /** A contested reading changes what it is bound to (it appears as obligor in contested[].flips). */
  contested: boolean;
  /** It acts or is acted against in the scenario's events. */
  actor: boolean;
}

/**
 * Every state the answer mentions, with its role: belligerents, obligors, beneficiaries, states named in
 * not-triggered provisions and contested readings, and the scenario's actors.
 */
export function rolesOf(result: Result, scenario: Scenario | null): Map<string, StateRole> {
  const roles = new Map<string, StateRole>();
  const at = (ref: ActorRef): StateRole => {
    const code = codeOf(ref);
    let entry = roles.get(code);
    if (!entry) {
      entry = { code, name: ref.name, role: "not-bound", contested: false, actor: false };
      roles.set(code, entry);
    }
    return entry;
  };
  const raise = (ref: ActorRef, role: Role) => {
    const entry = at(ref);
    entry.role = stronger(entry.role, role);
  };
  for (const b of result.belligerents) {
    if (b.wave === 0) raise(b.state, b.side.startsWith("initiator") ? "aggressor" : "victim");
    else at(b.state);
  }
  for (const o of result.obligations) {
    raise(o.obligor, roleOfObligation(o));
    at(o.beneficiary);
  }
  for (const n of result.not_triggered) {
    at(n.obligor);
    at(n.beneficiary);
  }
  for (const c of result.contested)
    for (const f of c.flips) {
      at(f.obligor).contested = true;
      at(f.beneficiary);
    }
  for (const c of result.conflicts) at(c.state);
  for (const v of result.violations) at(v.by);
  for (const e of scenario?.events ?? []) {
    for (const code of [e.by, e.against, e.to]) {
      const entry = code ? roles.get(code) : undefined;
      if (entry) entry.actor = true;
    }
  }
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

/** Labels for the map's legend in network mode (no war, so no aggressor or victim). */
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
