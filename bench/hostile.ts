// A what-if built to be expensive: 45 attacks among the states with the most alliances, every judgement
// disputed. The load benchmarks and the bounded-work tests use it.
import type { Event, Scenario } from "../src/model/scenario.js";
import { loadLibrary } from "../src/treaties/load.js";

export /** 45 attacks among the states with the most alliances, every judgement disputed. */
function hostileScenario(): Scenario {
  const { library } = loadLibrary();
  const date = "2024-10-15";
  const count = new Map<string, number>();
  for (const instrument of library.instruments)
    for (const member of library.membersOn(instrument, date))
      if (library.registry.isState(member)) count.set(member, (count.get(member) ?? 0) + 1);
  const states = [...count]
    .sort((a, b) => b[1] - a[1])
    .map(([code]) => code)
    .slice(0, 30);
  const disputed = { value: true, disputed: true };
  const events: Event[] = Array.from({ length: 45 }, (_, k) => ({
    id: `e${k}`,
    kind: "armed-attack",
    by: states[k % states.length] as string,
    against: states[(k * 7 + 3) % states.length] as string,
    start: date,
    armed_attack: disputed,
    state_of_war: disputed,
    self_defence: { value: false, disputed: true },
  }));
  return { title: "45 disputed attacks", as_of: date, events: events.filter((e) => e.by !== e.against) };
}
