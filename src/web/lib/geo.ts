import atlasUrl from "world-atlas/countries-50m.json?url";
import { type Country, projectWorld } from "../../report/map.js";

export { type Country, MAP_HEIGHT, MAP_WIDTH, placement } from "../../report/map.js";

let cached: Promise<Country[]> | undefined;

/** Loads and projects the atlas once (Natural Earth 1:50m from world-atlas, the CLI's map too). */
export function loadWorld(): Promise<Country[]> {
  cached ??= fetch(atlasUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`world atlas: ${r.status}`);
      return r.json();
    })
    .then(projectWorld);
  return cached;
}
