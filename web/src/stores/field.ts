import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getMyProgress } from '@/api/fieldwork/progress'
import { listPairing } from '@/api/pairing/pairing'
import { listHousehold } from '@/api/registry/household'
import type { HouseholdSummary, MyProgress, Pairing, RegionRef } from '@/api/types'
import { cachedFetch } from '@/offline/cache'
import { useAuthStore } from './auth'

// What a cadre's screens need about the cadre: their households (the scope of a cadre's
// household list is exactly their pairings), their villages, their own phone (from their
// pairings), their 五个百. Each answer is remembered for use without a connection.
export const useFieldStore = defineStore('field', () => {
  const households = ref<HouseholdSummary[]>([])
  const pairings = ref<Pairing[]>([])
  const progress = ref<MyProgress | null>(null)
  /** When what is shown was fetched, if it came from the phone's memory. */
  const cachedAt = ref<string | null>(null)
  const loaded = ref(false)
  let loading: Promise<void> | null = null

  const villages = computed<RegionRef[]>(() => {
    const byCode = new Map<string, RegionRef>()
    for (const household of households.value) byCode.set(household.village.code, household.village)
    for (const pairing of pairings.value) {
      if (pairing.village_code && !byCode.has(pairing.village_code)) byCode.set(pairing.village_code, { code: pairing.village_code, name: pairing.village_code })
    }
    return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code))
  })

  const myPhone = computed(() => pairings.value.find((pairing) => pairing.helper?.phone)?.helper?.phone ?? '')

  function scope(): string {
    return useAuthStore().user?.username ?? 'nobody'
  }

  async function fetchAll(year: number): Promise<void> {
    const who = scope()
    // Each on its own: a year's progress never fetched before must not hide the households.
    const [mine, paired, own] = await Promise.allSettled([
      cachedFetch(who, 'households', () => listHousehold({ size: 200 })),
      cachedFetch(who, 'pairings', () => listPairing({ size: 200 })),
      cachedFetch(who, `progress-${year}`, () => getMyProgress(year)),
    ])
    const stale: string[] = []
    if (mine.status === 'fulfilled') {
      households.value = mine.value.value.items
      if (!mine.value.fresh) stale.push(mine.value.at)
    }
    if (paired.status === 'fulfilled') {
      pairings.value = paired.value.value.items
      if (!paired.value.fresh) stale.push(paired.value.at)
    }
    if (own.status === 'fulfilled') {
      progress.value = own.value.value
      if (!own.value.fresh) stale.push(own.value.at)
    } else {
      progress.value = null
    }
    cachedAt.value = stale.length ? stale.sort()[0] : null
    loaded.value = true
    const failed = [mine, paired, own].find((answer) => answer.status === 'rejected')
    if (failed) throw failed.reason
  }

  /** Loads once (again with `force`); the same promise for callers at the same time. */
  function load(year: number, force = false): Promise<void> {
    if (!loading || force) {
      loading = fetchAll(year).catch((error: unknown) => {
        loading = null
        throw error
      })
    }
    return loading
  }

  function householdName(householdNo: string): string {
    return households.value.find((household) => household.household_no === householdNo)?.head_name ?? householdNo
  }

  function villageName(code: string): string {
    return villages.value.find((village) => village.code === code)?.name ?? code
  }

  return { households, pairings, progress, cachedAt, loaded, villages, myPhone, load, householdName, villageName }
})
