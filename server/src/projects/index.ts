// Public surface of the projects domain: other domains import only from here (dependency-cruiser enforces it).
export { groupSums } from './aggregate';
export {
  GRANT_ROLES,
  MANAGER_ROLES,
  areaByCode,
  areasByCodes,
  consultationsFor,
  dwellingsByIds,
  dwellingsOfEntrance,
  hasRoleInScope,
  isAdmin,
  memberDwellings,
  noticesByIds,
  objectionCounts,
  usersByIds,
} from './directory';
export { withLock } from './lock';
export { Project } from './model';
export type { ProjectDoc } from './model';
export { isRatingOpen } from './presenter';
export { loadReadableProject, ruleError } from './service';
export type { ProjectHydrated } from './service';
export { storeRequestFiles } from './uploads';
export { MONEY_FMT, XLSX_TYPE, sendXlsx, workbookBuffer, yuan } from './xlsx';
export type { SheetSpec } from './xlsx';
