import mongoose, { Schema } from 'mongoose';

/** One document per redeemed refresh token (`_id` = its hash): the unique insert that decides a rotation. */
const RedemptionSchema = new Schema({ _id: String, sessionId: Schema.Types.ObjectId, at: Date }, { versionKey: false });
export const RefreshRedemption = mongoose.models.RefreshRedemption ?? mongoose.model('RefreshRedemption', RedemptionSchema, 'refresh_redemptions');
