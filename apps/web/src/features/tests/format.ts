// How the suite runner shows things: a case's change between two suite runs in words and as a badge colour (fixed in
// the primary green, regressed red, the rest quiet), and the excerpt and score formats of the Evaluations page.
import type { CaseChange } from '@/lib/types';

export { excerpt, formatScore } from '../evaluations/scorers';

export const changeLabel: Record<CaseChange, string> = {
  fixed: 'fixed',
  regressed: 'regressed',
  'same-pass': 'still passes',
  'same-fail': 'still fails',
  missing: 'missing',
};

export const changeVariant: Record<CaseChange, 'default' | 'destructive' | 'secondary' | 'outline'> = {
  fixed: 'default',
  regressed: 'destructive',
  'same-pass': 'secondary',
  'same-fail': 'secondary',
  missing: 'outline',
};
