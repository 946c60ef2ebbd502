// The accounts the browser tests sign in with, created by global-setup with
// `shuanglian user add NAME --role ROLE [--region CODE] --password-stdin`.

export interface ServerInfo {
  base: string
  db: string
  binary: string
  artifacts: string
  /** The passwords `shuanglian demo` generated for its own accounts, by username. */
  demoAccounts: Record<string, string>
}

export interface Account {
  username: string
  password: string
  role: string
  region?: string
  displayName?: string
}

export const QUANHU = '620902108'
export const GANCAO = '620123105'

export const ACCOUNTS = {
  admin: { username: 'e2e-admin', password: 'Admin2026pass', role: 'admin', displayName: '系统管理员甲' },
  quanhu: { username: 'e2e-quanhu', password: 'Quanhu2026pass', role: 'office', region: QUANHU, displayName: '泉湖镇双联办' },
  gancao: { username: 'e2e-gancao', password: 'Gancao2026pass', role: 'office', region: GANCAO, displayName: '甘草店镇双联办' },
  leader: { username: 'e2e-leader', password: 'Leader2026pass', role: 'leader', region: QUANHU, displayName: '泉湖镇领导' },
  cadre: { username: 'e2e-cadre', password: 'Cadre2026pass', role: 'cadre', displayName: '帮扶干部乙' },
} satisfies Record<string, Account>

/** Accounts `shuanglian demo` makes itself; their passwords come from its output (global-setup). */
export const DEMO_ACCOUNTS = {
  quanhuOffice: { username: 'quanhu-office', role: 'office', region: QUANHU, displayName: '泉湖镇双联办' },
  gancaodianOffice: { username: 'gancaodian-office', role: 'office', region: GANCAO, displayName: '甘草店镇双联办' },
  cadre: { username: 'cadre-demo', role: 'cadre', displayName: '甘草店镇帮扶干部' },
  unitAdmin: { username: 'quanhu-unit-admin', role: 'unit-admin', displayName: '泉湖镇党政办管理员' },
} satisfies Record<string, Omit<Account, 'password'>>
