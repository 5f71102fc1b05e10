/**
 * Chinese line breaking, pure: text in, lines out, widths from a callback.
 *
 * A line may break between any two CJK characters and at spaces; a run of Latin letters, digits and
 * ASCII punctuation (a word, 10,000.00, RMB) stays whole unless it alone is wider than a line.
 * Kinsoku (禁则): no line starts with closing punctuation and no line ends with opening punctuation.
 * When the greedy break would violate that, the last character(s) of the line are pushed down to
 * the next line; only when a line has no legal break at all may one closing mark hang past the
 * right edge. Ellipses and dashes (……, ——) are never split.
 */

/** Width of a piece of text at the size being laid out. */
export type Measure = (text: string) => number;

export interface BreakOptions {
  maxWidth: number;
  /** Width available on the first line (a first-line indent makes it narrower); default maxWidth. */
  firstLineWidth?: number;
  measure: Measure;
}

export interface BrokenLine {
  text: string;
  width: number;
  /** The line ends its paragraph or an explicit `\n`: justification leaves such a line ragged. */
  hardEnd: boolean;
}

/** Marks that may not begin a line (行首禁则): closing brackets and quotes, stops, pauses. */
export const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉〗｝］”’…—～·．,.;:?!)]}%‰℃']);

/** Marks that may not end a line (行尾禁则): opening brackets and quotes. */
export const NO_LINE_END = new Set([...'（《「『【〔〈〖｛［“‘([{']);

/** Repeated to form one unbreakable mark: …… and ——. */
const DOUBLED = new Set(['…', '—']);

const EPSILON = 1e-6;

interface Atom {
  text: string;
  width: number;
  space: boolean;
}

/** Characters that stand alone as break units: ideographs, kana, hangul, CJK and full-width punctuation. */
export function isCjkUnit(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK symbols and punctuation, kana, bopomofo, hangul compat, Ext A, URO
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7ff) || // hangul
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0xfe10 && cp <= 0xfe1f) || // vertical forms
    (cp >= 0xfe30 && cp <= 0xfe4f) || // compatibility forms
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x20000 && cp <= 0x3ffff) || // Ext B and beyond
    char === '“' ||
    char === '”' ||
    char === '‘' ||
    char === '’' ||
    DOUBLED.has(char)
  );
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\u3000' || char === '\u00a0';
}

/** Splits one line of text (no `\n`) into break units. */
function atomsOf(text: string, measure: Measure): Atom[] {
  const atoms: Atom[] = [];
  let word = '';
  const flushWord = (): void => {
    if (word) atoms.push({ text: word, width: measure(word), space: false });
    word = '';
  };
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (isSpace(char)) {
      flushWord();
      atoms.push({ text: char, width: measure(char), space: true });
    } else if (isCjkUnit(char)) {
      flushWord();
      let unit = char;
      while (DOUBLED.has(char) && chars[i + 1] === char) {
        unit += char;
        i++;
      }
      atoms.push({ text: unit, width: measure(unit), space: false });
    } else {
      word += char;
    }
  }
  flushWord();
  return atoms;
}

function firstChar(text: string): string {
  return String.fromCodePoint(text.codePointAt(0) ?? 0);
}

function lastChar(text: string): string {
  return [...text].at(-1) ?? '';
}

/** May a line break fall between atoms[index - 1] and atoms[index]? */
function canBreakBefore(atoms: Atom[], index: number): boolean {
  const before = atoms[index - 1];
  const after = atoms[index];
  if (!before || !after) return false;
  if (!after.space && NO_LINE_START.has(firstChar(after.text))) return false;
  if (!before.space && NO_LINE_END.has(lastChar(before.text))) return false;
  return true;
}

/** Cuts an atom wider than a whole line into the longest prefix that fits and the rest. */
function splitOversized(atom: Atom, width: number, measure: Measure): [Atom, Atom] {
  const chars = [...atom.text];
  let take = 1;
  while (take < chars.length && measure(chars.slice(0, take + 1).join('')) <= width + EPSILON) take++;
  const head = chars.slice(0, take).join('');
  const tail = chars.slice(take).join('');
  return [
    { text: head, width: measure(head), space: false },
    { text: tail, width: measure(tail), space: false },
  ];
}

function lineOf(atoms: Atom[], hardEnd: boolean): BrokenLine {
  let end = atoms.length;
  while (end > 0 && atoms[end - 1]?.space) end--;
  const kept = atoms.slice(0, end);
  return { text: kept.map((a) => a.text).join(''), width: kept.reduce((sum, a) => sum + a.width, 0), hardEnd };
}

function breakParagraph(text: string, firstWidth: number, maxWidth: number, measure: Measure): BrokenLine[] {
  const atoms = atomsOf(text, measure);
  const lines: BrokenLine[] = [];
  let start = 0;
  while (start < atoms.length) {
    while (start < atoms.length && atoms[start]?.space) start++;
    if (start >= atoms.length) break;
    const available = lines.length === 0 ? firstWidth : maxWidth;

    // Greedy: take atoms while they fit; trailing spaces never count against the width.
    let end = start;
    let width = 0;
    while (end < atoms.length) {
      const atom = atoms[end] as Atom;
      if (!atom.space && width + atom.width > available + EPSILON) break;
      width += atom.width;
      end++;
    }
    if (end >= atoms.length) {
      lines.push(lineOf(atoms.slice(start), true));
      break;
    }
    if (end === start) {
      // One unit wider than the line (a long number or hash in a narrow column): cut it.
      const atom = atoms[start] as Atom;
      const [head, tail] = splitOversized(atom, available, measure);
      if (tail.text) atoms.splice(start, 1, head, tail);
      lines.push(lineOf([tail.text ? head : atom], false));
      start += 1;
      continue;
    }

    // atoms[end] does not fit: move the break back until it is legal (push characters down).
    let breakAt = end;
    while (breakAt > start && !canBreakBefore(atoms, breakAt)) breakAt--;
    if (breakAt === start) {
      // No legal break on this line: let closing marks hang past the edge, else break anyway.
      breakAt = end;
      while (breakAt < atoms.length && !canBreakBefore(atoms, breakAt) && !atoms[breakAt]?.space) {
        const next = atoms[breakAt] as Atom;
        if (!NO_LINE_START.has(firstChar(next.text))) break;
        breakAt++;
      }
      if (breakAt >= atoms.length) {
        lines.push(lineOf(atoms.slice(start), true));
        break;
      }
    }
    lines.push(lineOf(atoms.slice(start, breakAt), false));
    start = breakAt;
  }
  return lines;
}

/**
 * Breaks `text` into lines no wider than `maxWidth` (the first no wider than `firstLineWidth`).
 * `\n` forces a break; an empty paragraph between two `\n` yields an empty line.
 */
export function breakLines(text: string, options: BreakOptions): BrokenLine[] {
  const { maxWidth, measure } = options;
  const firstLineWidth = options.firstLineWidth ?? maxWidth;
  const lines: BrokenLine[] = [];
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  for (const paragraph of paragraphs) {
    const first = lines.length === 0 ? firstLineWidth : maxWidth;
    const broken = breakParagraph(paragraph, first, maxWidth, measure);
    lines.push(...(broken.length > 0 ? broken : [{ text: '', width: 0, hardEnd: true }]));
  }
  return lines;
}
