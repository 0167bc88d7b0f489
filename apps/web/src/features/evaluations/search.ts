// The Evaluations page's URL search besides its range of days: the feedback list's thumbs filter.
import type { Feedback } from '@/lib/types';

export type Thumbs = NonNullable<Feedback['thumbs']>;

/** Both verdicts, up first (a record, so that a value the API adds is a compile error here). */
const thumbs = { up: true, down: true } satisfies Record<Thumbs, true>;
export const thumbsValues = Object.keys(thumbs) as Thumbs[];
