import type { Scenario } from "./types.js";

/**
 * The URL fragment that reproduces what is on screen:
 *   #scenario=<shipped id> | #saved=<uuid> | #s=<base64url of the scenario's JSON>
 *   then &reading=<victim|territorial|instrument reading id> (repeatable) and &explain=<state code>.
 */
export type Source =
  | { kind: "shipped"; id: string }
  | { kind: "saved"; id: string }
  | { kind: "custom"; scenario: Scenario };

export interface Route {
  source: Source;
  readings: string[];
  explain: string | null;
}

export const DEFAULT_SCENARIO = "korea-2024-10-15-incident";
export const DEFAULT_ROUTE: Route = {
  source: { kind: "shipped", id: DEFAULT_SCENARIO },
  readings: [],
  explain: null,
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

/** Parses a fragment; a fragment that names no scenario gives the default one. */
export function parseHash(hash: string): { route: Route; error: string | null } {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const readings = params.getAll("reading").filter((r) => r.length > 0);
  const explain = params.get("explain") || null;
  const shipped = params.get("scenario");
  const saved = params.get("saved");
  const custom = params.get("s");
  if (custom) {
    try {
      return {
        route: { source: { kind: "custom", scenario: decodeScenario(custom) }, readings, explain },
        error: null,
      };
    } catch {
      return {
        route: DEFAULT_ROUTE,
        error: "The scenario in this link could not be read; showing the default one.",
      };
    }
  }
  if (saved) return { route: { source: { kind: "saved", id: saved }, readings, explain }, error: null };
  if (shipped) return { route: { source: { kind: "shipped", id: shipped }, readings, explain }, error: null };
  return { route: { ...DEFAULT_ROUTE, readings, explain }, error: null };
}

// Keeps reading ids (a/b/c) and codes (cow:300) readable in the address bar.
const keep = (value: string) => encodeURIComponent(value).replace(/%2F/g, "/").replace(/%3A/g, ":");

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
  ];
  return `#${parts.join("&")}`;
}

/** The same scenario and readings, whatever state is explained. */
export function sourceKey(route: Route): string {
  return formatHash({ ...route, explain: null });
}
