// When batches are sampled: the working days of the range up to the as-of date
// (statutory calendar, article 75), weighted by month, with batch i on the day where
// the (i + ½)/n quantile of that weight falls. Batches therefore come in date order,
// and a batch's index says when it is sampled (which is how plants are placed).
import { dayOf, isoOf, type DayCalendar } from "./days.ts";
import { weightTable } from "./random.ts";

/** Sampling activity by month: little around the Spring Festival, busiest from spring to autumn. */
const MONTH_WEIGHT = [0.45, 0.35, 1.0, 1.1, 1.2, 1.15, 1.0, 1.0, 1.1, 0.9, 1.15, 0.85];

export interface SamplingSchedule {
  /** Working days of the range, in order. */
  days: number[];
  /** Running total of the days' month weights. */
  cumulative: Float64Array;
  total: number;
}

export function samplingSchedule(years: readonly [number, number], asOf: number, cal: DayCalendar): SamplingSchedule {
  const days: number[] = [];
  const start = dayOf(`${years[0]}-01-01`);
  const end = Math.min(dayOf(`${years[1]}-12-31`), asOf);
  for (let d = start; d <= end; d++) if (cal.isWorking(d)) days.push(d);
  if (days.length === 0) throw new RangeError("抽样年份内没有工作日");
  const table = weightTable(days.map((d) => MONTH_WEIGHT[Number(isoOf(d).slice(5, 7)) - 1]));
  return { days, cumulative: table.cumulative, total: table.total };
}

/** The sampling day of each batch; ask for the batches in increasing order (the walk never goes back). */
export class BatchDays {
  private pointer = 0;

  constructor(private readonly schedule: SamplingSchedule, private readonly batches: number) {}

  dayOf(index: number): number {
    const { days, cumulative, total } = this.schedule;
    const target = ((index + 0.5) / this.batches) * total;
    while (this.pointer < days.length - 1 && cumulative[this.pointer] <= target) this.pointer++;
    return days[this.pointer];
  }
}

/** The index of the batch sampled about when `day` begins (the first working day from `day` on). */
export function batchIndexOfDay(schedule: SamplingSchedule, batches: number, day: number): number {
  let k = 0;
  while (k < schedule.days.length - 1 && schedule.days[k] < day) k++;
  const before = k === 0 ? 0 : schedule.cumulative[k - 1];
  return Math.min(batches - 1, Math.floor((before / schedule.total) * batches));
}
