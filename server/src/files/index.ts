// Public surface of the files domain: other domains import only from here (dependency-cruiser enforces it).
export { auditAudio, consultationTargets, presentAudio, resolveAudio } from './audioClips';
export type { AudioClipDoc } from './audioClips';
