import { getSettings, type Lang } from './index';

// Server errors are shown by code, never raw: the server's message is Chinese, and a Tibetan reader must not meet it.
// Codes not listed fall back to a sentence chosen by HTTP status (below), in the reader's language.
type Pair = [zh: string, bo: string];

const BY_CODE: Record<string, Pair> = {
  NETWORK_ERROR: ['网络连接失败，请检查网络后重试', 'དྲ་རྒྱ་མཐུད་མ་ཐུབ། དྲ་རྒྱར་ཞིབ་བཤེར་བྱས་རྗེས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
  TOKEN_EXPIRED: ['登录已过期，请重新登录', 'ནང་འཛུལ་དུས་ཚོད་འདས་ཟིན། ཡང་བསྐྱར་ནང་འཛུལ་གནང་རོགས།'],
  TOKEN_INVALID: ['登录已失效，请重新登录', 'ནང་འཛུལ་ནུས་མེད་དུ་གྱུར། ཡང་བསྐྱར་ནང་འཛུལ་གནང་རོགས།'],
  TOKEN_REVOKED: ['登录已失效，请重新登录', 'ནང་འཛུལ་ནུས་མེད་དུ་གྱུར། ཡང་བསྐྱར་ནང་འཛུལ་གནང་རོགས།'],
  UNAUTHORIZED: ['请先登录', 'སྔོན་ལ་ནང་འཛུལ་གནང་རོགས།'],
  FORBIDDEN: ['您没有权限做这件事', 'ཁྱེད་ལ་བྱ་བ་འདི་བྱེད་པའི་དབང་ཚད་མེད།'],
  RATE_LIMITED: ['操作太频繁，请稍后再试', 'བཀོལ་སྤྱོད་ཐེངས་གྲངས་མང་དྲགས། ཅུང་ཙམ་སྒུག་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
  VALIDATION_FAILED: ['填写的内容有误，请检查后重试', 'འབྲི་བའི་ནང་དོན་ལ་ནོར་འཁྲུལ་ཡོད། ཞིབ་བཤེར་བྱས་རྗེས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
  NOT_FOUND: ['找不到这项内容，可能已被删除', 'ནང་དོན་འདི་རྙེད་མ་སོང་། བསུབ་ཟིན་པ་སྲིད།'],
  CONSULTATION_NOT_FOUND: ['找不到这项表决', 'འོས་བསྡུ་འདི་རྙེད་མ་སོང་།'],
  NOTICE_NOT_FOUND: ['找不到这条公告', 'གསལ་བསྒྲགས་འདི་རྙེད་མ་སོང་།'],
  PROJECT_NOT_FOUND: ['找不到这个项目', 'ལས་གཞི་འདི་རྙེད་མ་སོང་།'],
  DWELLING_NOT_FOUND: ['找不到这套房屋', 'ཁང་པ་འདི་རྙེད་མ་སོང་།'],
  CONSULTATION_NOT_OPEN: ['投票还没有开始或已经结束', 'འོས་ཤོག་འཕེན་པ་མ་འགོ་བའམ་མཇུག་རྫོགས་ཟིན།'],
  NOT_IN_ELECTORATE: ['这套房屋不在本次表决范围内', 'ཁང་པ་འདི་ཐེངས་འདིའི་འོས་བསྡུའི་ཁྱབ་ཁོངས་སུ་མི་གཏོགས།'],
  NOT_ENTITLED_TO_VOTE: ['您不能为这套房屋投票', 'ཁྱེད་ཀྱིས་ཁང་པ་འདིའི་ཚབ་ཏུ་འོས་ཤོག་འཕེན་མི་ཆོག'],
  TENANT_CANNOT_VOTE: ['租户不能参加业主表决', 'གླ་སྡོད་པས་ཁང་བདག་གི་འོས་བསྡུར་ཞུགས་མི་ཆོག'],
  PROXY_REQUIRED: ['需要先登记业主的委托书', 'སྔོན་ལ་ཁང་བདག་གི་དབང་སྤྲོད་ཡིག་ཆ་ཐོ་འགོད་བྱེད་དགོས།'],
  BALLOT_CHANGE_NOT_ALLOWED: ['本次表决投票后不能修改', 'འོས་བསྡུ་འདིར་འོས་ཤོག་འཕངས་རྗེས་བཟོ་བཅོས་བྱེད་མི་ཆོག'],
  INVALID_CHOICE: ['所选选项无效，请重新选择', 'བདམས་པའི་གདམ་ག་ནུས་མེད་ཡིན། ཡང་བསྐྱར་འདེམས་རོགས།'],
  UNKNOWN_QUESTION: ['表决内容已变化，请刷新后重试', 'འོས་བསྡུའི་ནང་དོན་འགྱུར་ཟིན། གསར་བཅོས་བྱས་རྗེས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
  BALLOT_LOG_BUSY: ['投票的人较多，请稍后重试', 'འོས་ཤོག་འཕེན་མཁན་མང་། ཅུང་ཙམ་སྒུག་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
  BUSY: ['系统繁忙，请稍后重试', 'མ་ལག་བྲེལ་བ་ཆེ། ཅུང་ཙམ་སྒུག་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
  DB_UNAVAILABLE: ['系统暂时不可用，请稍后重试', 'མ་ལག་གནས་སྐབས་བེད་སྤྱོད་བྱེད་མི་ཐུབ། ཅུང་ཙམ་སྒུག་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
  DB_TIMEOUT: ['系统暂时不可用，请稍后重试', 'མ་ལག་གནས་སྐབས་བེད་སྤྱོད་བྱེད་མི་ཐུབ། ཅུང་ཙམ་སྒུག་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
  IDEMPOTENCY_IN_PROGRESS: ['正在提交，请稍等', 'འཕུལ་བཞིན་པ། ཅུང་ཙམ་སྒུག་རོགས།'],
  OBJECTION_PERIOD_CLOSED: ['意见征询期已结束', 'བསམ་ཚུལ་འདྲི་རྩད་ཀྱི་དུས་ཡུན་རྫོགས་ཟིན།'],
  OBJECTION_CLOSED: ['这条意见已处理完毕', 'བསམ་ཚུལ་འདི་ཐག་གཅོད་བྱས་ཟིན།'],
  OBJECTION_EMPTY: ['请写下您的意见', 'ཁྱེད་ཀྱི་བསམ་ཚུལ་འབྲི་རོགས།'],
  CONTENT_REJECTED: ['内容未通过安全检查，请修改后再提交', 'ནང་དོན་བདེ་འཇགས་ཞིབ་བཤེར་ལས་བརྒལ་མ་ཐུབ། བཟོ་བཅོས་བྱས་རྗེས་ཡང་བསྐྱར་འཕུལ་རོགས།'],
  CONTENT_CHECK_UNAVAILABLE: ['内容检查暂时不可用，请稍后重试', 'ནང་དོན་ཞིབ་བཤེར་གནས་སྐབས་བྱེད་མི་ཐུབ། ཅུང་ཙམ་སྒུག་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
  NOTICE_WITHDRAWN: ['这条公告已撤回', 'གསལ་བསྒྲགས་འདི་ཕྱིར་བསྡུས་ཟིན།'],
  PLEDGES_CLOSED: ['认捐已截止', 'ཞལ་འདེབས་ཁས་ལེན་དུས་ཚོད་རྫོགས་ཟིན།'],
  PLEDGE_STATE_CONFLICT: ['认捐状态已变化，请刷新', 'ཞལ་འདེབས་ཀྱི་གནས་སྟངས་འགྱུར་ཟིན། གསར་བཅོས་གནང་རོགས།'],
  RATING_CLOSED: ['现在还不能评价或评价已截止', 'ད་ལྟ་དཔྱད་བརྗོད་བྱེད་མི་ཆོག་པའམ་དུས་ཚོད་རྫོགས་ཟིན།'],
  PHOTO_REQUIRED: ['请上传照片', 'པར་རིས་འཇུག་རོགས།'],
  FILE_TOO_LARGE: ['文件太大', 'ཡིག་ཆ་ཆེ་དྲགས།'],
  PAYLOAD_TOO_LARGE: ['文件太大', 'ཡིག་ཆ་ཆེ་དྲགས།'],
  UNSUPPORTED_MEDIA_TYPE: ['不支持这种文件', 'ཡིག་ཆ་འདིའི་རིགས་ལ་རྒྱབ་སྐྱོར་མི་བྱེད།'],
  FILE_TYPE_NOT_ALLOWED: ['不支持这种文件', 'ཡིག་ཆ་འདིའི་རིགས་ལ་རྒྱབ་སྐྱོར་མི་བྱེད།'],
  ALREADY_BOUND: ['这套房屋已经认领过了', 'ཁང་པ་འདི་ངོས་ལེན་བྱས་ཟིན།'],
  CLAIM_PENDING: ['认领申请正在审核', 'ངོས་ལེན་རེ་ཞུ་ཞིབ་བཤེར་བྱེད་བཞིན་པ།'],
  PRIVACY_REQUIRED: ['请先阅读并同意隐私保护指引', 'སྔོན་ལ་སྒེར་གྱི་གསང་དོན་སྲུང་སྐྱོབ་ལམ་སྟོན་ཀློག་ནས་མོས་མཐུན་གནང་རོགས།'],
  CONSULTATION_NOT_EDITABLE: ['只能修改草稿', 'ཟིན་བྲིས་ཁོ་ན་བཟོ་བཅོས་བྱེད་ཆོག'],
  CONSULTATION_NOT_DRAFT: ['只能删除或发布草稿', 'ཟིན་བྲིས་ཁོ་ན་བསུབ་པའམ་སྤེལ་ཆོག'],
  LEAD_TIME_TOO_SHORT: ['公告到开始投票的时间太短', 'གསལ་བསྒྲགས་ནས་འོས་ཤོག་འགོ་འཛུགས་བར་གྱི་དུས་ཚོད་ཐུང་དྲགས།'],
  INVALID_WINDOW: ['截止时间必须晚于开始时间', 'མཇུག་སྡོམ་དུས་ཚོད་འགོ་འཛུགས་དུས་ཚོད་ལས་ཕྱི་བ་དགོས།'],
  PAPER_BALLOT_EXISTS: ['这套房屋已录入纸质选票', 'ཁང་པ་འདིའི་ཤོག་བུའི་འོས་ཤོག་ནང་འཇུག་བྱས་ཟིན།'],
  ELECTORATE_EMPTY: ['表决范围内没有房屋', 'འོས་བསྡུའི་ཁྱབ་ཁོངས་སུ་ཁང་པ་མེད།'],
  INTERNAL_ERROR: ['系统出错了，请稍后重试', 'མ་ལག་ལ་ནོར་འཁྲུལ་བྱུང་། ཅུང་ཙམ་སྒུག་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'],
};

function byStatus(status: number): Pair {
  if (status === 401) return BY_CODE.UNAUTHORIZED;
  if (status === 403) return BY_CODE.FORBIDDEN;
  if (status === 404) return BY_CODE.NOT_FOUND;
  if (status === 409) return ['内容已被他人更新，请刷新后重试', 'ནང་དོན་གཞན་གྱིས་གསར་བཅོས་བྱས་ཟིན། གསར་བཅོས་བྱས་རྗེས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'];
  if (status === 429) return BY_CODE.RATE_LIMITED;
  if (status >= 400 && status < 500) return ['没有办成，请检查后重试', 'ལེགས་འགྲུབ་མ་བྱུང་། ཞིབ་བཤེར་བྱས་རྗེས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'];
  return ['出了点问题，请稍后重试', 'དཀའ་ངལ་ཅུང་ཟད་བྱུང་། ཅུང་ཙམ་སྒུག་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།'];
}

/** The sentence for an error in `lang`. Chinese readers keep the server's own message (it is more specific, e.g. the
 *  hours of a lead time); Tibetan readers get the code's sentence, else one chosen by status. */
export function errorText(err: { status: number; code: string; message?: string } | null, lang: Lang = getSettings().lang): string {
  const i = lang === 'bo' ? 1 : 0;
  if (!err) return byStatus(0)[i];
  if (lang === 'zh' && err.message && /[\u4e00-\u9fff]/.test(err.message)) return err.message;
  return (BY_CODE[err.code] ?? byStatus(err.status))[i];
}

export const hasErrorText = (code: string) => code in BY_CODE;
