// Credential detectors: provider API keys and tokens by their documented prefixes and shapes, JWTs (a base64url
// header that decodes to JSON with `alg`) and PEM private key blocks. A JWT or key block is reported as soon as its
// header is complete, even unterminated, so a stream guard holds it back however long it grows.
import { type Detector, patternDetector, runDetectors } from './detector';
import { asNormalized, type NormalizedText, trailingRun } from './normalize';
import type { Span } from './span';

export type SecretKind =
  | 'secret:openai'
  | 'secret:anthropic'
  | 'secret:aws-access-key'
  | 'secret:github'
  | 'secret:slack'
  | 'secret:google-api-key'
  | 'secret:stripe'
  | 'secret:jwt'
  | 'secret:private-key';

/** Random key material has digits; `sk-learn-compatible-estimator` does not. */
const hasDigit = (match: RegExpExecArray) => /\d/.test(match[0]);

function isJwtHeader(match: RegExpExecArray): boolean {
  const segment = match[0].slice(0, match[0].indexOf('.'));
  try {
    const padded = segment
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(segment.length / 4) * 4, '=');
    const header: unknown = JSON.parse(atob(padded));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY-----/g;
const PEM_END = /-----END (?:[A-Z0-9]+ ){0,4}PRIVATE KEY-----/;
/** What a key block's body may hold: base64 lines and `Proc-Type: 4,ENCRYPTED`-style headers. */
const PEM_BODY = /[A-Za-z0-9+/=:,.\s-]*/y;

/** Private key blocks: to their END line, or, unterminated, to the end of the body that follows BEGIN. */
const findPrivateKeys: Detector<'secret:private-key'> = (text) => {
  const spans: Span<'secret:private-key'>[] = [];
  const begin = new RegExp(PEM_BEGIN);
  for (let header = begin.exec(text); header; header = begin.exec(text)) {
    const bodyStart = header.index + header[0].length;
    PEM_BODY.lastIndex = bodyStart;
    PEM_BODY.exec(text);
    const body = text.slice(bodyStart, PEM_BODY.lastIndex);
    const end = PEM_END.exec(body);
    // Unterminated: to the end of the body — and through trailing whitespace when the text ends there, since a
    // stream may still be adding lines to it (the guard must hold them, not release a newline between two parts).
    const length = end
      ? end.index + end[0].length
      : PEM_BODY.lastIndex === text.length
        ? body.length
        : body.trimEnd().length;
    spans.push({ kind: 'secret:private-key', start: header.index, end: bodyStart + length });
    begin.lastIndex = bodyStart + length;
  }
  return spans;
};

/** In priority order (Anthropic's `sk-ant-` before OpenAI's `sk-`). */
const secretDetectors: readonly Detector<SecretKind>[] = [
  findPrivateKeys,
  patternDetector({ kind: 'secret:anthropic', pattern: /(?<![\w-])sk-ant-[\w-]{20,}/g, accept: hasDigit }),
  patternDetector({
    kind: 'secret:openai',
    pattern: /(?<![\w-])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[\w-]{20,}/g,
    accept: hasDigit,
  }),
  patternDetector({ kind: 'secret:stripe', pattern: /(?<![\w-])[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g }),
  patternDetector({
    kind: 'secret:aws-access-key',
    pattern: /(?<![A-Za-z0-9])A(?:KI|SI)A[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  }),
  patternDetector({ kind: 'secret:github', pattern: /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{22,})/g }),
  patternDetector({ kind: 'secret:slack', pattern: /(?<![\w-])xox[abprs]-[A-Za-z0-9-]{10,}/g, accept: hasDigit }),
  patternDetector({ kind: 'secret:google-api-key', pattern: /(?<![\w-])AIza[\w-]{35}(?![\w-])/g }),
  patternDetector({
    kind: 'secret:jwt',
    pattern: /(?<![\w-])eyJ[\w-]{10,}\.[\w-]*(?:\.[\w-]*)?/g,
    accept: isJwtHeader,
  }),
];

/** Credentials in `source`, as raw spans. */
export function findSecrets(source: string | NormalizedText): Span<SecretKind>[] {
  return runDetectors(asNormalized(source), secretDetectors);
}

const TOKEN_CHAR = /[\p{L}\p{N}_.=+/:~-]/u;
/** A key block's header as it streams in: `-`, `-----B`, … `-----BEGIN RSA PRIV`. */
const PEM_HEADER_TAIL = /-{1,5}(?:B(?:E(?:G(?:I(?:N[A-Z0-9 -]*)?)?)?)?)?$/;

/**
 * The tail of a streamed text that could still become a secret: the last token (keys and tokens hold no space; a
 * longer one is reported while it grows) or a key block's unfinished header.
 */
export function secretTail(raw: string): number {
  const header = PEM_HEADER_TAIL.exec(raw.slice(-64));
  return Math.max(trailingRun(raw, TOKEN_CHAR, 512), header ? header[0].length : 0);
}
