import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { parse } from "yaml";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * `virtual:casus-places`: the codes an event's `at` may name (territories, seas, non-state actors), read
 * from places/_*.yaml at build time so the scenario builder can offer them without an API call.
 */
function casusPlaces(): Plugin {
  const id = "virtual:casus-places";
  const resolved = `\0${id}`;
  return {
    name: "casus-places",
    resolveId: (source) => (source === id ? resolved : undefined),
    load(source) {
      if (source !== resolved) return undefined;
      const read = (file: string) => parse(readFileSync(here(`places/${file}`), "utf8")) ?? {};
      const territories = (read("_territories.yaml").territories ?? []) as { code: string; name: string }[];
      const seas = (read("_seas.yaml").seas ?? []) as { id: string; name: string }[];
      const actors = (read("_actors.yaml").actors ?? []) as { id: string; name: string; kind: string }[];
      const places = [
        ...territories.map((t) => ({ code: t.code, name: t.name, kind: "territory" })),
        ...seas.map((s) => ({ code: s.id, name: s.name, kind: "sea" })),
      ];
      const parties = actors.map((a) => ({ code: a.id, name: a.name, kind: a.kind }));
      return `export const PLACES = ${JSON.stringify(places)};\nexport const ACTORS = ${JSON.stringify(parties)};\n`;
    },
  };
}

// The web app: src/web → dist/web, served by `casus serve` / `casus start` at "/".
export default defineConfig({
  root: here("src/web"),
  base: "/",
  plugins: [react(), casusPlaces()],
  build: {
    outDir: here("dist/web"),
    emptyOutDir: true,
    target: "es2022",
    // cytoscape (the network view) is loaded on demand, in a chunk of its own.
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: { "/api": "http://127.0.0.1:4319", "/openapi.json": "http://127.0.0.1:4319" } },
});
