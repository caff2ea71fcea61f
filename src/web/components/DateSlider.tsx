import { useId } from "react";

const FIRST_YEAR = 1815;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export const todayIso = () => new Date().toISOString().slice(0, 10);

const indexOf = (date: string) => (Number(date.slice(0, 4)) - FIRST_YEAR) * 12 + Number(date.slice(5, 7)) - 1;

function dateAt(index: number, day: number): string {
  const year = FIRST_YEAR + Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
  const today = todayIso();
  return iso > today ? today : iso;
}

export const longDate = (date: string) =>
  `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? "?"} ${date.slice(0, 4)}`;

interface Props {
  date: string;
  /** The scenario's date, if there is one: the map shows the answer only on that date. */
  asOf: string | null;
  onChange: (date: string) => void;
}

/** 1815 to today, a month a step (PageUp/PageDown: a year); the date field gives the exact day. */
export function DateSlider({ date, asOf, onChange }: Props) {
  const id = useId();
  const max = indexOf(todayIso());
  const value = Math.min(Math.max(indexOf(date), 0), max);
  const day = Number(date.slice(8, 10)) || 1;
  return (
    <div className="date-slider">
      <label htmlFor={`${id}-range`}>Date</label>
      <input
        id={`${id}-range`}
        type="range"
        min={0}
        max={max}
        step={1}
        value={value}
        aria-valuetext={longDate(date)}
        onChange={(e) => onChange(dateAt(Number(e.target.value), day))}
        onKeyDown={(e) => {
          if (e.key === "PageUp" || e.key === "PageDown") {
            e.preventDefault();
            const next = Math.min(Math.max(value + (e.key === "PageUp" ? 12 : -12), 0), max);
            onChange(dateAt(next, day));
          }
        }}
      />
      <input
        type="date"
        aria-label="Exact date"
        min="1815-01-01"
        max={todayIso()}
        value={date}
        onChange={(e) => {
          if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && e.target.value >= "1815-01-01")
            onChange(e.target.value);
        }}
      />
      {asOf && date !== asOf && (
        <button type="button" onClick={() => onChange(asOf)}>
          Back to {longDate(asOf)}
        </button>
      )}
    </div>
  );
}
