// Tibetan for system texts. The mini-program imports these files directly (not through the package index, which
// pulls in zod); the server uses them to give system notices a bo body.
export * from './terms';
export * from './systemBo';
export * from './tallyBo';
export * from './surveyBo';
