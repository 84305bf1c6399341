// Public surface of the evaluation domain: other domains import only from here (dependency-cruiser enforces it).
export { getSettings } from './settings';
