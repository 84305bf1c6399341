// Public surface of the roster domain: other domains import only from here (dependency-cruiser enforces it).
export { Binding, ProxyAuth } from './bindingModel';
export { ensureArea } from './commands/areas';
export { importRoster } from './import/apply';
export { warmRosterParser } from './import/readFile';
export { buildingCodeOf, entranceCodeOf, normalizeRoom } from './import/keys';
export { Area, Dwelling } from './model';
export { canAnswerAlert } from './policy';
export { areaByCode, areasByCodes, dwellingsByIds, dwellingsOfEntrance } from './lookup';
export type { AreaInfo, DwellingInfo } from './lookup';
export { iso, loadDwellings } from './presenter';
export { dwellingRights, dwellingsInScope, memberDwellings, votingDwellings } from './queries';
export type { MemberDwelling } from './queries';
export { refreshUserDwellings, rightsOf } from './rights';
export { markRightsPending } from './rightsHints';
export { buildRosterXlsx } from './workbook';
export type { RosterCell } from './workbook';
