// Public surface of the projects domain: other domains import only from here (dependency-cruiser enforces it).
export { GRANT_ROLES, MANAGER_ROLES } from './policy';
export { Project } from './model';
export type { ProjectDoc } from './model';
export { isRatingOpen } from './presenter';
export { loadReadableProject } from './service';
export type { ProjectHydrated } from './service';
