// Response and request types of the resident screens, inferred from the server's zod schemas in @gongzhi/shared.
// Type-only imports: a runtime import of the package index would pull zod into the bundle (see views.ts).
import type {
  BallotAnswer,
  BallotReceipt,
  ClaimBody,
  ClaimResult,
  ComplexList,
  ConsultationLiveTally,
  ConsultationReceiptCheck,
  ConsultationView,
  CreatePledgeBody,
  MeResponse,
  MyBallots,
  MyElevatorShares,
  MyRatings,
  NoticeDetail,
  NoticeFeed,
  NoticeHistory,
  NoticeObjectionList,
  NoticeReadReceipt,
  NoticeSummary,
  PledgeLedger,
  PledgeList,
  ProgressList,
  ProjectView,
  RatingBody,
  RoomList,
  AreaChildren,
  MyProxies,
  NoticeUpload,
  UploadedFiles,
  Household,
} from '@gongzhi/shared';
import type { z } from 'zod';

export type Me = z.infer<typeof MeResponse>;
export type Binding = Me['bindings'][number];
export type ProxyGrant = Me['proxies'][number];
export type Complex = z.infer<typeof ComplexList>['items'][number];
export type AreaChildrenView = z.infer<typeof AreaChildren>;
export type Area = AreaChildrenView['items'][number];
export type Rooms = z.infer<typeof RoomList>;
export type Room = Rooms['items'][number];
export type ClaimInput = z.infer<typeof ClaimBody>;
export type Claim = z.infer<typeof ClaimResult>;

export type Notice = NoticeSummary;
export type NoticePage = z.infer<typeof NoticeFeed>;
export type NoticeFull = NoticeDetail;
export type NoticeVersions = z.infer<typeof NoticeHistory>;
export type Objections = z.infer<typeof NoticeObjectionList>;
export type Objection = Objections['items'][number];
export type ReadReceipt = z.infer<typeof NoticeReadReceipt>;

export type Consultation = ConsultationView;
export type Question = Consultation['questions'][number];
export type QuestionOption = Question['options'][number];
export type LiveTally = ConsultationLiveTally;
export type LiveQuestion = LiveTally['questions'][number];
export type Answer = BallotAnswer;
export type Receipt = BallotReceipt;
export type MyBallotList = z.infer<typeof MyBallots>;
export type MyBallot = MyBallotList['items'][number];
export type ReceiptCheck = z.infer<typeof ConsultationReceiptCheck>;

export type Project = ProjectView;
export type ProjectItem = Project['items'][number];
export type Funding = NonNullable<Project['funding']>;
export type Progress = z.infer<typeof ProgressList>['updates'][number];
export type Pledge = z.infer<typeof PledgeList>['pledges'][number];
export type PledgeInput = z.infer<typeof CreatePledgeBody>;
export type Ledger = z.infer<typeof PledgeLedger>;
export type RatingInput = z.input<typeof RatingBody>;
export type Ratings = z.infer<typeof MyRatings>;
export type ElevatorShares = z.infer<typeof MyElevatorShares>;

export type MyProxiesView = z.infer<typeof MyProxies>;
export type ProxyItem = MyProxiesView['given'][number];
export type HouseholdMemberView = z.infer<typeof Household>['members'][number];
export type UploadedPhoto = z.infer<typeof NoticeUpload>;
export type UploadedPhotos = z.infer<typeof UploadedFiles>;
