// Public surface of the ratings domain: other domains import only from here (dependency-cruiser enforces it).
export { Rating } from './model';
