import { describe, expect, it } from 'vitest'
import { currentConsent, DEFAULT_RETENTION_YEARS, NOTICE_VERSION, privacyPolicyText, reportNoticeText, type Section } from './privacy'

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
  const all = (sections: Section[]) => sections.flatMap((s) => [s.title, ...s.paragraphs]).join('\n')
  const reportNotice = reportNoticeText(null)
  const privacyPolicy = privacyPolicyText(null)

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

describe('video, camera, microphone and the SMS-verified number', () => {
  const all = (sections: Section[]) => sections.flatMap((s) => [s.title, ...s.paragraphs]).join('\n')
  const paragraph = (sections: Section[], ...words: string[]) => sections.flatMap((s) => s.paragraphs).find((p) => words.every((w) => p.includes(w)))

  it('the privacy guide says what each is, why, and what happens to it', () => {
    const guide = privacyPolicyText(null)
    // the video: when it is read, its limits, what is removed, how it is kept and that viewing is audited
    expect(paragraph(guide, '短视频', '添加视频', '60 秒', '50 MB', '拍摄位置', '设备品牌型号', '加密保存', '审计')).toBeTruthy()
    // camera and microphone: only while shooting, never in the background
    expect(paragraph(guide, '摄像头', '麦克风', '拍摄', '不在后台')).toBeTruthy()
    // the H5 number: why (verification, it is the 联系电话), who sends the SMS, how the code and the number are kept
    expect(paragraph(guide, '手机号码', '网页版', '短信验证码', '联系电话', '加密保存', '5 分钟')).toBeTruthy()
    expect(paragraph(guide, '腾讯云短信')).toBeTruthy()
    expect(paragraph(guide, '验证码', '2 天后删除')).toBeTruthy()
    // retention covers photos and video alike, and the rights name the camera and microphone switches
    expect(paragraph(guide, '照片和视频', '销毁')).toBeTruthy()
    expect(paragraph(guide, '关闭相册、摄像头、麦克风')).toBeTruthy()
  })

  it('举报须知 names the video, camera and microphone and that H5 实名 uses the verified number', () => {
    const notice = all(reportNoticeText(null))
    for (const w of ['短视频', '摄像头', '麦克风', '短信验证码验证过的手机号码', '照片和视频']) expect(notice).toContain(w)
  })

  it('both name the retention years staff set, or the default as the default while they are unknown', () => {
    for (const text of [privacyPolicyText, reportNoticeText]) {
      expect(all(text(8))).toContain('目前为办结后 8 年')
      expect(all(text(8))).not.toContain('默认')
      expect(all(text(null))).toContain(`默认办结后 ${DEFAULT_RETENTION_YEARS} 年`)
    }
  })

  it('the texts changed, so their versions did: devices that agreed to the old 举报须知 are asked again', () => {
    expect(NOTICE_VERSION).toBe('2026-12-06.3')
    expect(currentConsent({ version: '2026-12-06.2', at: 1 })).toBeNull()
  })
})
