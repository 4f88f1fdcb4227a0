import type { Article, Mention, Quote, Sentence, Span, Token } from '../../core/index.js';
import { readSenses } from './index-words.js';
import type { WordIndex, WordSense } from './index-words.js';

/** An actor mention with the actor code it stands for and the tokens it covers. */
export interface ActorMention {
  readonly mention: Mention;
  readonly code: string;
  readonly tokenStart: number;
  readonly tokenEnd: number;
  /**
   * Other mentions over exactly the same words that stand for other actors ("the two sides" → the
   * two states): indexes into `actorMentions`, not reachable through `mentionOfToken`.
   */
  readonly siblings: number[];
}

/** What the events stage reads about one article, computed once per article. */
export interface ArticleContext {
  readonly article: Article;
  readonly tokens: readonly Token[];
  /** Per token: its lemma, lower-case (the first of its keys, `tokenKeys`). */
  readonly lemmas: readonly string[];
  /** Per token: what the lexicon knows about its keys (triggers it starts, contexts, issue). */
  readonly senses: readonly WordSense[];
  /** Per token: index into `actorMentions`, or -1. */
  readonly mentionOfToken: Int32Array;
  readonly actorMentions: readonly ActorMention[];
  /** Per token: index of the direct quotation that holds it, or -1. */
  readonly directQuoteOfToken: Int32Array;
  /** Per token: `quoteAt` of its span once asked for (`quoteOfToken`), -2 before. */
  readonly quoteOfTokenMemo: Int32Array;
  /** Issue noun (singular lower-case) → actor code behind it, from explicit mentions in the article. */
  readonly issueAgents: ReadonlyMap<
    string,
    { readonly code: string; readonly text: string; readonly span: Span }
  >;
}

/**
 * Indexes tokens, the lexicon's words among them, actor mentions and issue agents ("Russia's
 * annexation", "referendums organised by Moscow").
 *
 * @example
 * const ctx = buildArticleContext(article, indexWords(lexicon, indexContexts(lexicon.contexts)));
 * ctx.issueAgents.get('annexation')?.code; // 'RUS'
 */
export function buildArticleContext(article: Article, index: WordIndex): ArticleContext {
  const tokens = article.tokens;
  // one flat list per article: a list of keys per token, kept for the whole article, cost more than the lookups
  const { lemmas, senses } = readSenses(tokens, index);
  const mentionOfToken = new Int32Array(tokens.length).fill(-1);
  const actorMentions: ActorMention[] = [];
  const sorted = inTextOrder(article.mentions);
  let t = 0;
  for (const mention of sorted) {
    const code =
      mention.actor ?? (mention.person !== null ? (article.people[mention.person]?.actor ?? null) : null);
    if (code === null) continue;
    while (t < tokens.length && tokens[t]!.end <= mention.span[0]) t++;
    let end = t;
    while (end < tokens.length && tokens[end]!.start < mention.span[1]) end++;
    if (end === t) continue;
    let free = true;
    for (let i = t; i < end; i++) if (mentionOfToken[i] !== -1) free = false;
    if (!free) {
      // a phrase that stands for several actors: each after the first joins it as a sibling
      const first = actorMentions[mentionOfToken[t]!];
      if (
        first !== undefined &&
        first.tokenStart === t &&
        first.tokenEnd === end &&
        first.code !== code &&
        !first.siblings.some((s) => actorMentions[s]!.code === code)
      ) {
        first.siblings.push(actorMentions.length);
        actorMentions.push({ mention, code, tokenStart: t, tokenEnd: end, siblings: [] });
      }
      continue;
    }
    const index = actorMentions.length;
    actorMentions.push({ mention, code, tokenStart: t, tokenEnd: end, siblings: [] });
    for (let i = t; i < end; i++) mentionOfToken[i] = index;
  }
  const directQuoteOfToken = new Int32Array(tokens.length).fill(-1);
  const quotes = article.quotes;
  for (let q = 0; q < quotes.length; q++) {
    const quote = quotes[q]!;
    if (quote.kind !== 'direct') continue;
    // tokens are in text order: find the first inside the quote by bisection, then walk
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.start < quote.span[0]) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && tokens[i]!.start < quote.span[1]; i++) {
      if (tokens[i]!.end <= quote.span[1]) directQuoteOfToken[i] = q;
    }
  }
  const ctx = {
    article,
    tokens,
    lemmas,
    senses,
    mentionOfToken,
    actorMentions,
    directQuoteOfToken,
    quoteOfTokenMemo: new Int32Array(tokens.length).fill(-2),
    issueAgents: new Map(),
  };
  return { ...ctx, issueAgents: collectIssueAgents(ctx) };
}

function byPosition(a: Mention, b: Mention): number {
  return a.span[0] - b.span[0] || b.span[1] - a.span[1];
}

/** Mentions by start, the longest first: the actors stage mostly lists them so already, and then they are not copied. */
function inTextOrder(mentions: readonly Mention[]): readonly Mention[] {
  for (let i = 1; i < mentions.length; i++)
    if (byPosition(mentions[i - 1]!, mentions[i]!) > 0) return [...mentions].sort(byPosition);
  return mentions;
}

/**
 * Singular lower-case key of an issue noun, or null when the token is no issue.
 *
 * @example
 * issueKey(ctx, referendumsToken); // 'referendum'
 */
export function issueKey(
  ctx: Pick<ArticleContext, 'lemmas' | 'senses' | 'tokens'>,
  i: number,
): string | null {
  // the sense first: most tokens are no issue, and their token need not be read
  if (!ctx.senses[i]!.issue) return null;
  const token = ctx.tokens[i]!;
  if (token.pos !== 'NOUN' && token.pos !== 'PROPN') return null;
  // the lemma names the issue ("referendums" and "referendum" are one issue)
  return ctx.lemmas[i]!;
}

/**
 * Whether token `i`'s lower-case text is in the cue set of `bit` (`TEXT_CUES`), as its senses say.
 *
 * @example
 * isCue(ctx, i, TEXT_CUES.negation); // true for "not"
 */
export function isCue(ctx: Pick<ArticleContext, 'senses'>, i: number, bit: number): boolean {
  return (ctx.senses[i]!.cues & bit) !== 0;
}

const MODIFIER_POS: ReadonlySet<string> = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM', 'PART', 'PUNCT', 'VERB']);

/**
 * The actor mention that pre-modifies token `i` ("Russia's annexation", "Russian referendums", "US-led strikes"), or -1.
 *
 * @example
 * preModifier(ctx, annexationToken, sentence.tokenStart); // index of the "Russia" mention
 */
export function preModifier(
  ctx: Pick<ArticleContext, 'tokens' | 'mentionOfToken'>,
  i: number,
  from: number,
): number {
  for (let p = i - 1, skipped = 0; p >= from && skipped <= 3; p--, skipped++) {
    const m = ctx.mentionOfToken[p]!;
    if (m !== -1) return m;
    const tok = ctx.tokens[p]!;
    if (tok.lower === ',' || tok.lower === 'and' || tok.lower === 'the' || tok.lower === 'of') return -1;
    if (!MODIFIER_POS.has(tok.pos) && tok.lower !== "'s" && tok.lower !== '’s') return -1;
    // a verb only as the second half of a compound adjective ("US-led", "Iranian-backed")
    if (tok.pos === 'VERB' && ctx.tokens[p - 1]?.lower !== '-') return -1;
  }
  return -1;
}

/** Issue key → actor code → how often that actor is named as the issue's agent, and its first mention. */
type Votes = Map<string, Map<string, { n: number; text: string; span: Span }>>;

function vote(votes: Votes, key: string, am: ActorMention): void {
  let byCode = votes.get(key);
  if (!byCode) votes.set(key, (byCode = new Map()));
  const v = byCode.get(am.code);
  if (v) v.n++;
  else byCode.set(am.code, { n: 1, text: am.mention.text, span: am.mention.span });
}

function collectIssueAgents(
  ctx: Omit<ArticleContext, 'issueAgents'>,
): Map<string, { code: string; text: string; span: Span }> {
  const votes: Votes = new Map();
  for (const sentence of ctx.article.sentences) {
    for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
      const key = issueKey(ctx, i);
      if (key === null || ctx.mentionOfToken[i] !== -1) continue;
      const before = preModifier(ctx, i, sentence.tokenStart);
      if (before !== -1) {
        vote(votes, key, ctx.actorMentions[before]!);
        continue;
      }
      const agent = byAgentAfter(ctx, sentence, i);
      if (agent !== -1) vote(votes, key, ctx.actorMentions[agent]!);
    }
  }
  const out = new Map<string, { code: string; text: string; span: Span }>();
  for (const [key, byCode] of votes) {
    let best: [string, { n: number; text: string; span: Span }] | null = null;
    for (const entry of byCode) if (best === null || entry[1].n > best[1].n) best = entry;
    if (best) out.set(key, { code: best[0], text: best[1].text, span: best[1].span });
  }
  return out;
}

/**
 * "annexation by Moscow", "referendums organised by Russia": the mention after `by` within a few tokens of `i`, or -1.
 *
 * @example
 * byAgentAfter(ctx, sentence, annexationToken); // index of the "Moscow" mention
 */
/** Words an agent phrase may have before its actor: "by senior representatives of". */
const AGENT_PHRASE_POS: ReadonlySet<string> = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'ADV', 'NUM']);

export function byAgentAfter(
  ctx: Pick<ArticleContext, 'tokens' | 'mentionOfToken'>,
  sentence: Sentence,
  i: number,
): number {
  const end = Math.min(sentence.tokenEnd, i + 7);
  for (let p = i + 1; p < end; p++) {
    const tok = ctx.tokens[p]!;
    if (ctx.mentionOfToken[p] !== -1) continue;
    if (tok.lower === 'by') {
      // "by Russia", "by the Russian army", "by representatives of the Seleka rebel coalition"
      for (let q = p + 1; q < Math.min(sentence.tokenEnd, p + 9); q++) {
        const m = ctx.mentionOfToken[q]!;
        if (m !== -1) return m;
        const t = ctx.tokens[q]!;
        if (!AGENT_PHRASE_POS.has(t.pos) && t.lower !== 'of' && t.lower !== 'from') break;
      }
      return -1;
    }
    if (!AGENT_GAP_POS.has(tok.pos)) return -1;
  }
  return -1;
}

const AGENT_GAP_POS: ReadonlySet<string> = new Set(['VERB', 'ADV', 'ADJ', 'DET', 'NOUN', 'ADP', 'NUM']);

/**
 * quoteAt for token `i`'s span, read once per token: the clause and role readers both ask for a
 * trigger's head.
 *
 * @example
 * quoteOfToken(ctx, match.head); // 2
 */
export function quoteOfToken(
  ctx: Pick<ArticleContext, 'article' | 'tokens' | 'quoteOfTokenMemo'>,
  i: number,
): number {
  let q = ctx.quoteOfTokenMemo[i]!;
  if (q === -2)
    ctx.quoteOfTokenMemo[i] = q = quoteAt(ctx.article.quotes, [ctx.tokens[i]!.start, ctx.tokens[i]!.end]);
  return q;
}

/**
 * Index of the innermost quote whose span holds `span`, or -1.
 *
 * @example
 * quoteAt(article.quotes, trigger.span); // 2
 */
export function quoteAt(quotes: readonly Quote[], span: Span): number {
  let best = -1;
  for (let q = 0; q < quotes.length; q++) {
    const s = quotes[q]!.span;
    if (
      s[0] <= span[0] &&
      span[1] <= s[1] &&
      (best === -1 || s[1] - s[0] < quotes[best]!.span[1] - quotes[best]!.span[0])
    )
      best = q;
  }
  return best;
}
