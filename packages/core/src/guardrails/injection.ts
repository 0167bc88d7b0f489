// Prompt-injection heuristics. Phrase rules read a folded word view of the normalized text (lowercase, leetspeak
// undone, punctuation as single spaces, letter-by-letter spelling joined up); role-tag rules read the text itself;
// base64 and hex segments that decode to readable text are checked once more. Signals name the rule and quote it.
import { normalize } from './normalize';

export type InjectionRule =
  | 'ignore-instructions'
  | 'persona-override'
  | 'reveal-prompt'
  | 'developer-mode'
  | 'dan'
  | 'role-tag';

export interface InjectionSignal {
  rule: InjectionRule;
  /** The text that triggered the rule (decoded, for an encoded segment), at most 120 characters. */
  excerpt: string;
  /** Set when the signal came from a decoded segment. */
  encoding?: 'base64' | 'hex';
}

export interface InjectionResult {
  matched: boolean;
  signals: InjectionSignal[];
}

/** Leetspeak digits and symbols, and `l` → `i` so that `1` can stand for either: patterns get the same `l` → `i`. */
const FOLD: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  l: 'i',
  '|': 'i',
};
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

interface WordView {
  text: string;
  /** Per index of `text`: the index of the source character it came from. */
  source: number[];
}

/**
 * The folded word view: words of folded letters joined by single spaces. Three or more one-letter words in a row
 * with short gaps (`i g n o r e`, `i.g.n.o.r.e`) are joined into one word.
 */
function wordView(text: string): WordView {
  const words: { word: string; start: number; end: number }[] = [];
  let current = '';
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i] ?? ' ';
    const lower = ch.toLowerCase();
    const folded = FOLD[lower] ?? (lower.length === 1 && WORD_CHAR.test(lower) ? lower : undefined);
    if (folded !== undefined) {
      if (!current) start = i;
      current += folded;
    } else if (current) {
      words.push({ word: current, start, end: i });
      current = '';
    }
  }
  const view: WordView = { text: '', source: [] };
  for (let i = 0; i < words.length; i++) {
    let j = i;
    while (j + 1 < words.length && words[j + 1].word.length === 1 && words[j].word.length === 1) {
      if (words[j + 1].start - words[j].end > 3) break;
      j++;
    }
    const run = j - i + 1 >= 3 ? words.slice(i, j + 1) : [words[i]];
    if (view.text) {
      view.text += ' ';
      view.source.push(words[i].start - 1);
    }
    for (const { word, start: from } of run) {
      view.text += word;
      for (let k = 0; k < word.length; k++) view.source.push(from + k);
    }
    i += run.length - 1;
  }
  return view;
}

/** Patterns are written in plain lowercase English; the word view spells every `l` as `i`, so they do too. */
const phrase = (source: string) => new RegExp(source.replace(/l/g, 'i'), 'g');

/** Freed from its rules: what "you are now …" and "act as …" turn a model into, in an attack. */
const UNBOUND =
  '(?:unrestricted|unfiltered|uncensored|unlimited|unbound|jailbroken|jailbreak|evil|developer ?mode|' +
  '(?:free ?from|without|with ?no|not ?bound ?by|no) ?(?:any ?|all ?|your ?)?' +
  '(?:restrictions|rules|limits|limitations|filters|guidelines|censorship|boundaries|ethics|morals|policies))';
/** A request about the instructions themselves, not "your instructions for assembling the desk". */
const NOT_ABOUT_SOMETHING_ELSE = '(?! ?(?:for|on|about|to|of|regarding|in|from)\\b)';

interface PhraseRule {
  rule: InjectionRule;
  pattern: RegExp;
  /** A check on the source text of the match, for rules the case-folded view cannot decide. */
  confirm?: (excerpt: string) => boolean;
}

const phraseRules: readonly PhraseRule[] = [
  {
    rule: 'ignore-instructions',
    pattern: phrase(
      '\\b(?:ignore|disregard|forget|override|bypass) ?(?:(?:all|any|every|the|your|of|these|those) ?){0,3}' +
        '(?:previous|prior|above|earlier|preceding|former|initial|original|system|existing) ?' +
        '(?:(?:system|safety) ?)?(?:instructions?|rules|prompts?|directives|guidelines|commands)\\b',
    ),
  },
  {
    rule: 'persona-override',
    pattern: phrase(
      `\\b(?:you ?are ?now|from ?now ?on|(?:act|behave|pretend|roleplay|respond|operate) ?(?:as|like|to ?be))\\b(?: [a-z]+){0,6} ?${UNBOUND}`,
    ),
  },
  {
    rule: 'reveal-prompt',
    pattern: phrase(
      '\\b(?:reveal|print|show|display|output|repeat|leak|dump|expose|recite|tell ?me|give ?me|write ?out|what ?(?:is|are|was|were))' +
        ' ?(?:(?:me|us|your|the|its|all|of|exact|full|entire|complete|original|initial|hidden|secret|verbatim|current) ?){0,4}' +
        `(?:system ?prompt|your ?(?:system ?message|(?:hidden|secret|initial|original|internal|confidential|real|actual) ?(?:rules|instructions|prompt|guidelines)))${NOT_ABOUT_SOMETHING_ELSE}`,
    ),
  },
  {
    rule: 'reveal-prompt',
    pattern: phrase(
      '\\b(?:reveal|print|repeat|leak|dump|output|expose|recite|display) ?(?:(?:me|us|all|of) ?){0,2}' +
        `your ?(?:instructions|rules|prompt|guidelines|directives)${NOT_ABOUT_SOMETHING_ELSE}`,
    ),
  },
  {
    rule: 'developer-mode',
    pattern: phrase(
      '\\b(?:(?:you ?are|you ?re|you ?will ?be|pretend ?(?:to ?be|you ?are)|act|stay|remain|simulate|emulate) ?(?:now ?)?' +
        '(?:(?:in|as|with|on|a|an|the|your) ?){0,2}developer ?mode|(?:chatgpt|gpt|ai|assistant|model|claude|bot|you) ?with ?' +
        '(?:the ?)?developer ?mode|developer ?mode ?(?:output|response|answer)s?)\\b',
    ),
  },
  {
    rule: 'dan',
    pattern: phrase(
      '\\b(?:(?:you ?are ?(?:now ?)?|act(?:ing)? ?as ?|pretend(?:ing)? ?to ?be ?|become ?|respond ?as ?|answer ?as ?|you ?will ?be ?|stay ?)' +
        '(?:a ?|the ?)?dan|dan ?mode|do ?anything ?now)\\b',
    ),
    // "act as Dan from accounting" is a colleague; the jailbreak is spelled DAN (or D4N).
    confirm: (excerpt) => /D[A4@]N|do\W*anything\W*now/i.test(excerpt) && !/\bDan\b/.test(excerpt),
  },
];

const ROLE_TAG =
  /<\/?\s*(?:system|assistant|developer)\s*>|<\|\s*(?:im_start|im_end|system|endoftext|start_header_id|end_header_id|eot_id)\s*\|>|\[\/?INST\]|<<\/?SYS>>|^[ \t]*#{2,}[ \t]*(?:system|instructions?|developer)[ \t]*:/im;

const BASE64_SEGMENT = /(?<![\w+/-])[A-Za-z0-9+/_-]{24,}={0,2}/g;
const HEX_SEGMENT = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){12,}(?![0-9A-Fa-f])/g;
/** Enough decoded segments for any real message; more is padding meant to slow the check down. */
const MAX_DECODED_SEGMENTS = 16;
const EXCERPT_LENGTH = 120;

function findSignals(text: string, encoding?: InjectionSignal['encoding']): InjectionSignal[] {
  const signals: InjectionSignal[] = [];
  const add = (rule: InjectionRule, excerpt: string) =>
    signals.push({ rule, excerpt: excerpt.trim().slice(0, EXCERPT_LENGTH), ...(encoding ? { encoding } : {}) });
  const view = wordView(text);
  for (const { rule, pattern, confirm } of phraseRules) {
    if (signals.some((s) => s.rule === rule)) continue;
    for (const match of view.text.matchAll(pattern)) {
      const excerpt = text.slice(view.source[match.index], view.source[match.index + match[0].length - 1] + 1);
      if (confirm && !confirm(excerpt)) continue;
      add(rule, excerpt);
      break;
    }
  }
  const tag = ROLE_TAG.exec(text);
  if (tag) add('role-tag', tag[0]);
  return signals;
}

/** The decoded text, when the bytes are UTF-8 that reads as text (no control characters but whitespace). */
function readable(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /[^\P{C}\t\n\r]/u.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

function decodeBase64(segment: string): Uint8Array | undefined {
  const standard = segment.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return undefined;
  try {
    return Uint8Array.from(atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function decodeHex(segment: string): Uint8Array {
  return Uint8Array.from({ length: segment.length / 2 }, (_, i) =>
    Number.parseInt(segment.slice(i * 2, i * 2 + 2), 16),
  );
}

function* decodedSegments(text: string): Generator<{ encoding: 'base64' | 'hex'; text: string }> {
  let count = 0;
  const candidates = [
    ...Array.from(text.matchAll(HEX_SEGMENT), (m) => ({ encoding: 'hex' as const, segment: m[0] })),
    ...Array.from(text.matchAll(BASE64_SEGMENT), (m) => ({ encoding: 'base64' as const, segment: m[0] })),
  ];
  for (const { encoding, segment } of candidates) {
    if (encoding === 'base64' && /^[0-9A-Fa-f]+$/.test(segment)) continue; // read as hex already
    const plain = readable(encoding === 'hex' ? decodeHex(segment) : decodeBase64(segment));
    if (plain === undefined) continue;
    yield { encoding, text: normalize(plain).text };
    if (++count === MAX_DECODED_SEGMENTS) return;
  }
}

/** Prompt-injection signals in `text` (user input, a tool result, a retrieved document). */
export function checkInjection(text: string): InjectionResult {
  const normalized = normalize(text).text;
  const signals = findSignals(normalized);
  for (const segment of decodedSegments(normalized)) signals.push(...findSignals(segment.text, segment.encoding));
  return { matched: signals.length > 0, signals };
}
