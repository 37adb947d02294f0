import { staffLoginBody } from '@msjd/shared/auth'
import type { RuleObject } from 'antd/es/form'
import { describe, expect, it } from 'vitest'
import { zodRule } from './form'

async function check(value: unknown): Promise<string | null> {
  const rule = zodRule(staffLoginBody.shape.username) as RuleObject
  try {
    await rule.validator!(rule, value, () => {})
    return null
  } catch (error) {
    return (error as Error).message
  }
}

describe('zodRule', () => {
  it('answers with the shared schema’s Chinese message, also for an untouched field', async () => {
    expect(await check(undefined)).toBe('请输入用户名')
    expect(await check('   ')).toBe('请输入用户名')
    expect(await check('admin')).toBeNull()
  })
})
