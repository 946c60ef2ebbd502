// The same matching as the server's core::PermissionMatches (src/core/access.cpp): the
// patterns a role holds ("*", "registry:*", "registry:*:list") against a concrete
// "module:entity:action". Kept identical so a button is shown exactly when the server
// would allow its request.
export function permissionMatches(pattern: string, permission: string): boolean {
  const wanted = pattern.split(':')
  const given = permission.split(':')
  for (let index = 0; index < wanted.length; index += 1) {
    if (wanted[index] === '*' && index + 1 === wanted.length) {
      return given.length > index // a trailing * takes one or more segments
    }
    if (index >= given.length) return false
    if (wanted[index] !== '*' && wanted[index] !== given[index]) return false
  }
  return wanted.length === given.length
}

export function anyPermissionMatches(patterns: readonly string[], permission: string): boolean {
  return patterns.some((pattern) => permissionMatches(pattern, permission))
}

/** The permission strings the web app asks for; the server checks the same ones. */
export const PERMISSIONS = {
  householdList: 'registry:household:list',
  householdQuery: 'registry:household:query',
  householdAdd: 'registry:household:add',
  householdEdit: 'registry:household:edit',
  householdRemove: 'registry:household:remove',
  householdExport: 'registry:household:export',
  personAdd: 'registry:person:add',
  personEdit: 'registry:person:edit',
  personRemove: 'registry:person:remove',
  regionList: 'registry:region:query',
  profileEdit: 'registry:profile:edit',
  statsView: 'stats:region:query',
  // The whole region's 进展汇报: admin, office and leader. A unit administrator and a cadre see
  // their own part of a region, never a whole one, and are not given it (data/roles.csv).
  reportExport: 'stats:report:export',
  importAdd: 'import:file:add',
  importQuery: 'import:file:query',
  userList: 'system:user:list',
  userAdd: 'system:user:add',
  userEdit: 'system:user:edit',
  userResetPassword: 'system:user:edit',
  // GET /roles asks no permission; the page belongs with user administration.
  roleList: 'system:user:list',
  auditList: 'system:audit:list',
  // Only the admin holds it (`*`): the file has every household's personal data in the clear.
  backupExport: 'system:backup:export',
  unitList: 'pairing:unit:list',
  unitQuery: 'pairing:unit:query',
  unitAdd: 'pairing:unit:add',
  unitEdit: 'pairing:unit:edit',
  helperList: 'pairing:helper:list',
  helperQuery: 'pairing:helper:query',
  helperAdd: 'pairing:helper:add',
  helperEdit: 'pairing:helper:edit',
  pairingList: 'pairing:pairing:list',
  pairingAdd: 'pairing:pairing:add',
  pairingEnd: 'pairing:pairing:edit',
  coverageQuery: 'pairing:coverage:query',
  ruleQuery: 'pairing:rule:query',
  ruleEdit: 'pairing:rule:edit',
  assignmentQuery: 'pairing:assignment:query',
  assignmentRun: 'pairing:assignment:run',
  organisationQuery: 'pairing:organisation:query',
  organisationEdit: 'pairing:organisation:edit',
  cardExport: 'pairing:card:export',
  fieldList: 'fieldwork:record:list',
  fieldQuery: 'fieldwork:record:query',
  fieldAdd: 'fieldwork:record:add',
  fieldEdit: 'fieldwork:record:edit',
  fieldExport: 'fieldwork:record:export',
  problemHandle: 'fieldwork:problem:handle',
  progressQuery: 'fieldwork:progress:query',
  integrityQuery: 'fieldwork:integrity:query',
} as const
