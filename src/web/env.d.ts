/// <reference types="vite/client" />

declare module "virtual:casus-places" {
  /** Territories and seas an event's `at` may name (from places/_territories.yaml and _seas.yaml). */
  export const PLACES: { code: string; name: string; kind: "territory" | "sea" }[];
  /** Organisations and non-state actors (places/_actors.yaml). */
  export const ACTORS: { code: string; name: string; kind: string }[];
}
