// Personal data detectors: email addresses, phone numbers, payment cards (Luhn), IBANs (country length and mod 97),
// US social security numbers and UK National Insurance numbers. Each pattern finds candidates and a validator keeps
// the real ones, so dates, prices, versions, order numbers and checksum-failing numbers stay unflagged.
import { ibanChecksumValid, luhnValid } from './checksums';
import { type Detector, patternDetector, runDetectors } from './detector';
import { asNormalized, type NormalizedText, trailingRun } from './normalize';
import type { Span } from './span';

export type PiiKind = 'email' | 'phone' | 'card' | 'iban' | 'ssn' | 'uk-nino';

/** Local part up to 64 characters, up to five domain labels and a TLD: at most ~410 characters. */
const EMAIL = /(?<![\w.%+-])[\w.%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,5}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g;

/** 13–19 digits, single spaces or dashes between them; the whole digit run or nothing. */
const CARD = /(?<![\w-]|\d[ -])\d(?:[ -]?\d){12,18}(?![ -]?\d)/g;

const SSN = /(?<![\w-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\w-])/g;

const UK_NINO = /(?<![A-Za-z0-9])([A-Za-z]{2}) ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![A-Za-z0-9])/g;
/** Neither letter D, F, I, Q, U or V, the second not O, and a few prefixes never issued. */
const NINO_PREFIX = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]$/;

/**
 * A phone number candidate: an optional `+CC` and/or `(area)`, then up to eight digit groups separated by one space,
 * dot or dash. It must take the whole digit run, so a longer number is never read in parts.
 */
const PHONE =
  /(?<![\w+.,/-]|\d[ .-])(?:\+\d{1,3}[ .-]?(?:\(\d{1,5}\)[ .-]?)?|\(\d{1,5}\)[ .-]?)?\d{1,12}(?:[ .-]\d{1,12}){0,7}(?![\w/]|[.,:-]?\d|[ .-]\d)/g;

const DATE_SHAPED = /^(?:\d{4}([-. ])\d{1,2}\1\d{1,2}|\d{1,2}([-. ])\d{1,2}\2\d{4})$/;
const IPV4_SHAPED = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** `12 345 678`, `123.456.789`: an amount written with thousands separators. */
const THOUSANDS_SHAPED = /^(?:\d{1,2}(?: \d{3})+|\d{1,3}(?:\.\d{3})+)$/;
/** Dotted phone numbers are NANP `555.123.4567`, pairs `01.23.45.67.89` or trunk-prefixed; `2.14.1023.55` is a version. */
const DOTTED_PHONE = /^(?:\d{3}\.\d{3}\.\d{4}|\d{2}(?:\.\d{2}){3,5}|0\d{1,4}(?:\.\d{2,8})+)$/;
/** 3-2-4 with dashes is the SSN layout (an invalid one is still not a phone number). */
const SSN_SHAPED = /^\d{3}-\d{2}-\d{4}$/;
const YEARS_SHAPED = /^(?:(?:19|20)\d\d[ .-])+(?:19|20)\d\d$/;
const CURRENCY_BEFORE = /(?:\p{Sc}|\b(?:usd|eur|gbp|chf|jpy|inr|cad|aud))\s?$/iu;
const CURRENCY_AFTER = /^\s?(?:\p{Sc}|%|(?:usd|eur|gbp|chf|jpy|inr|cad|aud|dollars?|euros?|pounds?)\b)/iu;
/** The number is labelled as something else: `order no. 1234 5678`, `ticket #`, `version`. */
const REFERENCE_BEFORE =
  /(?:\b(?:order|invoice|tracking|ticket|ref|reference|sku|serial|po|case|confirmation|transaction|booking|reservation|account|acct|customer|member|policy|parcel|shipment|item|product|part|model|isbn|version|ver|build|release)\b[^\w\n]{0,3}(?:(?:number|num|no|nr|id|code)\b[^\w\n]{0,3})?(?:is\s)?|#\s?)$/i;

function isPhone(match: RegExpExecArray, text: string): boolean {
  const candidate = match[0];
  const digits = candidate.replace(/\D/g, '');
  const international = candidate.startsWith('+');
  // National numbers have at most 12 digits with their trunk prefix; longer grouped runs are account-like.
  if (digits.length < 8 || digits.length > (international ? 15 : 12)) return false;
  if (!international) {
    if (!/[ .()-]/.test(candidate)) return false; // a plain digit run is an identifier, not a phone number
    const groups = candidate.split(/\D+/).filter(Boolean);
    if (groups.slice(1).some((g) => g.length === 1)) return false; // ISBNs, version numbers
    const shapes = [DATE_SHAPED, IPV4_SHAPED, THOUSANDS_SHAPED, YEARS_SHAPED, SSN_SHAPED];
    if (shapes.some((shape) => shape.test(candidate))) return false;
    if (/^[\d.]+$/.test(candidate) && !DOTTED_PHONE.test(candidate)) return false;
  }
  const end = match.index + candidate.length;
  const before = text.slice(Math.max(0, match.index - 40), match.index);
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(text.slice(end, end + 10))) return false;
  return !REFERENCE_BEFORE.test(before);
}

function isCard(match: RegExpExecArray): boolean {
  const digits = match[0].replace(/\D/g, '');
  // Issuer networks in use start with 2–6; an all-zero run passes Luhn but is no card.
  return /^[2-6]/.test(digits) && !/^0+$/.test(digits) && luhnValid(digits);
}

function isSsn(match: RegExpExecArray): boolean {
  const [, area, , group, serial] = match;
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** IBAN lengths of the SEPA countries and a few other common ones. */
const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  (
    'AD24 AE23 AT20 BE16 BG22 BR29 CH21 CY28 CZ24 DE22 DK18 EE20 ES24 FI18 FO18 FR27 GB22 GI23 GL18 GR27 HR21 HU28 ' +
    'IE22 IL23 IS26 IT27 LI21 LT20 LU20 LV21 MC27 MT31 NL18 NO15 PL28 PT25 RO24 SA24 SE24 SI19 SK24 SM27 TR26 UA29 VA22'
  )
    .split(' ')
    .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
);
const IBAN_START = /(?<![A-Za-z0-9])([A-Za-z]{2})\d{2}/g;
const ALNUM = /^[A-Za-z0-9]$/;

/**
 * IBANs, compact or grouped by single spaces: from a country code and check digits, exactly the country's length of
 * characters is read, then the next character must not continue the code and the mod 97 check must hold.
 */
const findIbans: Detector<'iban'> = (text) => {
  const spans: Span<'iban'>[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const length = IBAN_LENGTHS.get(match[1].toUpperCase());
    if (!length) continue;
    let compact = match[0];
    let i = match.index + compact.length;
    while (compact.length < length) {
      if (text[i] === ' ' && ALNUM.test(text[i + 1] ?? '')) i++;
      if (!ALNUM.test(text[i] ?? '')) break;
      compact += text[i++];
    }
    if (compact.length === length && !ALNUM.test(text[i] ?? '') && ibanChecksumValid(compact)) {
      spans.push({ kind: 'iban', start: match.index, end: i });
    }
  }
  return spans;
};

/** In priority order: a later detector's span overlapping an earlier one's is dropped. */
const piiDetectors: readonly Detector<PiiKind>[] = [
  patternDetector({ kind: 'email', pattern: EMAIL }),
  findIbans,
  patternDetector({ kind: 'card', pattern: CARD, accept: isCard }),
  patternDetector({ kind: 'ssn', pattern: SSN, accept: isSsn }),
  patternDetector({ kind: 'uk-nino', pattern: UK_NINO, accept: (m) => NINO_PREFIX.test(m[1].toUpperCase()) }),
  patternDetector({ kind: 'phone', pattern: PHONE, accept: isPhone }),
];

const EMAIL_CHAR = /[\p{L}\p{N}_.%+@-]/u;
const NUMBER_CHAR = /[\d .()+/\u00A0-]/;

/**
 * The tail of a streamed text that could still become personal data: an email's run of characters, a number's run
 * of digits and separators (and the letters before it), and never less than the longest IBAN or national id with
 * letters inside (48).
 */
export function piiTail(raw: string): number {
  return Math.max(48, trailingRun(raw, EMAIL_CHAR, 512), Math.min(160, trailingRun(raw, NUMBER_CHAR, 160) + 8));
}

/** Personal data in `source`, as raw spans. */
export function findPii(source: string | NormalizedText): Span<PiiKind>[] {
  return runDetectors(asNormalized(source), piiDetectors);
}
