import { PROGRESS_MEASURES, type AnyFieldRecord, type FieldBody, type FieldKind, type ProgressCounts, type ProgressMeasure } from '@/api/types'

// The pure parts of the field screens (forms to bodies, progress, conflicts), unit-tested apart.

/**
 * The groups of data/dictionaries/work_kind.csv (the 六民 and the five kinds of work):
 * GET /dictionaries gives code and label only, so the grouping is kept here, in step with it.
 */
export const WORK_KIND_GROUPS: { key: 'sixMin' | 'fiveWorks'; codes: string[] }[] = [
  { key: 'sixMin', codes: ['listen', 'opinion', 'wisdom', 'affairs', 'worries', 'warmth'] },
  { key: 'fiveWorks', codes: ['policy', 'public_opinion', 'disputes', 'difficulties', 'party'] },
]

/** Today in the business time zone (Asia/Shanghai), as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** A moment (ISO, any zone) as people in the township read it: YYYY-MM-DD HH:mm, Asia/Shanghai. */
export function shanghaiTime(iso: string): string {
  const moment = new Date(iso)
  if (Number.isNaN(moment.getTime())) return iso
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(moment)
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}

export interface ProgressRow {
  measure: ProgressMeasure
  value: number
  target: number
  expected: number
  /** Of the yearly target, 0..100, never rounded up to 100 before it is reached. */
  percent: number
  behind: boolean
}

export function progressRows(counts: ProgressCounts, targets: ProgressCounts, expected: ProgressCounts): ProgressRow[] {
  return PROGRESS_MEASURES.map((measure) => {
    const value = counts[measure] ?? 0
    const target = targets[measure] ?? 0
    const share = target > 0 ? (value / target) * 100 : 100
    return {
      measure,
      value,
      target,
      expected: expected[measure] ?? 0,
      percent: Math.min(100, Math.floor(share)),
      behind: value < (expected[measure] ?? 0),
    }
  })
}

/** A rollup's counts per cadre (the targets are per cadre), rounded down. */
export function perCadre(counts: ProgressCounts, cadres: number): ProgressCounts {
  const out = {} as ProgressCounts
  for (const measure of PROGRESS_MEASURES) out[measure] = cadres > 0 ? Math.floor((counts[measure] ?? 0) / cadres) : 0
  return out
}

// ---- the forms ----

export interface VisitForm {
  day: string
  /** Empty: the visit was to households (their village is theirs). */
  village_code: string
  household_nos: string[]
  kinds: string[]
  learned: string
  photos: string[]
}

export interface DiaryForm {
  day: string
  village_code: string
  text: string
}

export interface ProblemForm {
  raised_on: string
  household_no: string
  village_code: string
  category: string
  description: string
  due_date: string
}

export interface AidForm {
  day: string
  giver_kind: string
  giver_unit: string
  giver_phone: string
  receiver_kind: string
  household_no: string
  village_code: string
  receiver_name: string
  item: string
  quantity: string
  measure: string
  value_yuan: string
  drive: string
  note: string
}

export interface StationedForm {
  day: string
  village_code: string
  location: string
}

export type FormOf = {
  visits: VisitForm
  diary: DiaryForm
  problems: ProblemForm
  aid: AidForm
  'stationed-days': StationedForm
}

/** Drops empty values, so the server's defaults apply (and a cleared field is not sent as ""). */
function compact(body: Record<string, unknown>): FieldBody {
  const out: FieldBody = {}
  for (const [key, value] of Object.entries(body)) {
    if (value === '' || value === undefined || value === null) continue
    if (Array.isArray(value) && !value.length && key !== 'household_nos' && key !== 'photos') continue
    out[key] = typeof value === 'string' ? value.trim() : (value as FieldBody[string])
  }
  return out
}

export function visitBody(form: VisitForm): FieldBody {
  // A visit to households takes its village from them; one to the whole village names it.
  return compact({
    day: form.day,
    village_code: form.household_nos.length ? '' : form.village_code,
    household_nos: [...form.household_nos],
    kinds: [...form.kinds],
    learned: form.learned,
    photos: [...form.photos],
  })
}

export function diaryBody(form: DiaryForm): FieldBody {
  return compact({ ...form })
}

export function problemBody(form: ProblemForm): FieldBody {
  return compact({ ...form, village_code: form.household_no ? '' : form.village_code })
}

export function aidBody(form: AidForm): FieldBody {
  const body: Record<string, unknown> = { ...form }
  if (form.giver_kind === 'unit') body.giver_phone = ''
  else body.giver_unit = ''
  if (form.receiver_kind === 'household') {
    body.village_code = ''
    body.receiver_name = ''
  } else {
    body.household_no = ''
    if (form.receiver_kind !== 'school') body.receiver_name = ''
  }
  return compact(body)
}

export function stationedBody(form: StationedForm): FieldBody {
  return compact({ ...form })
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])

/** A stored record, or a body waiting in the outbox, back into its form. */
export function visitForm(source: Record<string, unknown>): VisitForm {
  const households = list(source.household_nos)
  return {
    day: text(source.day),
    village_code: households.length ? '' : text(source.village_code),
    household_nos: households,
    kinds: list(source.kinds),
    learned: text(source.learned),
    photos: list(source.photos),
  }
}

export function diaryForm(source: Record<string, unknown>): DiaryForm {
  return { day: text(source.day), village_code: text(source.village_code), text: text(source.text) }
}

export function problemForm(source: Record<string, unknown>): ProblemForm {
  return {
    raised_on: text(source.raised_on),
    household_no: text(source.household_no),
    village_code: text(source.household_no) ? '' : text(source.village_code),
    category: text(source.category),
    description: text(source.description),
    due_date: text(source.due_date),
  }
}

export function aidForm(source: Record<string, unknown>): AidForm {
  return {
    day: text(source.day),
    giver_kind: text(source.giver_kind) || 'helper',
    giver_unit: text(source.giver_unit),
    giver_phone: text(source.giver_phone),
    receiver_kind: text(source.receiver_kind) || 'household',
    household_no: text(source.household_no),
    village_code: text(source.village_code),
    receiver_name: text(source.receiver_name),
    item: text(source.item),
    quantity: text(source.quantity),
    measure: text(source.measure),
    value_yuan: text(source.value_yuan),
    drive: text(source.drive),
    note: text(source.note),
  }
}

/** The fields a kind's conflict is compared on, with what each shows. */
export const CONFLICT_FIELDS: Record<FieldKind, string[]> = {
  'stationed-days': ['day', 'village_code', 'location'],
  visits: ['day', 'village_code', 'household_nos', 'kinds', 'learned', 'photos'],
  diary: ['day', 'village_code', 'text'],
  problems: ['raised_on', 'household_no', 'village_code', 'category', 'description', 'due_date', 'status', 'result'],
  suggestions: ['day', 'village_code', 'addressee', 'content', 'adopted'],
  aid: ['day', 'giver_kind', 'giver_unit', 'giver_phone', 'receiver_kind', 'household_no', 'village_code', 'receiver_name', 'item', 'quantity', 'measure', 'value_yuan', 'drive', 'note'],
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.join('、')
  return String(value)
}

export interface ConflictRow {
  field: string
  mine: string
  theirs: string
  differs: boolean
}

/**
 * Mine against the server's, field by field, for the cadre to choose. A field my body left
 * out (empty) but the server filled in (the village of a household's visit) is not a difference.
 */
export function conflictRows(kind: FieldKind, mine: FieldBody, theirs: AnyFieldRecord | null): ConflictRow[] {
  const server = (theirs ?? {}) as unknown as Record<string, unknown>
  return CONFLICT_FIELDS[kind]
    .filter((field) => field in mine || (server[field] !== undefined && server[field] !== null && shown(server[field]) !== ''))
    .map((field) => {
      const left = shown(mine[field])
      const right = shown(server[field])
      return { field, mine: left, theirs: right, differs: field in mine && left !== right }
    })
}

/** One line saying what a record is, for lists and the outbox (the date first unless left out). */
export function recordSummary(kind: FieldKind, record: Record<string, unknown>, withDay = true): string {
  const clip = (value: unknown, length = 40) => {
    const words = shown(value)
    return words.length > length ? `${words.slice(0, length)}…` : words
  }
  const day = (key: string) => (withDay ? text(record[key]) : '')
  switch (kind) {
    case 'visits': {
      // A stored visit names its households; one waiting in the outbox has their numbers.
      const names = Array.isArray(record.households) ? record.households.map((household) => shown((household as { name?: unknown }).name)) : []
      return [day('day'), clip(names.length ? names : record.household_nos) || text(record.village_code), clip(record.learned)].filter(Boolean).join(' · ')
    }
    case 'diary':
      return [day('day'), clip(record.text)].filter(Boolean).join(' · ')
    case 'problems':
      return [day('raised_on'), text(record.head_name), clip(record.description)].filter(Boolean).join(' · ')
    case 'aid':
      return [day('day'), text(record.item), `${shown(record.quantity)}${text(record.measure_label)}`, text(record.value_yuan) && `${text(record.value_yuan)} 元`, text(record.head_name) || text(record.receiver_name)]
        .filter(Boolean)
        .join(' · ')
    case 'stationed-days':
      return [day('day'), text(record.location) || text(record.village_code)].filter(Boolean).join(' · ')
    case 'suggestions':
      return [day('day'), text(record.addressee_label), clip(record.content)].filter(Boolean).join(' · ')
  }
}
