import { createRouter, createWebHistory, type RouteLocationRaw, type RouteMeta, type RouteRecordRaw } from 'vue-router'
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

// Every screen is its own chunk, fetched when first opened: the sign-in page loads no
// chart library, no table, no tree.
export const appRoutes: RouteRecordRaw[] = [
  // The cadre's phone app (issue 7): first, so a cadre lands on it; it works offline.
  {
    path: 'field',
    name: 'field-home',
    component: () => import('@/views/field/FieldHome.vue'),
    meta: { titleKey: 'nav.fieldHome', permission: PERMISSIONS.fieldAdd, menu: 'field', helper: 'only' },
  },
  {
    path: 'field/visit',
    name: 'field-visit',
    component: () => import('@/views/field/VisitForm.vue'),
    meta: { titleKey: 'nav.fieldVisit', permission: PERMISSIONS.fieldAdd, helper: 'only' },
  },
  {
    path: 'field/diary',
    name: 'field-diary',
    component: () => import('@/views/field/DiaryForm.vue'),
    meta: { titleKey: 'nav.fieldDiary', permission: PERMISSIONS.fieldAdd, helper: 'only' },
  },
  {
    path: 'field/problem',
    name: 'field-problem',
    component: () => import('@/views/field/ProblemForm.vue'),
    meta: { titleKey: 'nav.fieldProblem', permission: PERMISSIONS.fieldAdd, helper: 'only' },
  },
  {
    path: 'field/aid',
    name: 'field-aid',
    component: () => import('@/views/field/AidForm.vue'),
    meta: { titleKey: 'nav.fieldAid', permission: PERMISSIONS.fieldAdd, helper: 'only' },
  },
  {
    path: 'field/outbox',
    name: 'field-outbox',
    component: () => import('@/views/field/OutboxView.vue'),
    meta: { titleKey: 'nav.fieldOutbox', permission: PERMISSIONS.fieldAdd, menu: 'field', helper: 'only' },
  },
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/DashboardView.vue'),
    meta: { titleKey: 'nav.dashboard', permission: PERMISSIONS.statsView, menu: 'main' },
  },
  {
    path: 'regions',
    name: 'regions',
    component: () => import('@/views/region/RegionView.vue'),
    meta: { titleKey: 'nav.regions', permission: PERMISSIONS.regionList, menu: 'main' },
  },
  {
    path: 'households',
    name: 'households',
    component: () => import('@/views/household/HouseholdList.vue'),
    meta: { titleKey: 'nav.households', permission: PERMISSIONS.householdList, menu: 'main' },
  },
  {
    path: 'households/new',
    name: 'household-new',
    component: () => import('@/views/household/HouseholdDetail.vue'),
    meta: { titleKey: 'nav.householdNew', permission: PERMISSIONS.householdAdd },
  },
  {
    path: 'households/:no',
    name: 'household',
    component: () => import('@/views/household/HouseholdDetail.vue'),
    meta: { titleKey: 'nav.householdDetail', permission: PERMISSIONS.householdQuery },
  },
  {
    path: 'import',
    name: 'import',
    component: () => import('@/views/import/ImportView.vue'),
    meta: { titleKey: 'nav.import', permission: PERMISSIONS.importAdd, menu: 'main' },
  },
  // 结对帮扶 (docs/pairing.md): after the household list, so a cadre's first screen stays it.
  {
    path: 'pairing/board',
    name: 'pairing-board',
    component: () => import('@/views/pairing/PairingBoard.vue'),
    meta: { titleKey: 'nav.board', permission: PERMISSIONS.pairingList, menu: 'pairing' },
  },
  {
    path: 'pairing/coverage',
    name: 'coverage',
    component: () => import('@/views/pairing/CoverageView.vue'),
    meta: { titleKey: 'nav.coverage', permission: PERMISSIONS.coverageQuery, menu: 'pairing' },
  },
  {
    path: 'pairing/assignment',
    name: 'assignment',
    component: () => import('@/views/pairing/AssignmentView.vue'),
    meta: { titleKey: 'nav.assignment', permission: PERMISSIONS.assignmentRun, menu: 'pairing' },
  },
  {
    path: 'pairing/units',
    name: 'units',
    component: () => import('@/views/pairing/UnitList.vue'),
    meta: { titleKey: 'nav.units', permission: PERMISSIONS.unitList, menu: 'pairing' },
  },
  {
    path: 'pairing/units/:id',
    name: 'unit',
    component: () => import('@/views/pairing/UnitDetail.vue'),
    meta: { titleKey: 'nav.unitDetail', permission: PERMISSIONS.unitQuery },
  },
  {
    path: 'pairing/helpers',
    name: 'helpers',
    component: () => import('@/views/pairing/HelperList.vue'),
    meta: { titleKey: 'nav.helpers', permission: PERMISSIONS.helperList, menu: 'pairing' },
  },
  {
    path: 'pairing/helpers/:id',
    name: 'helper',
    component: () => import('@/views/pairing/HelperDetail.vue'),
    meta: { titleKey: 'nav.helperDetail', permission: PERMISSIONS.helperQuery },
  },
  {
    path: 'pairing/rules',
    name: 'rules',
    component: () => import('@/views/pairing/RuleView.vue'),
    meta: { titleKey: 'nav.rules', permission: PERMISSIONS.ruleQuery, menu: 'pairing' },
  },
  {
    path: 'pairing/organisation',
    name: 'organisation',
    component: () => import('@/views/pairing/OrganisationView.vue'),
    meta: { titleKey: 'nav.organisation', permission: PERMISSIONS.organisationQuery, menu: 'pairing' },
  },
  // The field records and the office's views of them (after the registry and pairing screens,
  // so an office or a leader still lands on the dashboard).
  {
    path: 'field/records',
    name: 'field-records',
    component: () => import('@/views/field/FieldRecords.vue'),
    meta: { titleKey: 'nav.fieldRecords', permission: PERMISSIONS.fieldList, menu: 'field' },
  },
  {
    path: 'field/progress',
    name: 'field-progress',
    component: () => import('@/views/field/ProgressView.vue'),
    meta: { titleKey: 'nav.fieldProgress', permission: PERMISSIONS.progressQuery, menu: 'field', helper: 'never' },
  },
  {
    path: 'field/integrity',
    name: 'field-integrity',
    component: () => import('@/views/field/IntegrityView.vue'),
    meta: { titleKey: 'nav.fieldIntegrity', permission: PERMISSIONS.integrityQuery, menu: 'field', helper: 'never' },
  },
  {
    path: 'system/users',
    name: 'users',
    component: () => import('@/views/system/UserView.vue'),
    meta: { titleKey: 'nav.users', permission: PERMISSIONS.userList, menu: 'system' },
  },
  {
    path: 'system/roles',
    name: 'roles',
    component: () => import('@/views/system/RoleView.vue'),
    meta: { titleKey: 'nav.roles', permission: PERMISSIONS.roleList, menu: 'system' },
  },
  {
    path: 'system/audit',
    name: 'audit',
    component: () => import('@/views/system/AuditView.vue'),
    meta: { titleKey: 'nav.audit', permission: PERMISSIONS.auditList, menu: 'system' },
  },
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
