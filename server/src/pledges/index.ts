// Public surface of the pledges domain: other domains import only from here (dependency-cruiser enforces it).
export { Pledge } from './model';
