// Public surface of the consultations domain: other domains import only from here (dependency-cruiser enforces it).
export { loadViewable } from './access';
export { ElectorateMember } from './ballotModels';
export { flagDisputedBallots } from './disputedBallots';
export { consultationById, consultationsFor } from './lookup';
export { Consultation } from './model';
export type { ConsultationDoc } from './model';
