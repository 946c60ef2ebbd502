import { createRouter, createWebHistory, type RouteLocationRaw, type RouteMeta, type RouteRecordRaw, type RouteRecordSingleView } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { PERMISSIONS } from '@/utils/permission'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    titleKey?: string
    /** Shown and reachable only with this permission (the server checks it again). */
    permission?: string
    /** In the side menu, with this group ('pairing' nests under 结对帮扶, 'system' under 系统管理). */
    menu?: 'main' | 'pairing' | 'field' | 'system'
    /** 'only': for an account that stands for a helper (a cadre); 'never': for the others. */
    helper?: 'only' | 'never'
  }
}

/** A screen of the app: its path, its name, its view fetched when first opened, and its meta. */
function screen(path: string, name: string, component: RouteRecordSingleView['component'], meta: RouteMeta): RouteRecordRaw {
  return { path, name, component, meta }
}

// Every screen is its own chunk, fetched when first opened: the sign-in page loads no
// chart library, no table, no tree.
export const appRoutes: RouteRecordRaw[] = [
  // The cadre's phone app (issue 7): first, so a cadre lands on it; it works offline.
  screen('field', 'field-home', () => import('@/views/field/FieldHome.vue'), { titleKey: 'nav.fieldHome', permission: PERMISSIONS.fieldAdd, menu: 'field', helper: 'only' }),
  screen('field/visit', 'field-visit', () => import('@/views/field/VisitForm.vue'), { titleKey: 'nav.fieldVisit', permission: PERMISSIONS.fieldAdd, helper: 'only' }),
  screen('field/diary', 'field-diary', () => import('@/views/field/DiaryForm.vue'), { titleKey: 'nav.fieldDiary', permission: PERMISSIONS.fieldAdd, helper: 'only' }),
  screen('field/problem', 'field-problem', () => import('@/views/field/ProblemForm.vue'), { titleKey: 'nav.fieldProblem', permission: PERMISSIONS.fieldAdd, helper: 'only' }),
  screen('field/aid', 'field-aid', () => import('@/views/field/AidForm.vue'), { titleKey: 'nav.fieldAid', permission: PERMISSIONS.fieldAdd, helper: 'only' }),
  screen('field/outbox', 'field-outbox', () => import('@/views/field/OutboxView.vue'), { titleKey: 'nav.fieldOutbox', permission: PERMISSIONS.fieldAdd, menu: 'field', helper: 'only' }),
  screen('dashboard', 'dashboard', () => import('@/views/dashboard/DashboardView.vue'), { titleKey: 'nav.dashboard', permission: PERMISSIONS.statsView, menu: 'main' }),
  screen('reports/progress', 'progress-report', () => import('@/views/report/ProgressReportView.vue'), { titleKey: 'nav.progressReport', permission: PERMISSIONS.reportExport, menu: 'main' }),
  screen('regions', 'regions', () => import('@/views/region/RegionView.vue'), { titleKey: 'nav.regions', permission: PERMISSIONS.regionList, menu: 'main' }),
  screen('households', 'households', () => import('@/views/household/HouseholdList.vue'), { titleKey: 'nav.households', permission: PERMISSIONS.householdList, menu: 'main' }),
  screen('households/new', 'household-new', () => import('@/views/household/HouseholdDetail.vue'), { titleKey: 'nav.householdNew', permission: PERMISSIONS.householdAdd }),
  screen('households/:no', 'household', () => import('@/views/household/HouseholdDetail.vue'), { titleKey: 'nav.householdDetail', permission: PERMISSIONS.householdQuery }),
  screen('import', 'import', () => import('@/views/import/ImportView.vue'), { titleKey: 'nav.import', permission: PERMISSIONS.importAdd, menu: 'main' }),
  // 结对帮扶 (docs/pairing.md): after the household list, so a cadre's first screen stays it.
  screen('pairing/board', 'pairing-board', () => import('@/views/pairing/PairingBoard.vue'), { titleKey: 'nav.board', permission: PERMISSIONS.pairingList, menu: 'pairing' }),
  screen('pairing/coverage', 'coverage', () => import('@/views/pairing/CoverageView.vue'), { titleKey: 'nav.coverage', permission: PERMISSIONS.coverageQuery, menu: 'pairing' }),
  screen('pairing/assignment', 'assignment', () => import('@/views/pairing/AssignmentView.vue'), { titleKey: 'nav.assignment', permission: PERMISSIONS.assignmentRun, menu: 'pairing' }),
  screen('pairing/units', 'units', () => import('@/views/pairing/UnitList.vue'), { titleKey: 'nav.units', permission: PERMISSIONS.unitList, menu: 'pairing' }),
  screen('pairing/units/:id', 'unit', () => import('@/views/pairing/UnitDetail.vue'), { titleKey: 'nav.unitDetail', permission: PERMISSIONS.unitQuery }),
  screen('pairing/helpers', 'helpers', () => import('@/views/pairing/HelperList.vue'), { titleKey: 'nav.helpers', permission: PERMISSIONS.helperList, menu: 'pairing' }),
  screen('pairing/helpers/:id', 'helper', () => import('@/views/pairing/HelperDetail.vue'), { titleKey: 'nav.helperDetail', permission: PERMISSIONS.helperQuery }),
  screen('pairing/rules', 'rules', () => import('@/views/pairing/RuleView.vue'), { titleKey: 'nav.rules', permission: PERMISSIONS.ruleQuery, menu: 'pairing' }),
  screen('pairing/organisation', 'organisation', () => import('@/views/pairing/OrganisationView.vue'), { titleKey: 'nav.organisation', permission: PERMISSIONS.organisationQuery, menu: 'pairing' }),
  // The field records and the office's views of them (after the registry and pairing screens,
  // so an office or a leader still lands on the dashboard).
  screen('field/records', 'field-records', () => import('@/views/field/FieldRecords.vue'), { titleKey: 'nav.fieldRecords', permission: PERMISSIONS.fieldList, menu: 'field' }),
  screen('field/progress', 'field-progress', () => import('@/views/field/ProgressView.vue'), { titleKey: 'nav.fieldProgress', permission: PERMISSIONS.progressQuery, menu: 'field', helper: 'never' }),
  screen('field/integrity', 'field-integrity', () => import('@/views/field/IntegrityView.vue'), { titleKey: 'nav.fieldIntegrity', permission: PERMISSIONS.integrityQuery, menu: 'field', helper: 'never' }),
  screen('system/users', 'users', () => import('@/views/system/UserView.vue'), { titleKey: 'nav.users', permission: PERMISSIONS.userList, menu: 'system' }),
  screen('system/roles', 'roles', () => import('@/views/system/RoleView.vue'), { titleKey: 'nav.roles', permission: PERMISSIONS.roleList, menu: 'system' }),
  screen('system/audit', 'audit', () => import('@/views/system/AuditView.vue'), { titleKey: 'nav.audit', permission: PERMISSIONS.auditList, menu: 'system' }),
  screen('system/backup', 'backup', () => import('@/views/system/BackupView.vue'), { titleKey: 'nav.backup', permission: PERMISSIONS.backupExport, menu: 'system' }),
]

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/LoginView.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/error/ErrorView.vue') },
      ...appRoutes,
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/views/error/ErrorView.vue'),
        props: { kind: 'forbidden' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/error/ErrorView.vue'),
        props: { kind: 'notFound' },
      },
    ],
  },
]

/** Whether the signed-in user may open a screen: its permission, and whose screen it is. */
export function routeAllowed(meta: RouteMeta | undefined): boolean {
  const auth = useAuthStore()
  if (meta?.permission && !auth.hasPermission(meta.permission)) return false
  if (meta?.helper === 'only' && !auth.isHelper) return false
  if (meta?.helper === 'never' && auth.isHelper) return false
  return true
}

/** The first screen this user may open: the dashboard for leaders, the field app for cadres. */
export function homeRoute(): RouteLocationRaw {
  const first = appRoutes.find((route) => route.meta?.menu && routeAllowed(route.meta))
  return first?.name ? { name: first.name } : { name: 'forbidden' }
}

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

// A screen's chunk that no longer exists: the server was given a new build (and the service
// worker a new shell) while this page was open. Loading the page anew picks the new build up.
router.onError((error: unknown, to) => {
  const message = error instanceof Error ? error.message : String(error)
  if (/dynamically imported module|Importing a module script failed/i.test(message) && navigator.onLine) {
    window.location.assign(to.fullPath)
  }
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!auth.checked) {
    try {
      await auth.restore()
    } catch {
      // Server unreachable: the sign-in page shows the banner; nothing else can load anyway.
    }
  }
  if (to.meta.public) {
    return auth.signedIn && to.name === 'login' ? homeRoute() : true
  }
  if (!auth.signedIn) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (to.name === 'home') return homeRoute()
  if (!routeAllowed(to.meta)) return { name: 'forbidden' }
  return true
})
