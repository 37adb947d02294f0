// Subscribe-message field values within WeChat's limits. A value over its limit makes WeChat refuse the whole
// message (errcode 47003), so every value is cut here, by characters (code points, never half a surrogate pair).
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html

const chars = (s: string) => Array.from(s.replace(/\s+/g, ' ').trim());

/** thing: ≤ 20 characters of any kind; a cut value ends with an ellipsis. */
export function thing(s: string, max = 20): string {
  const c = chars(s);
  return c.length <= max ? c.join('') : `${c.slice(0, max - 1).join('')}…`;
}

/** phrase: ≤ 5 characters, Chinese only (WeChat refuses digits and letters here). */
export function phrase(s: string): string {
  const han = chars(s).filter((ch) => /\p{Script=Han}/u.test(ch));
  return han.slice(0, 5).join('') || '有更新';
}

/** character_string: ≤ 32 of digits, letters and symbols. */
export function characterString(s: string): string {
  return chars(s)
    .filter((ch) => /^[\x21-\x7e]$/.test(ch))
    .slice(0, 32)
    .join('');
}

/** The report template: character_string1 serial, phrase2 state, thing3 note (README: WECHAT_REPORT_TEMPLATE_ID). */
export function reportMessageData(p: { serial?: string; statusLabel?: string; body?: string }) {
  return {
    character_string1: { value: characterString(p.serial ?? '') },
    phrase2: { value: phrase(p.statusLabel ?? '') },
    thing3: { value: thing(p.body ?? '') },
  };
}
