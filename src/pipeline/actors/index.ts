export { createActorsStage } from './create-actors-stage.js';
export { parseActorsLexicon } from './parse-actors-lexicon.js';
export type { ActorsLexicon, CountriesData, OrganisationData, TitleData } from './parse-actors-lexicon.js';
