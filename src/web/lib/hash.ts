import type { Scenario } from "./types.js";

/**
 * The URL fragment that reproduces what is on screen:
 *   #scenario=<shipped id> | #saved=<uuid> | #s=<base64url of the scenario's JSON>
 *   then &reading=<general or instrument reading id> (repeatable) and &explain=<state code>;
 *   &compare=reading:<id> | on:<date> | scenario:<shipped id> for the comparison view;
 *   &treaty=<instrument id>[&article=<number>] for the treaty reader; &search=<words> for the library search.
 */
export type Source =
  | { kind: "shipped"; id: string }
  | { kind: "saved"; id: string }
  | { kind: "custom"; scenario: Scenario };

export type CompareSpec =
  | { kind: "reading"; id: string }
  | { kind: "on"; date: string }
  | { kind: "scenario"; id: string };

export interface Route {
  source: Source;
  readings: string[];
  explain: string | null;
  compare: CompareSpec | null;
  treaty: { id: string; article: string | null } | null;
  search: string | null;
}

export const DEFAULT_SCENARIO = "korea-2024-10-15-incident";
export const DEFAULT_ROUTE: Route = {
  source: { kind: "shipped", id: DEFAULT_SCENARIO },
  readings: [],
  explain: null,
  compare: null,
  treaty: null,
  search: null,
};

export function encodeScenario(scenario: Scenario): string {
  const bytes = new TextEncoder().encode(JSON.stringify(scenario));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeScenario(text: string): Scenario {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("not a scenario object");
  return value as Scenario;
}

function parseCompare(value: string | null): CompareSpec | null {
  if (!value) return null;
  const at = value.indexOf(":");
  const [kind, rest] = [value.slice(0, at), value.slice(at + 1)];
  if (!rest) return null;
  if (kind === "reading") return { kind, id: rest };
  if (kind === "on") return { kind, date: rest };
  if (kind === "scenario") return { kind, id: rest };
  return null;
}

/** Parses a fragment; a fragment that names no scenario gives the default one. */
export function parseHash(hash: string): { route: Route; error: string | null } {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const rest = {
    readings: params.getAll("reading").filter((r) => r.length > 0),
    explain: params.get("explain") || null,
    compare: parseCompare(params.get("compare")),
    treaty: params.get("treaty")
      ? { id: params.get("treaty") as string, article: params.get("article") || null }
      : null,
    search: params.get("search") || null,
  };
  const shipped = params.get("scenario");
  const saved = params.get("saved");
  const custom = params.get("s");
  if (custom) {
    try {
      return {
        route: { source: { kind: "custom", scenario: decodeScenario(custom) }, ...rest },
        error: null,
      };
    } catch {
      return {
        route: DEFAULT_ROUTE,
        error: "The scenario in this link could not be read; showing the default one.",
      };
    }
  }
  if (saved) return { route: { source: { kind: "saved", id: saved }, ...rest }, error: null };
  if (shipped) return { route: { source: { kind: "shipped", id: shipped }, ...rest }, error: null };
  return { route: { ...DEFAULT_ROUTE, ...rest }, error: null };
}

// Keeps reading ids (a/b/c) and codes (cow:300) readable in the address bar.
const keep = (value: string) => encodeURIComponent(value).replace(/%2F/g, "/").replace(/%3A/g, ":");

const compareText = (c: CompareSpec) =>
  c.kind === "reading" ? `reading:${c.id}` : c.kind === "on" ? `on:${c.date}` : `scenario:${c.id}`;

export function formatHash(route: Route): string {
  const source = route.source;
  const parts = [
    source.kind === "shipped"
      ? `scenario=${keep(source.id)}`
      : source.kind === "saved"
        ? `saved=${keep(source.id)}`
        : `s=${encodeScenario(source.scenario)}`,
    ...route.readings.map((r) => `reading=${keep(r)}`),
    ...(route.explain ? [`explain=${keep(route.explain)}`] : []),
    ...(route.compare ? [`compare=${keep(compareText(route.compare))}`] : []),
    ...(route.treaty ? [`treaty=${keep(route.treaty.id)}`] : []),
    ...(route.treaty?.article ? [`article=${keep(route.treaty.article)}`] : []),
    ...(route.search ? [`search=${keep(route.search)}`] : []),
  ];
  return `#${parts.join("&")}`;
}

/** The same scenario and readings, whatever state is explained and whichever view is open. */
export function sourceKey(route: Route): string {
  return formatHash({ ...route, explain: null, compare: null, treaty: null, search: null });
}
