export { createActorsStage } from './create-actors-stage.js';
export { parseActorsLexicon } from './parse-actors-lexicon.js';
export type { ActorsLexicon, CountriesData, OrganisationData, TitleData } from './parse-actors-lexicon.js';
export { codeOn, mergeUserActors, NO_USER_ACTORS, parseUserActors, roleOn } from './parse-user-actors.js';
export type {
  DatedCode,
  UserActor,
  UserActors,
  UserAgent,
  UserPerson,
  UserRole,
  UserTitle,
} from './parse-user-actors.js';
export { parsePetrarchDictionary } from './parse-petrarch-dictionary.js';
