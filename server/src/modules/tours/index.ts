// The door of the tours module: the round and tour-group rules that notices, scenes, posters, surveys and
// rectification share (a round's dates, whether it is current or over, and a tour group's reach).
export { assertGroupScope, dateOnly, hasRoundEnded, isCurrentRound, isoDate, isoOrNull } from './common';
