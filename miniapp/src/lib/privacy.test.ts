import { describe, expect, it } from 'vitest'
import { currentConsent, NOTICE_VERSION, privacyPolicy, reportNotice } from './privacy'

describe('举报须知 consent', () => {
  it('holds only for the version of the text it was given for', () => {
    expect(currentConsent({ version: NOTICE_VERSION, at: 1 })).toEqual({ version: NOTICE_VERSION, at: 1 })
    expect(currentConsent({ version: '2020-01-01', at: 1 })).toBeNull()
    expect(currentConsent({ version: 'v2', at: 1 }, 'v2')).toEqual({ version: 'v2', at: 1 })
  })

  it('treats nothing stored, or anything malformed, as no consent', () => {
    for (const stored of [null, undefined, '', 'yes', 1, true, {}, { version: NOTICE_VERSION }, { version: NOTICE_VERSION, at: 'now' }, { version: NOTICE_VERSION, at: Number.NaN }]) {
      expect(currentConsent(stored), JSON.stringify(stored)).toBeNull()
    }
  })
})

describe('the texts', () => {
  const all = (sections: typeof reportNotice) => sections.flatMap((s) => [s.title, ...s.paragraphs]).join('\n')

  it('举报须知 says what 保密 means and does not mean, how long data is kept, and warns against 诬告陷害', () => {
    const notice = all(reportNotice)
    expect(notice).toContain('不与您的微信账号')
    expect(notice).toContain('微信知道您的账号打开过本小程序')
    expect(notice).toContain('只保存在您的这台设备上')
    expect(notice).toContain('保存')
    expect(notice).toContain('监督执纪工作规则')
    expect(notice).toContain('第二百四十三条')
  })

  it('the privacy guide says what, why, who, how long, the rights and whom to contact', () => {
    const titles = privacyPolicy.map((s) => s.title)
    for (const t of ['谁在处理您的信息', '我们收集什么、为什么收集', '保存多久', '您的权利', '联系我们']) expect(titles).toContain(t)
  })
})
