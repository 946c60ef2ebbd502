import { describe, expect, it } from 'vitest'
import zhCN from '@/i18n/locales/zh-CN'
import enUS from '@/i18n/locales/en-US'

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()
}

function lookup(messages: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages)
}

describe('i18n completeness', () => {
  const chinese = keys(zhCN)
  const english = keys(enUS)

  it('has every zh-CN key in en-US', () => {
    expect(chinese.filter((key) => !english.includes(key))).toEqual([])
  })

  it('has no en-US key that zh-CN lacks', () => {
    expect(english.filter((key) => !chinese.includes(key))).toEqual([])
  })

  it('uses the same placeholders in both languages', () => {
    const differing = chinese.filter(
      (key) => placeholders(String(lookup(zhCN, key))).join() !== placeholders(String(lookup(enUS, key))).join(),
    )
    expect(differing).toEqual([])
  })

  it('leaves no Chinese text empty', () => {
    expect(chinese.filter((key) => String(lookup(zhCN, key)).trim() === '')).toEqual([])
  })

  it('uses every i18n key the source code names', async () => {
    const sources = import.meta.glob('/src/**/*.{vue,ts}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>
    const used = new Set<string>()
    for (const text of Object.values(sources)) {
      for (const match of text.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z_.]+)'/g)) used.add(match[1])
      for (const match of text.matchAll(/\$t\('([a-zA-Z]+\.[a-zA-Z_.]+)'/g)) used.add(match[1])
    }
    expect(used.size).toBeGreaterThan(50)
    expect([...used].filter((key) => !chinese.includes(key))).toEqual([])
  })
})
