/** A trigger read from a PETRARCH verb dictionary, in the shape of data/events/triggers.json (no type: its CAMEO root gives it). */
export interface PetrarchTrigger {
  readonly match: string;
  readonly cameo: string;
  readonly frame: 'verb';
  /** A paired code ("[031:031]", "[032:033]") under one root: the act is coded both ways. */
  readonly mutual?: 'all';
  /** Where it came from, for diagnostics: "RESTORE: - * DIPLOMATIC [064]". */
  readonly source: string;
}

export interface PetrarchVerbs {
  readonly triggers: PetrarchTrigger[];
  /** Patterns left out: codes that are no CAMEO event code ([---], [+++]), negated patterns, or words the matcher cannot express. */
  readonly skipped: number;
}

/** A CAMEO event code: root 01-20 and up to two more digits. */
const CAMEO = /^(?:0[1-9]|1\d|20)\d{0,2}$/;
/** Negation inside a pattern: demarche reads negation itself, around any trigger. */
const NEGATION = new Set(['not', 'no', 'never', "n't"]);
/** A plain word of a pattern, after markers are taken off. */
const WORD = /^[a-z][a-z'.-]*$/;

/**
 * The CAMEO code of a pattern's `[…]`, and whether it codes both ways: "064" → one way,
 * "032:033" → both ways when the two codes share a root (the reverse act takes the first code),
 * else one way; null when it is no CAMEO event code ("---", "+++", "075A").
 */
function readCode(raw: string): { cameo: string; mutual: boolean } | null {
  const [first, second, ...rest] = raw.trim().split(':');
  if (rest.length > 0 || first === undefined || !CAMEO.test(first)) return null;
  if (second === undefined) return { cameo: first, mutual: false };
  if (!CAMEO.test(second)) return null;
  return { cameo: first, mutual: first.slice(0, 2) === second.slice(0, 2) };
}

/** Strips TABARI/PETRARCH comments: `#` to the end of a line and `<!-- … -->` blocks. */
function stripComments(text: string): string[] {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trimEnd());
}

/** The words of a unit ("DIPLOMATIC_TIES", "+KNOWN_", "&TIETYPES"): markers off, lower case. */
function unitWords(unit: string): string[] {
  return unit
    .split('_')
    .map((w) => w.replace(/^[+$%^]+/, '').toLowerCase())
    .filter((w) => w !== '');
}

/**
 * Reads a PETRARCH (TABARI-format) verb dictionary into demarche triggers: each verb block
 * (`--- RESTORE [064] ---`, its forms `RESTORE {RESTORED …}`, multi-word verbs joined by `_`) gives
 * the bare verb with the block's code and one trigger per pattern line (`- * DIPLOMATIC TIES [064]`:
 * `*` is the verb; words joined by `_` must be adjacent, words apart may have others between them;
 * `&SYNSET` stands for the synset's one-word members; a paired code `[031:031]` codes the act both
 * ways when its codes share a root). The source and target markers (`$`, `+`,
 * `%`, `^`) are dropped: demarche assigns roles from the clause. Patterns whose code is no CAMEO
 * event code, that hold a negation, or that use a synset with no one-word member are skipped.
 *
 * @example
 * parsePetrarchVerbs('--- RESTORE [064] ---\nRESTORE\n- * DIPLOMATIC TIES [064]\n').triggers;
 * // [{ match: 'restore', cameo: '064', … }, { match: '^restore * diplomatic * ties', cameo: '064', … }]
 */
export function parsePetrarchVerbs(text: string): PetrarchVerbs {
  const lines = stripComments(text);
  const synsets = new Map<string, string[]>();
  // synsets first: a pattern may use one defined further down
  let synset: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trim();
    const head = /^&([A-Z0-9_]+)\s*$/.exec(trimmed);
    if (head) {
      synset = [];
      synsets.set(head[1]!, synset);
    } else if (synset !== null && trimmed.startsWith('+')) {
      synset.push(trimmed.slice(1).trim());
    } else if (trimmed === '' || trimmed.startsWith('---')) {
      synset = null;
    }
  }
  /** One-word alternatives of a synset reference (nested synsets expanded), or null. */
  const expand = (name: string, seen: Set<string>): string[] => {
    if (seen.has(name)) return [];
    seen.add(name);
    const out: string[] = [];
    for (const member of synsets.get(name) ?? []) {
      if (member.startsWith('&')) out.push(...expand(member.slice(1), seen));
      else if (!/[\s_]/.test(member.trim())) out.push(member.trim().toLowerCase());
    }
    return out;
  };

  const triggers: PetrarchTrigger[] = [];
  let skipped = 0;
  let verb: string | null = null;
  let headerCode: string | null = null;
  /**
   * The verbs of the block, each with its forms position by position ("cordon|cordoned off"): the
   * form lines before the first pattern.
   */
  let variants: Set<string>[][] = [];
  let inPatterns = false;
  let bareDone = false;

  /** The verb items of each variant: "^restore|restored", "^wire tap|tapped". */
  const verbMatches = (): string[] =>
    variants.map((forms) => forms.map((alts, i) => `${i === 0 ? '^' : ''}${[...alts].join('|')}`).join(' '));
  const emit = (match: string, code: { cameo: string; mutual: boolean }, source: string): void => {
    triggers.push({
      match,
      cameo: code.cameo,
      frame: 'verb',
      ...(code.mutual ? { mutual: 'all' as const } : {}),
      source,
    });
  };
  const emitBare = (): void => {
    if (bareDone || verb === null) return;
    bareDone = true;
    const code = headerCode === null ? null : readCode(headerCode);
    if (code === null) return;
    for (const match of verbMatches()) emit(match, code, `${verb} [${headerCode}]`);
  };

  let inSynset = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') {
      inSynset = false;
      continue;
    }
    if (trimmed.startsWith('&')) {
      inSynset = true; // a synset's members follow, read above
      continue;
    }
    if (inSynset && trimmed.startsWith('+')) continue;
    inSynset = false;
    const block = /^---\s+(\S+)\s+\[([^\]]*)\]\s*---/.exec(trimmed);
    if (block) {
      emitBare();
      verb = block[1]!;
      headerCode = block[2]!.trim();
      variants = [];
      inPatterns = false;
      bareDone = false;
      continue;
    }
    if (verb === null) continue;
    if (trimmed.startsWith('-')) {
      emitBare();
      inPatterns = true;
      const pattern = /^-\s+(.*?)\s*\[([^\]]*)\]\s*$/.exec(trimmed);
      if (!pattern || variants.length === 0) {
        skipped++;
        continue;
      }
      const code = readCode(pattern[2]!);
      const units = pattern[1]!.split(/\s+/).filter((u) => u !== '');
      if (code === null || !units.includes('*')) {
        skipped++;
        continue;
      }
      const parts: string[] = [];
      let ok = true;
      for (const unit of units) {
        if (unit === '*') {
          parts.push('*VERB*');
          continue;
        }
        const words = unitWords(unit);
        if (words.length === 0) continue; // a bare role marker: $, +, %, ^
        const items: string[] = [];
        for (const word of words) {
          if (word.startsWith('&')) {
            const alts = expand(word.slice(1).toUpperCase(), new Set());
            if (alts.length === 0) ok = false;
            items.push(alts.join('|'));
          } else {
            if (!WORD.test(word) || NEGATION.has(word)) ok = false;
            items.push(word);
          }
        }
        parts.push(items.join(' '));
      }
      if (!ok) {
        skipped++;
        continue;
      }
      const match = parts.join(' * ');
      for (const vm of verbMatches()) emit(match.replace('*VERB*', vm), code, `${verb}: ${trimmed}`);
      continue;
    }
    if (inPatterns) {
      skipped++; // a form line among the patterns is no verb of the block
      continue;
    }
    // a form line: "BAN {BANS BANNED}", "+CORDON_OFF {+CORDONED_OFF …}", "WIRE_+TAP {…}"
    const form = /^(\S+)\s*(?:\{([^}]*)\})?/.exec(trimmed);
    if (!form) continue;
    const spellings = [form[1]!, ...(form[2] ?? '').split(/\s+/).filter((f) => f !== '')].map(unitWords);
    const first = spellings[0]!;
    if (
      first.length === 0 ||
      spellings.some((s) => s.length !== first.length || s.some((w) => !WORD.test(w)))
    ) {
      skipped++;
      continue;
    }
    const forms = first.map(() => new Set<string>());
    for (const spelling of spellings) spelling.forEach((w, i) => forms[i]!.add(w));
    variants.push(forms);
  }
  emitBare();
  return { triggers, skipped };
}
