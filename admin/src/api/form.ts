import type { FormInstance, FormRule } from 'antd'
import { issuesToFieldErrors, type ApiRequestError } from './client'

interface FieldSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly { message: string }[] } }
}

/**
 * An antd rule that checks a field with its shared zod schema, so the browser and the server reject the same
 * input with the same Chinese message. An untouched field is checked as an empty string: zod would otherwise
 * answer with its English "expected string, received undefined".
 */
export function zodRule(schema: FieldSchema): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? '')
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '填写的内容不正确')
    },
  }
}

/**
 * Puts the server's validation issues under the form's inputs. Returns the issues that belong to no input,
 * so the page can show them (or the error's own message) in a banner.
 */
export function applyServerIssues(form: FormInstance, error: ApiRequestError, formFields: readonly string[]) {
  const { fields, unmatched } = issuesToFieldErrors(error.issues, formFields)
  form.setFields(fields)
  return { applied: fields.length > 0, unmatched }
}
