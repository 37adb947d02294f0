import { describe, expect, it } from 'vitest'
import {
  bindErrorsFromApi,
  campaignProgress,
  creditCodeHint,
  emptyBindDraft,
  emptyRating,
  isBadLevel,
  normalizeCreditCode,
  parseBusinessPoint,
  ratingErrorsFromApi,
  toEvaluationBody,
  toggleDimension,
  validateBind,
  validateComplaint,
  validateRating,
  visibleTargets,
  type ComplaintDraft,
  type RatingDraft,
} from './business'

// The example code of GB 32100-2015 itself, and the same with its check character changed.
const VALID = '91350100M000100Y43'
const WRONG_CHECK = '91350100M000100Y44'
const point = { id: '33333333-3333-4333-8333-333333333333', name: '城关镇监测点' }

describe('credit code while typing', () => {
  it('waits for all 18 characters, then gives the same reason as the server', () => {
    expect(creditCodeHint('9135 0100')).toBeNull()
    expect(creditCodeHint(VALID)).toBeNull()
    expect(creditCodeHint('91350100-m000100y43')).toBeNull()
    expect(creditCodeHint(WRONG_CHECK)).toBe('统一社会信用代码校验位不正确，请核对后重新输入')
    expect(creditCodeHint('91350100M000100I43')).toContain('不含 I、O、S、V、Z')
    expect(creditCodeHint('9135A100M000100Y43')).toContain('行政区划代码')
    expect(normalizeCreditCode(' 9135-0100 m000100y43 ')).toBe(VALID)
  })
})

describe('binding an enterprise', () => {
  const filled = { ...emptyBindDraft(point), creditCode: VALID.toLowerCase(), name: '某某建材有限公司', contactName: '王五', contactPhone: '13800000000' }

  it('accepts a complete form from a point QR code and sends the point, not an invite code', () => {
    const result = validateBind(filled)
    expect(result).toEqual({
      ok: true,
      body: { creditCode: VALID.toLowerCase(), name: '某某建材有限公司', contactName: '王五', contactPhone: '13800000000', monitoringPointId: point.id },
    })
  })

  it('puts one reason under each wrong field', () => {
    const result = validateBind({ ...filled, point: null, creditCode: WRONG_CHECK, contactPhone: '123' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual({
      creditCode: '统一社会信用代码校验位不正确，请核对后重新输入',
      contactPhone: '请填写正确的手机或座机号码',
      inviteCode: '请扫描监测点二维码或填写邀请码',
    })
  })

  it('checks the invite code shape when there is no scanned point', () => {
    const result = validateBind({ ...filled, point: null, inviteCode: 'abc' })
    expect(result.ok || result.errors.inviteCode).toBe('邀请码为 8 位字母或数字')
    expect(validateBind({ ...filled, point: null, inviteCode: 'abcd2345' }).ok).toBe(true)
  })

  it('maps server issues to the inputs, a refused point to the invite line, anything else to the form', () => {
    expect(bindErrorsFromApi({ message: 'x', issues: [{ path: 'creditCode', message: '该企业已绑定其他监测点' }] })).toEqual({ creditCode: '该企业已绑定其他监测点' })
    expect(bindErrorsFromApi({ message: 'x', issues: [{ path: 'monitoringPointId', message: '监测点已停用' }] })).toEqual({ inviteCode: '监测点已停用' })
    expect(bindErrorsFromApi({ message: '邀请码无效' })).toEqual({ form: '邀请码无效' })
  })

  it('reads back only a well-formed point from storage', () => {
    expect(parseBusinessPoint(point)).toEqual(point)
    expect(parseBusinessPoint('')).toBeNull()
    expect(parseBusinessPoint({ id: 3, name: 'x' })).toBeNull()
  })
})

describe('rating', () => {
  const target = { targetType: 'service_item' as const, targetId: '55555555-5555-4555-8555-555555555555' }
  const campaignId = '44444444-4444-4444-8444-444444444444'

  it('requires a level, keeps only the dimensions scored, and drops an empty comment', () => {
    expect(validateRating(toEvaluationBody(campaignId, target, emptyRating()))).toEqual({ level: '请选择评价等级' })
    let draft: RatingDraft = { ...emptyRating(), level: 2, comment: '  ' }
    draft = toggleDimension(draft, 'efficiency', 2)
    draft = toggleDimension(draft, 'attitude', 4)
    draft = toggleDimension(draft, 'attitude', 4)
    const body = toEvaluationBody(campaignId, target, draft)
    expect(body).toEqual({ campaignId, ...target, level: 2, dimensions: { efficiency: 2 } })
    expect(validateRating(body)).toEqual({})
    expect(validateRating({ ...body, comment: '差'.repeat(1001) })).toEqual({ comment: '评价意见不能超过 1000 个字' })
  })

  it('treats 1 and 2 as bad ratings that open a case', () => {
    expect([5, 4, 3, 2, 1, null].map(isBadLevel)).toEqual([false, false, false, true, true, false])
  })

  it('tells the server refusing a second rating on the form', () => {
    expect(ratingErrorsFromApi({ message: '本次评议中您已评价过该事项' })).toEqual({ form: '本次评议中您已评价过该事项' })
  })

  it('sums up a campaign', () => {
    expect(campaignProgress({ targetCount: 5, ratedCount: 2 })).toBe('已评价 2 / 5 项')
    expect(campaignProgress({ targetCount: 5, ratedCount: 5 })).toBe('已全部评价（5 项）')
    expect(campaignProgress({ targetCount: 0, ratedCount: 0 })).toBe('暂无可评价的事项')
  })
})

describe('complaint', () => {
  const draft: ComplaintDraft = {
    targetType: 'service_item',
    unitId: '11111111-1111-4111-8111-111111111111',
    unitName: '县市场监督管理局',
    itemId: '',
    itemName: '',
    category: 'attitude',
    content: '窗口人员态度恶劣，多次刁难企业',
    idempotencyKey: 'key_0123456789',
  }

  it('asks for the unit, then the item when a service item is complained about', () => {
    expect(validateComplaint({ ...draft, unitId: '' })).toEqual({ target: '请选择被投诉的单位' })
    expect(validateComplaint(draft)).toEqual({ target: '请选择被投诉的服务事项' })
    expect(validateComplaint({ ...draft, targetType: 'unit' })).toEqual({})
  })

  it('checks category and content with the shared rules', () => {
    expect(validateComplaint({ ...draft, targetType: 'unit', category: '', content: '太慢' })).toEqual({
      category: '请选择投诉类别',
      content: '投诉内容至少 10 个字',
    })
  })
})

describe('campaign targets', () => {
  const t = (name: string, unitName: string, targetType: 'unit' | 'service_item', rated = false) => ({ name, unitName, targetType, evaluationId: rated ? 'e' : null })
  const items = [t('企业投资项目备案', '县发展和改革局', 'service_item'), t('县发展和改革局', '县发展和改革局', 'unit', true), t('食品经营许可', '县市场监督管理局', 'service_item'), t('县市场监督管理局', '县市场监督管理局', 'unit')]

  it('lists units, then items, the rated ones last', () => {
    expect(visibleTargets(items, '').shown.map((x) => x.name)).toEqual(['县市场监督管理局', '企业投资项目备案', '食品经营许可', '县发展和改革局'])
  })

  it('searches item and unit names by every word, and counts what is not shown', () => {
    expect(visibleTargets(items, ' 市场  许可 ').shown.map((x) => x.name)).toEqual(['食品经营许可'])
    expect(visibleTargets(items, '发展').shown).toHaveLength(2)
    expect(visibleTargets(items, '', 1)).toMatchObject({ more: 3 })
  })
})
