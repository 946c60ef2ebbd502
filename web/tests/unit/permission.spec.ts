import { describe, expect, it } from 'vitest'
import { anyPermissionMatches, permissionMatches } from '@/utils/permission'

// The same table as the server's core::PermissionMatches tests: a button shows exactly
// when the server would allow its request.
describe('permission patterns', () => {
  const cases: [string, string, boolean][] = [
    ['*', 'registry:household:edit', true],
    ['registry:*', 'registry:household:edit', true],
    ['registry:*', 'registry', false],
    ['registry:*:list', 'registry:household:list', true],
    ['registry:*:list', 'registry:household:edit', false],
    ['registry:household:list', 'registry:household:list', true],
    ['registry:household:list', 'registry:household', false],
    ['registry:household', 'registry:household:list', false],
    ['system:audit:list', 'system:user:list', false],
    ['import:*', 'import:file:add', true],
    ['stats:*', 'registry:household:list', false],
  ]
  it.each(cases)('%s grants %s: %s', (pattern, permission, expected) => {
    expect(permissionMatches(pattern, permission)).toBe(expected)
  })

  it('grants what any of a role’s patterns grants', () => {
    const leader = ['registry:*:list', 'registry:*:query', 'registry:*:export', 'stats:*', 'system:dictionary:list']
    expect(anyPermissionMatches(leader, 'registry:household:export')).toBe(true)
    expect(anyPermissionMatches(leader, 'registry:household:edit')).toBe(false)
    expect(anyPermissionMatches(leader, 'stats:region:query')).toBe(true)
    expect(anyPermissionMatches([], 'stats:region:query')).toBe(false)
  })
})
