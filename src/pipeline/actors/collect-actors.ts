import type { ActorRef, Mention, Span } from '../../core/index.js';
import type { Registry } from './build-registry.js';

/**
 * Groups actor mentions by code into one ActorRef each, in order of first mention.
 *
 * @example
 * collectActors(mentions, registry); // [{ code: 'JPN', name: 'Japan', kind: 'country', mentions: [[0, 5]] }]
 */
export function collectActors(mentions: readonly Mention[], registry: Registry): ActorRef[] {
  const byCode = new Map<string, { code: string; name: string; kind: ActorRef['kind']; mentions: Span[] }>();
  for (const mention of mentions) {
    if (mention.actor === null || mention.kind === 'person' || mention.kind === 'description') continue;
    let ref = byCode.get(mention.actor);
    if (!ref) {
      const known = registry.actors.get(mention.actor);
      ref = {
        code: mention.actor,
        name: known?.name ?? mention.actor,
        kind: known?.kind ?? (mention.actor.startsWith('NSA:') ? 'group' : 'country'),
        mentions: [],
      };
      byCode.set(mention.actor, ref);
    }
    ref.mentions.push(mention.span);
  }
  return [...byCode.values()];
}
