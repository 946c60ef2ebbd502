import { request } from '../request'
import type { Dictionary, Items } from '../types'

export function listDictionary(): Promise<Items<Dictionary>> {
  return request<Items<Dictionary>>('/dictionaries')
}
