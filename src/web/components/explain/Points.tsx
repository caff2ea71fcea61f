import { pointDescription, pointKindText, pointLabel } from "../../../report/words.js";
import type { Contested, Result } from "../../lib/types.js";

export interface ReadingChoice {
  /** The id to pass as `reading=` (a general or an instrument reading id). */
  id: string;
  adopted: boolean;
}

/** What the page can do with a contested point: adopt or drop its reading, or compare with it. */
export interface PointActions {
  readingOf: (point: Contested["point"]) => ReadingChoice | null;
  onReading: (choice: ReadingChoice) => void;
  onCompare: (choice: ReadingChoice) => void;
}

/** Adopts or drops the reading a contested point is about, or compares the two answers side by side. */
export function PointButtons({ point, actions }: { point: Contested["point"]; actions: PointActions }) {
  const choice = actions.readingOf(point);
  if (!choice) return null;
  return (
    <span className="point-buttons">
      <button type="button" className="small" onClick={() => actions.onReading(choice)}>
        {choice.adopted ? "Drop this reading" : "Read it this way"}
      </button>
      {!choice.adopted && (
        <button type="button" className="small" onClick={() => actions.onCompare(choice)}>
          Compare
        </button>
      )}
    </span>
  );
}

export function HeldBy({ point }: { point: Contested["point"] }) {
  return point.held_by.length > 0 ? (
    <span className="held-by"> (held by {point.held_by.join(", ")})</span>
  ) : null;
}

/** What a contested point says, after what kind of point it is, with its one-line explanation. */
export function PointLabel({ contested, result }: { contested: Contested; result: Result }) {
  const description = pointDescription(contested, result);
  return (
    <>
      <span className="point-kind">{pointKindText(contested.point.kind)}:</span>{" "}
      {pointLabel(contested, result)}
      {description && <span className="point-description"> — {description}</span>}
    </>
  );
}
