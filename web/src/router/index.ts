import { createRouter, createWebHistory, type RouteLocationRaw, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { PERMISSIONS } from '@/utils/permission'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    titleKey?: string
    /** Shown and reachable only with this permission (the server checks it again). */
    permission?: string
    /** In the side menu, with this group ('system' nests under 系统管理). */
    menu?: 'main' | 'system'
  }
}

// Every screen is its own chunk, fetched when first opened: the sign-in page loads no
// chart library, no table, no tree.
export const appRoutes: RouteRecordRaw[] = [
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

/** The first screen this user may open: the dashboard for leaders, the list for cadres. */
export function homeRoute(): RouteLocationRaw {
  const auth = useAuthStore()
  const first = appRoutes.find((route) => route.meta?.menu && (!route.meta.permission || auth.hasPermission(route.meta.permission)))
  return first?.name ? { name: first.name } : { name: 'forbidden' }
}

export const router = createRouter({
  history: createWebHistory(),
  routes,
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
  if (to.meta.permission && !auth.hasPermission(to.meta.permission)) return { name: 'forbidden' }
  return true
})
