/** Voice clips beside the texts (issue 15, "listening instead of reading"). */
export const audioZh = {
  'audio.listenBo': '▶ 听藏语朗读',
  'audio.listenZh': '▶ 听汉语朗读',
  'audio.stop': '■ 停止',
  'audio.loading': '正在加载录音…',
  'audio.failed': '录音无法播放，请再试一次',
  'audio.seconds': '{n} 秒',
  'audio.rec.title': '语音朗读',
  'audio.rec.hint': '为不识字的居民录一段朗读（最长 2 分钟）',
  'audio.rec.zh': '汉语',
  'audio.rec.bo': '藏语',
  'audio.rec.start': '● 录音',
  'audio.rec.stop': '■ 停止录音',
  'audio.rec.recording': '正在录音 {n} 秒',
  'audio.rec.choose': '选择音频文件',
  'audio.rec.remove': '删除',
  'audio.rec.uploading': '正在上传…',
  'audio.rec.none': '还没有录音',
  'audio.rec.denied': '无法使用麦克风，请检查授权，或选择音频文件',
  'staff.nt.reasonDetailBo': '补充说明（藏文，可不填）',
};
export type AudioKey = keyof typeof audioZh;
