import { stripMarks } from './fold-name';
import type { UnitBlock } from './org-unit';

/** Words that mark an agency branch (khối cơ quan, đơn vị sự nghiệp): schools, the clinic, the militia. */
export const AGENCY_NAME_MARKERS = ['Trường', 'Mầm non', 'Y tế', 'Quân sự'] as const;

const markers = AGENCY_NAME_MARKERS.map((marker) => new RegExp(`(^| )${stripMarks(marker)}( |$)`));

/** The block a branch most likely belongs to, guessed from its name; villages are `rural`. */
export function inferBlock(name: string): UnitBlock {
  const folded = stripMarks(name);
  return markers.some((marker) => marker.test(folded)) ? 'agency' : 'rural';
}
