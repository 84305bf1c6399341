import type { AudioKey } from './audio.zh';

/** Tibetan for audio.zh.ts (typed as a full record so a missing key fails the type check). */
export const audioBo: Record<AudioKey, string> = {
  'audio.listenBo': '▶ བོད་སྐད་དུ་ཉན།',
  'audio.listenZh': '▶ རྒྱ་སྐད་དུ་ཉན།',
  'audio.stop': '■ མཚམས་འཇོག',
  'audio.loading': 'སྒྲ་ཕབ་ལེན་བྱེད་བཞིན་པ།',
  'audio.failed': 'སྒྲ་གཏོང་མ་ཐུབ། ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།',
  'audio.seconds': 'སྐར་ཆ་ {n}',
  'audio.rec.title': 'སྐད་སྒྲའི་ཀློག་འདོན།',
  'audio.rec.hint': 'ཡི་གེ་མི་ཤེས་པའི་སྡོད་དམངས་ཆེད་ཀློག་འདོན་ཞིག་སྒྲ་ལེན་གནང་། (ཡུན་ཚད་མང་ཤོས་སྐར་མ་ 2)',
  'audio.rec.zh': 'རྒྱ་སྐད།',
  'audio.rec.bo': 'བོད་སྐད།',
  'audio.rec.start': '● སྒྲ་ལེན།',
  'audio.rec.stop': '■ སྒྲ་ལེན་མཚམས་འཇོག',
  'audio.rec.recording': 'སྒྲ་ལེན་བཞིན་པ། སྐར་ཆ་ {n}',
  'audio.rec.choose': 'སྒྲ་ཡིག་འདེམས།',
  'audio.rec.remove': 'སུབ།',
  'audio.rec.uploading': 'ཡར་སྐྱེལ་བྱེད་བཞིན་པ།',
  'audio.rec.none': 'ད་དུང་སྒྲ་ལེན་བྱས་མེད།',
  'staff.nt.reasonDetailBo': 'ཁ་སྣོན་གསལ་བཤད། (བོད་ཡིག་ མི་འབྲི་ཡང་ཆོག)',
  'audio.rec.denied': 'སྐད་སྒྲ་ལེན་ཆས་བེད་སྤྱོད་བྱེད་མི་ཐུབ། དབང་ཚད་ལ་ཞིབ་བཤེར་གནང་རོགས། ཡང་ན་སྒྲ་ཡིག་འདེམས་རོགས།',
};
