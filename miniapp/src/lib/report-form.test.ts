import { describe, expect, it } from 'vitest'
import { reportSubmitBody } from '@msjd/shared/reports'
import { emptyDraft, type ReportDraft } from './report-draft'
import { fieldErrorsFromApi, firstErrorField, hasErrors, toSubmitBody, validateDraft } from './report-form'

const KEY = 'abcdefgh12345678abcdefgh12345678'
const valid = (over: Partial<ReportDraft> = {}): ReportDraft => ({
  ...emptyDraft(KEY),
  category: 'zuofeng',
  content: '窗口工作人员多次推诿，要求办事群众请客送礼。',
  name: '张三',
  phone: '13800138000',
  ...over,
})

describe('validateDraft', () => {
  it('accepts a complete real-name report', () => {
    expect(validateDraft(valid())).toEqual({})
  })

  it('accepts a confidential report without contact', () => {
    expect(validateDraft(valid({ confidential: true, name: '', phone: '' }))).toEqual({})
  })

  it('names every missing field at once', () => {
    const errors = validateDraft({ ...emptyDraft(KEY) })
    expect(errors.category).toBe('请选择问题类别')
    expect(errors.content).toBe('请至少用 10 个字描述问题')
    expect(errors.name).toContain('姓名')
    expect(errors.phone).toContain('联系电话')
    expect(firstErrorField(errors)).toBe('category')
  })

  it('checks the description on its own, even with a typed unit in front of it', () => {
    expect(validateDraft(valid({ content: '太短了', unit: '某某县某某局下属某某中心' })).content).toBe('请至少用 10 个字描述问题')
    expect(validateDraft(valid({ content: '字'.repeat(5001) })).content).toBe('问题描述不能超过 5000 个字')
  })

  it('applies the contract rules (phone format)', () => {
    expect(validateDraft(valid({ phone: '12345' })).phone).toBe('请填写正确的手机或座机号码')
    expect(validateDraft(valid({ phone: '0571-88888888' }))).toEqual({})
  })

  it('ignores name and phone left over from before switching to 保密', () => {
    const body = toSubmitBody(valid({ confidential: true }))
    expect(body.reporterName).toBeUndefined()
    expect(body.reporterPhone).toBeUndefined()
    expect(hasErrors(validateDraft(valid({ confidential: true })))).toBe(false)
  })
})

describe('toSubmitBody', () => {
  it('builds a body the shared contract accepts, with the draft key', () => {
    const body = toSubmitBody(valid({ person: ' 李四 ', occurredAt: '2026年10月', location: '' }))
    expect(reportSubmitBody.safeParse(body).success).toBe(true)
    expect(body).toMatchObject({ reportedPerson: '李四', occurredAt: '2026年10月', location: undefined, idempotencyKey: KEY, confidential: false })
  })

  it('sends a typed unit as its own field, leaving the description as written', () => {
    const draft = valid({ unit: ' 县市场监管局 ' })
    const body = toSubmitBody(draft)
    expect(body.reportedUnitText).toBe('县市场监管局')
    expect(body.content).toBe(draft.content.trim())
    expect(body.reportedUnitId).toBeUndefined()
    expect(reportSubmitBody.safeParse(body).success).toBe(true)
  })

  it('sends the scene ids and the scene unit by id while it is unchanged', () => {
    const scene = { scene: 's', label: '', unitId: '6f1c1d9e-8a55-4a0a-9d9a-3f0f8f6f2b11', unitName: '城关镇', tourRoundId: '0b5f1d9e-8a55-4a0a-9d9a-3f0f8f6f2b11', inspectedUnitId: '1b5f1d9e-8a55-4a0a-9d9a-3f0f8f6f2b11', monitoringPointId: null }
    const body = toSubmitBody(valid({ scene, unit: '城关镇' }))
    expect(body).toMatchObject({ reportedUnitId: scene.unitId, tourRoundId: scene.tourRoundId, inspectedUnitId: scene.inspectedUnitId })
    expect(body.content.startsWith('被反映单位')).toBe(false)
    expect(body.reportedUnitText).toBeUndefined()
    expect(reportSubmitBody.safeParse(body).success).toBe(true)
    expect(toSubmitBody(valid({ scene, unit: '别的单位' }))).toMatchObject({ reportedUnitId: undefined, reportedUnitText: '别的单位' })
  })
})

describe('fieldErrorsFromApi', () => {
  it('maps the server issue paths to the form fields', () => {
    const errors = fieldErrorsFromApi({
      code: 'VALIDATION_FAILED',
      message: '提交的内容不符合要求',
      issues: [
        { path: 'content', message: '请至少用 10 个字描述问题' },
        { path: 'reporterPhone', message: '请填写正确的手机或座机号码' },
        { path: 'body', message: '格式不正确' },
      ],
    })
    expect(errors).toEqual({ content: '请至少用 10 个字描述问题', phone: '请填写正确的手机或座机号码' })
  })

  it('puts an unknown category next to the category picker', () => {
    expect(fieldErrorsFromApi({ code: 'UNKNOWN_CATEGORY', message: '问题类别不存在或已停用，请重新选择' })).toEqual({ category: '问题类别不存在或已停用，请重新选择' })
  })
})
