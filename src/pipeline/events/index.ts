export { parseEventsLexicon, extendEventsLexicon } from './parse-events-lexicon.js';
export type {
  EventsLexicon,
  TriggerEntry,
  EventCues,
  CameoCode,
  UserTriggers,
} from './parse-events-lexicon.js';
export { parsePetrarchVerbs, type PetrarchVerbs, type PetrarchTrigger } from './parse-petrarch-verbs.js';
export { createEventsStage } from './create-events-stage.js';
export { bridgeToCameo, quadOfCameo, type CameoBridge } from './bridge-to-cameo.js';
export { resolveEventDate, parseDates } from './resolve-event-date.js';
export { hashEventId } from './hash-event-id.js';
export { mergeDuplicateEvents } from './merge-duplicate-events.js';
export { matchTriggers, type TriggerMatch } from './match-triggers.js';
