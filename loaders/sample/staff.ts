// Who samples and who inspects a batch: an agency able to test the category, two or
// three samplers (article 20: at least two), and inspectors who are not the samplers
// (article 16: sampling and inspection kept apart) except when the samplers inspect
// on site (article 41: fuel at the pump). Staff codes are the agency's code and a number.
import { AGENCY_CODES, agenciesOf, type Category } from "./catalogue-of-products.ts";
import type { LifecyclePlant } from "./lifecycle.ts";
import type { Rng } from "./random.ts";

const STAFF_PER_AGENCY = 150;

/** What a plant fixes about the staff. */
export interface StaffPlant {
  /** A20: a single sampler. */
  samplers?: 1;
  /** A16: an inspector is one of the samplers. */
  inspectorOverlap?: boolean;
  /** Lifecycle plants are never inspected on site. */
  lifecyclePlant?: LifecyclePlant;
}

export interface Staff {
  /** The agencies able to test the category; the first is the usual one. */
  agencies: readonly string[];
  inspectionAgency: string;
  samplingAgency: string;
  onsite: boolean;
  samplers: string[];
  /** Empty when nothing was sampled. */
  inspectors: string[];
}

export function drawStaff(rng: Rng, category: Category, outcome: string, plant: StaffPlant): Staff {
  const agencies = agenciesOf(category);
  const inspectionAgency = rng.chance(0.6) ? agencies[0] : rng.pick(agencies);
  const samplingAgency = plant.inspectorOverlap || rng.chance(0.85) ? inspectionAgency : rng.pick(agencies);
  const onsite = outcome === "已抽样" && !plant.lifecyclePlant && !plant.inspectorOverlap && category.onsite === true && rng.chance(0.3);
  const samplerCount = plant.samplers ?? (rng.chance(0.75) ? 2 : 3);
  const samplerNumbers = distinctNumbers(rng, samplerCount, []);
  const samplers = samplerNumbers.map((n) => staffCode(samplingAgency, n));
  let inspectors: string[] = [];
  if (outcome === "已抽样") {
    if (onsite) inspectors = samplers.slice(); // on-site inspection by the samplers (article 41)
    else if (plant.inspectorOverlap) inspectors = [samplers[0], staffCode(inspectionAgency, distinctNumbers(rng, 1, samplerNumbers)[0])];
    else {
      // Numbers may repeat across agencies: only the same agency's numbers are the same people.
      const exclude = samplingAgency === inspectionAgency ? samplerNumbers : [];
      inspectors = distinctNumbers(rng, rng.int(1, 3), exclude).map((n) => staffCode(inspectionAgency, n));
    }
  }
  return { agencies, inspectionAgency, samplingAgency, onsite, samplers, inspectors };
}

function staffCode(agency: string, n: number): string {
  return `${AGENCY_CODES[agency]}${String(n).padStart(4, "0")}`;
}

function distinctNumbers(rng: Rng, count: number, exclude: readonly number[]): number[] {
  const chosen: number[] = [];
  while (chosen.length < count) {
    const n = rng.int(1, STAFF_PER_AGENCY);
    if (!chosen.includes(n) && !exclude.includes(n)) chosen.push(n);
  }
  return chosen;
}
